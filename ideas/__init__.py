"""The suggestion channel: clients propose product improvements, analysts triage them (SELF-5)."""

"""The solutions search in the REST API (SELF-3, API-1)."""

"""The portal page of the solutions search (SELF-3)."""

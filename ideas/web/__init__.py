"""Portal pages of the suggestion channel (SELF-5)."""

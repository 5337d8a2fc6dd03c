"""Portal pages of the knowledge base."""

"""Download centre: update packages per product and version, behind a permission check (SELF-6, ACC-6)."""

"""The download centre in the REST API (API-1, SELF-6, ACC-6): the list and a package's file."""

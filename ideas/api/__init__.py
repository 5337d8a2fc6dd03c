"""The suggestion channel in the REST API v1 (SELF-5): the same reads and writes as the pages,
through accounts/access and ideas.services; who proposed or supports a suggestion is never part
of an answer."""

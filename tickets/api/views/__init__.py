"""Views of the ticket API, one module per resource."""

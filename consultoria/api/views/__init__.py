"""Views of billable consultancy in the API, one module per resource."""

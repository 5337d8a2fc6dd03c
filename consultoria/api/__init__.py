"""Billable consultancy in the REST API v1 (API-1): views and serializers per resource, urls.py
(included by portal/api_urls.py). Views look the object up through accounts/access (another
company's is a 404 before any role check), validate input, call one consultoria service and answer
the consultancy's detail; errors come from the services through core.api.exception_handler."""

"""REST API v1 (API-1)."""

urlpatterns: list = []

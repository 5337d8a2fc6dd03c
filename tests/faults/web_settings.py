"""The web process of the PostgreSQL-restart test: production settings, but static files without
the manifest (like tests/conftest.py's `_plain_static_storage`: no collectstatic in a test)."""

from portal.settings import *  # noqa: F403
from portal.settings import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

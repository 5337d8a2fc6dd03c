"""gunicorn settings for the portal's WSGI app (`gunicorn -c gunicorn.conf.py portal.wsgi`): used by
`make load` / `make soak` (scripts/load.sh); every value can be overridden by GUNICORN_* variables.

The master imports the application before forking (`preload_app`), then `gc.freeze()` moves every
object loaded so far to a permanent generation: the workers share those pages copy-on-write (the
collector never touches them, so they are not copied into each worker) and each collection has
fewer objects to scan. The chat's WebSockets need the ASGI server (Daphne, the Docker image's);
this serves HTTP.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
keepalive = 5
preload_app = True
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))  # 0: workers are never recycled
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def when_ready(server):
    """The app is loaded in the master (preload_app): freeze what it allocated before forking."""
    gc.collect()
    gc.freeze()
    server.log.info("gc.freeze(): %d objects moved to the permanent generation", gc.get_freeze_count())


def post_fork(server, worker):
    """Database connections are opened per worker, never inherited from the master."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()

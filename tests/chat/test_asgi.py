"""The ASGI side (CHN-3): one application for HTTP and WebSockets; the Redis channel layer in
production, the in-memory one in the embedded default (the one web process of `make run`)."""

import ast
import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings

from tests.portal.test_deployment import _env, _settings


def test_the_channel_layer_is_redis_with_redis_url_and_in_memory_without():
    with_redis = _settings(
        _env(REDIS_URL="redis://cache.example:6379/0"), "CHANNEL_LAYERS", "ASGI_APPLICATION"
    )
    assert "channels_redis.core.RedisChannelLayer" in with_redis["CHANNEL_LAYERS"]
    assert "redis://cache.example:6379/0" in with_redis["CHANNEL_LAYERS"]
    assert with_redis["ASGI_APPLICATION"] == "portal.asgi.application"
    embedded = _settings(_env(), "CHANNEL_LAYERS")
    assert "channels.layers.InMemoryChannelLayer" in embedded["CHANNEL_LAYERS"]


def test_runserver_serves_asgi_daphne_first():
    # `make run` runs `manage.py runserver`: with daphne first it serves HTTP and WebSockets.
    assert settings.INSTALLED_APPS[0] == "daphne" and "channels" in settings.INSTALLED_APPS


def test_http_and_websocket_are_routed_by_the_one_application():
    from portal.asgi import application

    assert set(application.application_mapping) == {"http", "websocket"}


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the suite's Redis (make test)")
def test_an_idle_consumer_still_receives_after_the_blocking_pops_timeout():
    """redis-py 8 reads with a 5 s socket timeout by default, as long as channels_redis's blocking
    pop: an idle WebSocket's receive failed after 5 s and its consumer was torn down. With the
    configured layer, a message sent after 6 s of silence arrives."""
    from channels_redis.core import RedisChannelLayer

    configured = _settings(_env(REDIS_URL=os.environ["REDIS_URL"]), "CHANNEL_LAYERS")
    layers = ast.literal_eval(configured["CHANNEL_LAYERS"])

    async def scenario():
        layer = RedisChannelLayer(**layers["default"]["CONFIG"])
        channel = await layer.new_channel()

        async def later():
            await asyncio.sleep(6)
            await layer.send(channel, {"type": "chat.message", "text": "ainda aqui"})

        sender = asyncio.create_task(later())
        try:
            return await asyncio.wait_for(layer.receive(channel), timeout=20)
        finally:
            await sender
            await layer.flush()

    # In a thread of its own: a browser test's event loop may be running in this worker's thread.
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, scenario()).result()["text"] == "ainda aqui"

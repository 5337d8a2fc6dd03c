"""The ASGI side (CHN-3): one application for HTTP and WebSockets; the Redis channel layer in
production, the in-memory one in the embedded default (the one web process of `make run`)."""

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

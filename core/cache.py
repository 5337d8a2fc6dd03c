"""A Redis cache that survives Redis going down (issue 14, faults): every operation that cannot
reach Redis falls back to this process's own memory, so pages, logins (allauth's rate limits live
in the cache) and ticket opening keep working; the rate limits then count per process until Redis
answers again. Connection failures are logged once a minute per process, not once per call."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
LOG_EVERY = 60.0
OPERATIONS = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "decr",
    "set_many",
    "delete_many",
    "clear",
)


def _resilient(name: str) -> Callable[..., Any]:
    def operation(self: ResilientRedisCache, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(super(ResilientRedisCache, self), name)(*args, **kwargs)
        except UNREACHABLE as error:
            self._unreachable(error)
            return getattr(self._fallback, name)(*args, **kwargs)

    functools.update_wrapper(operation, getattr(RedisCache, name))
    return operation


class ResilientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._fallback = LocMemCache(f"resilient-{server}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._logged_at = 0.0

    def _unreachable(self, error: BaseException) -> None:
        now = time.monotonic()
        if now - self._logged_at > LOG_EVERY:
            self._logged_at = now
            logger.warning("cache: Redis unreachable (%s); using this process's memory", type(error).__name__)

    for _name in OPERATIONS:
        locals()[_name] = _resilient(_name)
    del _name

"""Live updates of a conversation: after the change commits, one event to the conversation's group
(both pages' WebSockets). The channel layer is Redis in production, in-memory under `make run`."""

from __future__ import annotations

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer  # type: ignore[import-untyped]  # no stubs published
from django.db import transaction

logger = logging.getLogger(__name__)


def group_name(conversation_id: int) -> str:
    return f"chat-{conversation_id}"


def _send(conversation_id: int, event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:  # pragma: no cover - CHANNEL_LAYERS is always set
        return
    try:
        async_to_sync(layer.group_send)(group_name(conversation_id), {"type": "chat.event", "event": event})
    except Exception:  # a layer outage never undoes a stored message: the page shows it on reload
        logger.exception("chat: live update of conversation %s not sent", conversation_id)


def broadcast(conversation_id: int, event: dict[str, Any]) -> None:
    transaction.on_commit(lambda: _send(conversation_id, event))

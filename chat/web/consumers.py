"""The live side of a conversation: one WebSocket per open chat page (`/ws/chat/<id>/`).

On connect and on every message the consumer applies the page's rule (accounts.access): anonymous
users and another company's conversation are refused; a user who lost access since connecting (an
inactive contact, a moved one) is refused on their next message and disconnected. Messages go
through the same service as the page's form; every change reaches the group after it commits.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from channels.db import database_sync_to_async  # type: ignore[import-untyped]
from channels.generic.websocket import AsyncJsonWebsocketConsumer  # type: ignore[import-untyped]
from django.utils.translation import gettext as _

from accounts import access
from core.errors import ApplicationError, DomainError, NotFoundError

from .. import selectors, services
from ..services.broadcast import group_name

REFUSED = 4403  # close codes of the application range: the page says why and stops reconnecting


def _access(user_id: int | None, pk: int) -> Any:
    user = selectors.actor_reload(user_id) if user_id else None
    return user, access.access_conversation(user, pk)


def _post(user_id: int | None, pk: int, text: str) -> None:
    user, conversation = _access(user_id, pk)
    services.message_post(actor=user, conversation=conversation, text=text)


def _second_factor_ok(scope: dict[str, Any], user: Any) -> bool:
    """The HTTP rule (accounts.middleware) for the socket: staff need the second factor passed in
    this session, which allauth records in the session the socket shares."""
    if not user.is_authenticated or not access.second_factor_required(user):
        return True
    request = SimpleNamespace(session=scope.get("session"), user=user)
    return access.second_factor_passed(request, user)  # type: ignore[arg-type]


class ChatConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        self.pk = int(self.scope["url_route"]["kwargs"]["pk"])
        user = self.scope.get("user")
        self.user_id = user.pk if user is not None and user.is_authenticated else None
        if user is not None and not await database_sync_to_async(_second_factor_ok)(self.scope, user):
            await self.close(code=REFUSED)  # staff talk to clients only after their second factor
            return
        try:
            await database_sync_to_async(_access)(self.user_id, self.pk)
        except NotFoundError:
            await self.close(code=REFUSED)
            return
        self.group = group_name(self.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict) or content.get("type") != "message":
            await self.send_json({"kind": "error", "text": _("Mensagem não reconhecida.")})
            return
        try:
            await database_sync_to_async(_post)(self.user_id, self.pk, str(content.get("text", "")))
        except NotFoundError:
            await self.send_json({"kind": "error", "text": _("Você não tem mais acesso a esta conversa.")})
            await self.close(code=REFUSED)
        except (DomainError, ApplicationError) as error:
            await self.send_json({"kind": "error", "text": str(error.message)})

    async def chat_event(self, event: dict[str, Any]) -> None:
        await self.send_json(event["event"])

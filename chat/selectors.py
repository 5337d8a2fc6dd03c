"""Reads of the chat pages: every one starts from what the user may see (accounts.access)."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from accounts import access
from accounts.models import User
from tickets.models import Team

from .models import ChatFile, ChatMessage, Conversation


def conversation_messages(conversation: Conversation) -> list[ChatMessage]:
    return list(ChatMessage.objects.filter(conversation=conversation).select_related("author"))


def conversation_files(conversation: Conversation) -> list[ChatFile]:
    return list(ChatFile.objects.filter(conversation=conversation).select_related("uploaded_by"))


def conversations_of_client(user: User) -> QuerySet[Conversation]:
    """The client's recent conversations (their list on the chat page)."""
    return (
        access.conversations_visible_to(user)
        .select_related("company", "client", "analyst", "product", "ticket")
        .order_by("-created_at", "-pk")
    )


_first_text = (
    ChatMessage.objects.filter(conversation=OuterRef("pk")).order_by("created_at", "pk").values("text")[:1]
)


def conversations_waiting(user: User, team_id: int | None = None) -> QuerySet[Conversation]:
    """The queue: waiting conversations, first come first served, of one team if chosen."""
    queryset = (
        access.conversations_visible_to(user)
        .filter(status=Conversation.Status.WAITING)
        .select_related("company", "client", "product", "team")
        .annotate(first_text=Subquery(_first_text))
        .order_by("created_at", "pk")
    )
    if team_id is not None:
        queryset = queryset.filter(team_id=team_id)
    return queryset


def conversations_of_analyst(user: User) -> QuerySet[Conversation]:
    """The analyst's conversations in progress, and the closed ones no ticket came from yet."""
    return (
        access.conversations_visible_to(user)
        .filter(analyst=user, ticket__isnull=True)
        .exclude(status=Conversation.Status.WAITING)
        .select_related("company", "client", "product", "team")
        .order_by("status", "-created_at", "-pk")
    )


def chat_teams() -> QuerySet[Team]:
    return Team.objects.order_by("name")


def actor_reload(user_id: int) -> User | None:
    """The user as they are now (the WebSocket keeps the one of its connection): a contact
    deactivated, or moved, a minute ago is refused on their next message."""
    return User.objects.select_related("contact", "partner_consultant").filter(pk=user_id).first()

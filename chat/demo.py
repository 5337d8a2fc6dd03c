"""Demo data of the chat (CHN-3): one conversation waiting for an analyst, so "Chats em espera"
has something to take. Idempotent: nothing is added once the demo has any conversation."""

from __future__ import annotations

from accounts.models import User
from chat import services
from chat.models import Conversation


def seed_demo() -> None:
    if Conversation.objects.exists():
        return
    client = User.objects.filter(email="carla@horizonte.example").select_related("contact__company").first()
    if client is None or not hasattr(client, "contact"):
        return
    services.conversation_start(
        actor=client,
        company=client.contact.company,
        product=None,
        text="Bom dia! O relatório de faturamento do mês não fecha com o financeiro. Podem me ajudar?",
    )

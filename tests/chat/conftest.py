"""Chat fixtures: a conversation of Alfa's contact, and the in-memory channel layer (one process)."""

import pytest


@pytest.fixture(autouse=True)
def _in_memory_layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def start_chat(world, catalogue, django_capture_on_commit_callbacks):
    """`start_chat(user=None, text=..., product=...)`: a conversation through the service."""
    from chat import services

    def _start(user=None, text="A nota fiscal não transmite: rejeição 539.", product=None, company=None):
        user = user or world.contact.user
        company = company or getattr(getattr(user, "contact", None), "company", None) or world.company
        with django_capture_on_commit_callbacks(execute=True):
            return services.conversation_start(actor=user, company=company, product=product, text=text)

    return _start


@pytest.fixture
def taken_chat(world, start_chat, django_capture_on_commit_callbacks):
    from chat import services

    conversation = start_chat()
    with django_capture_on_commit_callbacks(execute=True):
        return services.conversation_take(actor=world.analyst, conversation=conversation)

"""Portal pages of chat, mounted at the site root by portal/urls.py; the WebSocket route is
mounted by portal/asgi.py."""

from django.urls import path

from .web.consumers import ChatConsumer
from .web.room import (
    ConversationCloseView,
    ConversationView,
    FileUploadView,
    MessagePostView,
    TranscriptEmailView,
    chat_file_download,
)
from .web.staff import ChatQueueView, ConversationTakeView, ConversationTicketView
from .web.start import ConversationStartView

urlpatterns = [
    path("chat/", ConversationStartView.as_view(), name="chat-start"),
    path("chat/atendimento/", ChatQueueView.as_view(), name="chat-queue"),
    path("chat/<id:pk>/", ConversationView.as_view(), name="chat-room"),
    path("chat/<id:pk>/mensagem/", MessagePostView.as_view(), name="chat-message"),
    path("chat/<id:pk>/arquivo/", FileUploadView.as_view(), name="chat-file"),
    path("chat/<id:pk>/enviar-por-email/", TranscriptEmailView.as_view(), name="chat-email"),
    path("chat/<id:pk>/encerrar/", ConversationCloseView.as_view(), name="chat-close"),
    path("chat/<id:pk>/atender/", ConversationTakeView.as_view(), name="chat-take"),
    path("chat/<id:pk>/chamado/", ConversationTicketView.as_view(), name="chat-ticket"),
    path("chat/arquivo/<id:pk>/", chat_file_download, name="chat-file-download"),
]

websocket_urlpatterns = [
    path("ws/chat/<id:pk>/", ChatConsumer.as_asgi()),
]

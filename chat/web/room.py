"""The live page of a conversation, the same for the client and the analyst: the transcript rendered
on the server (readable without JavaScript), the composer, files, "Enviar conversa por e-mail"
and "Encerrar". chat/static/chat.js adds the WebSocket; every form also works as a plain POST."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from accounts import access
from core.errors import ApplicationError, DomainError, ForbiddenError
from core.forms import form_errors_text
from core.http import private_file_response

from .. import presenters, selectors, services
from ..models import Conversation
from .forms import FileForm, MessageForm

S = Conversation.Status


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def room_context(request: HttpRequest, conversation: Conversation, **forms: Any) -> dict[str, Any]:
    user = request.user
    is_staff = access.is_staff(user)
    try:
        access.chat_assert_can_write(user, conversation)
        can_write = True
    except ApplicationError:
        can_write = False
    timeline = presenters.timeline(
        selectors.conversation_messages(conversation), selectors.conversation_files(conversation)
    )
    return {
        "conversation": conversation,
        "timeline": timeline,
        "side": "staff" if is_staff else "client",
        "is_staff": is_staff,
        "status_text": presenters.status_text(conversation),
        "can_write": can_write,
        "can_take": is_staff and conversation.status == S.WAITING,
        "can_close": can_write
        and (not is_staff or conversation.status == S.ACTIVE or access.is_leader(user)),
        "can_generate": is_staff and conversation.ticket_id is None and conversation.status != S.WAITING,
        "ticket": presenters.ticket_event(conversation),
        "message_form": forms.get("message_form") or MessageForm(),
        "file_form": forms.get("file_form") or FileForm(),
    }


class ConversationView(LoginRequiredMixin, View):
    template_name = "chat/room.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        conversation = access.access_conversation(request.user, pk)
        return render(request, self.template_name, room_context(request, conversation))


class _RoomActionView(LoginRequiredMixin, View):
    """POST only; a refusal of the service is the page again with its message (or JSON for the
    page's script), never a 500."""

    http_method_names = ["post"]

    def act(self, request: HttpRequest, conversation: Conversation) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        conversation = access.access_conversation(request.user, pk)
        try:
            done = self.act(request, conversation)
        except DomainError as error:
            return self.refused(request, conversation, str(error.message), error.http_status)
        except ForbiddenError as error:
            return self.refused(request, conversation, str(error.message), 403)
        if _wants_json(request):
            return JsonResponse({"ok": True, "message": done})
        if done:
            messages.success(request, done)
        return redirect(
            getattr(self, "next_url", None) or reverse("chat-room", kwargs={"pk": conversation.pk})
        )

    def refused(
        self, request: HttpRequest, conversation: Conversation, message: str, status: int
    ) -> HttpResponse:
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": message}, status=status)
        context = room_context(request, conversation, **self.forms_with_error(message))
        return render(request, "chat/room.html", {**context, "error": message}, status=status)

    def forms_with_error(self, message: str) -> dict[str, Any]:
        return {}


class MessagePostView(_RoomActionView):
    """The composer without JavaScript (the page's script sends over the WebSocket)."""

    def act(self, request: HttpRequest, conversation: Conversation) -> str:
        form = MessageForm(request.POST)
        if not form.is_valid():
            raise DomainError(form_errors_text(form) or _("Escreva a mensagem."), field="text")
        services.message_post(actor=request.user, conversation=conversation, text=form.cleaned_data["text"])  # type: ignore[arg-type]
        return ""


class FileUploadView(_RoomActionView):
    def act(self, request: HttpRequest, conversation: Conversation) -> str:
        form = FileForm(request.POST, request.FILES)
        if not form.is_valid():
            raise DomainError(form_errors_text(form) or _("Escolha um arquivo."), field="file")
        chat_file = services.file_attach(
            actor=request.user,  # type: ignore[arg-type]
            conversation=conversation,
            upload=form.cleaned_data["file"],
        )
        return _("Arquivo %(name)s enviado.") % {"name": chat_file.original_name}


class TranscriptEmailView(_RoomActionView):
    def act(self, request: HttpRequest, conversation: Conversation) -> str:
        address = services.conversation_email_transcript(actor=request.user, conversation=conversation)  # type: ignore[arg-type]
        return _("A conversa foi enviada por e-mail para %(email)s.") % {"email": address}


class ConversationCloseView(_RoomActionView):
    """Either side closes; the analyst closing a conversation that has no ticket yet goes on to
    generate it (every chat becomes a ticket)."""

    def act(self, request: HttpRequest, conversation: Conversation) -> str:
        services.conversation_close(actor=request.user, conversation=conversation)  # type: ignore[arg-type]
        if access.is_staff(request.user) and conversation.ticket_id is None:
            self.next_url = reverse("chat-ticket", kwargs={"pk": conversation.pk})
            return _("Conversa encerrada. Gere agora o chamado da conversa.")
        return _("Conversa encerrada.")


@login_required
def chat_file_download(request: HttpRequest, pk: int) -> FileResponse:
    """A chat file after the conversation's check (404 otherwise, TEN-2); a client of a company with
    a financial pendency is refused like for ticket files (403, ACC-6)."""
    chat_file = access.access_chat_file(request.user, pk)
    if not access.is_staff(request.user):
        try:
            access.company_assert_can_download(company=chat_file.conversation.company)
        except DomainError as error:
            raise ForbiddenError(error.message, code=error.code) from None
    return private_file_response(
        chat_file.file,
        filename=chat_file.original_name,
        content_type=chat_file.content_type or "application/octet-stream",
    )

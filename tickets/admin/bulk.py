"""Bulk actions of the ticket queue that use canned replies: "Responder com resposta pronta" sends
the chosen reply, filled in for each selected ticket, as one public message per ticket through the
services (refusals are listed and the rest proceeds). Wired into the queue's `actions`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts import access
from core.admin import count_message, run_for_each

from ..models import CannedReply
from ..services.replies import canned_reply_send

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

    from accounts.models import User

    from ..models import Ticket


class CannedReplyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CannedReply) -> str:
        return f"{obj.team.name} · {obj.title}"


class BulkCannedReplyForm(forms.Form):
    reply = CannedReplyChoiceField(
        label=_("Resposta pronta (visível ao cliente)"),
        queryset=CannedReply.objects.none(),
        help_text=_(
            "Cada chamado recebe uma mensagem pública com os marcadores preenchidos para ele "
            "(nome do cliente, número, prazo…), por e-mail e no portal."
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reply"]
        assert isinstance(field, CannedReplyChoiceField)
        field.queryset = access.canned_replies_visible_to(user).filter(is_active=True)


@admin.action(description=_("Responder com resposta pronta…"), permissions=["change"])
def reply_with_canned(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Ticket]) -> Any:
    """One public message per selected ticket, from the chosen canned reply."""
    if modeladmin._too_many(request, queryset):
        return None
    form = BulkCannedReplyForm(request.POST if "apply" in request.POST else None, user=request.user)
    if form.is_bound and form.is_valid():
        reply, actor = form.cleaned_data["reply"], cast("User", request.user)  # staff: the admin site's
        run_for_each(
            modeladmin,
            request,
            queryset.select_related("requester", "company", "team"),
            lambda ticket: canned_reply_send(actor=actor, reply=reply, ticket=ticket),
            count_message(_("%(count)d chamado(s) responderam com “%(title)s”."), title=reply.title),
        )
        return None
    return modeladmin._action_page(
        request,
        queryset,
        form,
        action="reply_with_canned",
        title=_("Responder chamados com uma resposta pronta"),
        submit=_("Enviar aos clientes"),
    )

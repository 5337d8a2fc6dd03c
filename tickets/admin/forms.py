"""Forms of the analysts' back-office (tickets/admin.py): they validate input, services enforce rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from sla.models import Severity

from ..models import TEXT_MAX, Team, Ticket

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
from ..workflow.table import ANALYST, moves_from

ME, QUEUE = "me", "queue"


def analysts() -> QuerySet[User]:
    """Active support staff a ticket can be given to (the service checks again)."""
    return User.objects.filter(
        is_active=True, is_staff=True, role__in=(User.Role.ANALYST, User.Role.LEADER)
    ).order_by("full_name", "email")


def analyst_label(user: User) -> str:
    return f"{user.full_name} ({user.email})" if user.full_name else user.email


def analyst_moves(status: str) -> list[str]:
    """Statuses an analyst may move a ticket to from `status` (TKT-6's table)."""
    return moves_from(status, ANALYST)


class AnalystChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return analyst_label(obj)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the service checks size, type and content (TKT-10)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        # An empty file is the service's to refuse, naming the file: Django's own message was shown too.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


def _reason(required=True, help_text="", rows=3, label=None):
    return forms.CharField(
        label=label or _("Motivo (visível ao cliente)"),
        required=required,
        max_length=TEXT_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


# --- Bulk actions of the changelist ------------------------------------------------------------------


class BulkAssignForm(forms.Form):
    assignee = AnalystChoiceField(label=_("Analista"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = analysts()


class BulkTransferForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Equipe de destino"), queryset=Team.objects.order_by("name"))
    reason = _reason(help_text=_("Fica na linha do tempo de cada chamado, que o cliente lê."))


# --- The ticket work page --------------------------------------------------------------------------------


class TicketActionForm(forms.Form):
    """A form of the work page; `prefix` keeps the ids of the page's forms apart."""

    action: str = ""
    title: StrOrPromise = ""

    def __init__(self, *args, ticket: Ticket, user: User, **kwargs):
        kwargs.setdefault("prefix", self.action)
        super().__init__(*args, **kwargs)
        self.ticket = ticket
        self.user = user

    def first_error(self) -> str:
        """The first message, for the page's banner: the form itself may be far down the page."""
        for _field, errors in self.errors.items():
            return str(errors[0])
        return ""

    def focus_first_error(self) -> None:
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["autofocus"] = True
                return


class ReplyForm(TicketActionForm):
    action = "reply"
    title = _("Responder")
    body = forms.CharField(
        label=_("Mensagem"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("“Enviar ao cliente”: visível ao cliente. “Registrar nota interna”: só a equipe vê."),
    )
    attachments = MultipleFileField(
        label=_("Anexos"), help_text=_("Logs, prints, vídeos: até 10 arquivos de 20 MB.")
    )


class TransitionForm(TicketActionForm):
    action = "transition"
    title = _("Mudar a situação")
    to_status = forms.ChoiceField(label=_("Nova situação"))
    reason = _reason(
        required=False,
        help_text=_(
            "O cliente lê o motivo na linha do tempo. Obrigatório para “Pendência do cliente” "
            "(diga o que falta) e “Validação do cliente” (descreva a solução): nesses dois casos "
            "o texto também vai ao cliente por e-mail."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        moves = [(status, Ticket.Status(status).label) for status in analyst_moves(self.ticket.status)]
        # No preselected move: a status change is a decision, not a default.
        self.fields["to_status"].choices = [("", _("— escolha —")), *moves] if moves else []


class ReclassifyForm(TicketActionForm):
    action = "reclassify"
    title = _("Reclassificar severidade")
    severity = forms.ChoiceField(label=_("Nova severidade"))
    reason = _reason(
        help_text=_(
            "O cliente lê o motivo na linha do tempo. O prazo é recalculado desde a abertura do chamado."
        )
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["severity"].choices = [
            ("", _("— escolha —")),
            *((value, label) for value, label in Severity.choices if value != self.ticket.severity),
        ]


class TransferForm(TicketActionForm):
    action = "transfer"
    title = _("Transferir para outra equipe")
    team = forms.ModelChoiceField(label=_("Equipe de destino"), queryset=Team.objects.none())
    reason = _reason(
        label=_("Mensagem ao cliente (visível ao cliente)"),
        rows=4,
        help_text=_(
            "O cliente lê este texto na linha do tempo, como motivo da transferência. O responsável "
            "atual é liberado: o chamado vai para a fila da equipe."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.exclude(pk=self.ticket.team_id).order_by("name")


class AssignForm(TicketActionForm):
    action = "assign"
    title = _("Responsável")
    assignee = forms.ChoiceField(label=_("Responsável"))

    def __init__(self, *args, team_members=None, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        staff = list(staff if staff is not None else analysts())
        members = set(
            team_members
            if team_members is not None
            else self.ticket.team.members.values_list("pk", flat=True)
        )
        in_team = [(str(u.pk), analyst_label(u)) for u in staff if u.pk in members and u.pk != self.user.pk]
        others = [
            (str(u.pk), analyst_label(u)) for u in staff if u.pk not in members and u.pk != self.user.pk
        ]
        choices = [
            (ME, _("Eu (%(name)s)") % {"name": self.user.full_name or self.user.email}),
            (QUEUE, _("Ninguém: devolver à fila da equipe")),
        ]
        if in_team:
            choices.append((_("Equipe %(team)s") % {"team": self.ticket.team.name}, in_team))
        if others:
            choices.append((_("Outros analistas"), others))
        self.fields["assignee"].choices = choices
        self.fields["assignee"].initial = str(self.ticket.assignee_id) if self.ticket.assignee_id else QUEUE
        if self.ticket.assignee_id == self.user.pk:
            self.fields["assignee"].initial = ME
        self._staff = {str(u.pk): u for u in staff}

    def clean_assignee(self) -> User | None:
        value = self.cleaned_data["assignee"]
        if value == ME:
            return self.user
        if value == QUEUE:
            return None
        return self._staff[value]


class MoveWithMessageForm(TicketActionForm):
    """A dedicated action of the work page: a workflow move whose text is its public message."""

    to_status: str = ""
    body = forms.CharField(max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6}))
    body_label: StrOrPromise = ""
    body_help: StrOrPromise = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = self.body_label
        self.fields["body"].help_text = self.body_help

    @classmethod
    def offered(cls, status: str) -> bool:
        """Whether the workflow lets staff make this move from `status`."""
        return cls.to_status in analyst_moves(status)


class ProposeSolutionForm(MoveWithMessageForm):
    action = "propose"
    title = _("Propor solução")
    to_status = Ticket.Status.AWAITING_VALIDATION
    body_label = _("Solução proposta (visível ao cliente)")
    body_help = _(
        "Vai ao cliente por e-mail e no portal; o chamado passa a “Validação do cliente” e o prazo "
        "para aceitar começa a contar."
    )


class RequestDataForm(MoveWithMessageForm):
    action = "request_data"
    title = _("Pedir dados ao cliente")
    to_status = Ticket.Status.PENDING_CLIENT
    body_label = _("O que falta (visível ao cliente)")
    body_help = _(
        "Diga quais dados, testes ou arquivos faltam. Vai ao cliente por e-mail e no portal; o "
        "relógio do SLA para até ele responder."
    )


class MaintenanceForm(MoveWithMessageForm):
    action = "maintenance"
    title = _("Encaminhar à manutenção")
    to_status = Ticket.Status.IN_MAINTENANCE
    body_label = _("Mensagem ao cliente (visível ao cliente)")
    body_help = _("Explique ao cliente o que vai para a manutenção; vale a meta de manutenção do SLA.")


MOVE_FORMS: tuple[type[MoveWithMessageForm], ...] = (ProposeSolutionForm, RequestDataForm, MaintenanceForm)

WORK_FORMS: dict[str, type[TicketActionForm]] = {
    "reply": ReplyForm,
    "note": ReplyForm,  # the same composer; the button says whether the client reads it (TKT-7)
    "transition": TransitionForm,
    "reclassify": ReclassifyForm,
    "transfer": TransferForm,
    "assign": AssignForm,
    **{form.action: form for form in MOVE_FORMS},
}

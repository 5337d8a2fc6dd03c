"""The ticket itself (TKT-1..4, SEV-1, SLA-1..8, ACP, TKT-9)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, Contact
from sla.models import CalendarSnapshot, Severity

from .catalogue import Product, ProductVersion, Routine, Team
from .policies import AcceptancePolicy

OPEN = ~models.Q(status="closed")
# (leading columns, name suffix) of the queue's partial indexes on open tickets.
QUEUE_INDEX_PREFIXES: tuple[tuple[tuple[str, ...], str], ...] = (
    ((), ""),
    (("team",), "_team"),
    (("assignee",), "_assignee"),
    (("company",), "_company"),
    (("status",), "_status"),
)


# The stored fields `tickets.deadlines.sla_state` reads: what a list loads to show each row's SLA state.
SLA_STATE_FIELDS = ("status", "sla_due_at", "sla_risk_at", "sla_paused")


class Ticket(models.Model):
    class Channel(models.TextChoices):
        PORTAL = "portal", _("Portal")
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Telefone")
        API = "api", _("API")
        CHAT = "chat", _("Chat")

    class Status(models.TextChoices):
        """TKT-6. Who may move a ticket where is tickets/workflow/table.py (MOVES)."""

        NEW = "new", _("Novo")
        IN_ANALYSIS = "in_analysis", _("Em análise")
        PENDING_CLIENT = "pending_client", _("Pendência do cliente")
        IN_MAINTENANCE = "in_maintenance", _("Em manutenção")
        AWAITING_VALIDATION = "awaiting_validation", _("Validação do cliente")
        CLOSED = "closed", _("Encerrado")

    class Kind(models.TextChoices):
        TECHNICAL = "technical", _("Técnico")
        ADMINISTRATIVE = "administrative", _("Administrativo")
        FINANCIAL = "financial", _("Financeiro")

    class Modality(models.TextChoices):
        STANDARD = "standard", _("Suporte padrão")
        CONSULTANCY = "consultancy", _("Consultoria")

    class Environment(models.TextChoices):
        PRODUCTION = "production", _("Produção")
        HOMOLOGATION = "homologation", _("Homologação")
        TEST = "test", _("Teste")
        DEVELOPMENT = "development", _("Desenvolvimento")

    number = models.CharField(_("número"), max_length=8, unique=True, editable=False)
    # No single-column index on company, requester, team or assignee: the composite indexes of
    # Meta lead with each of them, and every index is one more write on each non-HOT update.
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("empresa"), db_index=False
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="requested_tickets",
        db_index=False,
        verbose_name=_("solicitante"),
        help_text=_("O contato (ou consultor do parceiro) em cujo nome o chamado foi aberto."),
    )
    requester_contact = models.ForeignKey(
        Contact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("contato"),
    )
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind.choices, default=Kind.TECHNICAL)
    modality = models.CharField(
        _("modalidade"), max_length=16, choices=Modality.choices, default=Modality.STANDARD
    )
    # No index of their own on the catalogue's keys (product, routine, version, calendar snapshot,
    # acceptance policy): no page looks tickets up by them, and every ticket write would maintain
    # them (a move rewrites every index of its row). Deleting a catalogue entry, which PROTECT
    # refuses while tickets use it, scans the table instead: rare and staff-only.
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("produto"), db_index=False
    )
    routine = models.ForeignKey(
        Routine, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("rotina"), db_index=False
    )
    version = models.ForeignKey(
        ProductVersion,
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("versão"),
        db_index=False,
    )
    environment = models.CharField(_("ambiente"), max_length=16, choices=Environment.choices)
    environment_details = models.CharField(
        _("detalhes do ambiente"),
        max_length=250,
        blank=True,
        help_text=_("Banco de dados, sistema operacional…"),
    )
    summary = models.CharField(_("resumo"), max_length=200)
    description = models.TextField(_("descrição"))
    error_message = models.TextField(_("mensagem de erro"), blank=True)
    particularities = models.TextField(_("particularidades do cenário"), blank=True)

    # SEV-1: the client's answers at opening, and the severity they give (or an analyst's).
    answer_function_unusable = models.BooleanField(_("a função não pode ser usada"), default=False)
    answer_has_workaround = models.BooleanField(_("há solução de contorno"), default=False)
    answer_data_corruption = models.BooleanField(_("há dados sendo corrompidos"), default=False)
    answer_cosmetic = models.BooleanField(_("é só visual (texto, navegação, exibição)"), default=False)
    severity = models.CharField(_("severidade"), max_length=10, choices=Severity.choices)

    status = models.CharField(_("situação"), max_length=24, choices=Status.choices, default=Status.NEW)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("equipe"), db_index=False
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tickets",
        db_index=False,
        verbose_name=_("analista responsável"),
    )

    # CHN-1..3, ACC-4: where the ticket came from, and who registered it (the contact, or the analyst
    # who took the call in the contact's name).
    channel = models.CharField(_("canal"), max_length=10, choices=Channel.choices, default=Channel.PORTAL)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrado por"),
    )

    created_at = models.DateTimeField(_("aberto em"), db_index=True)
    updated_at = models.DateTimeField(_("atualizado em"), auto_now=True)
    status_changed_at = models.DateTimeField(_("situação desde"))
    closed_at = models.DateTimeField(_("encerrado em"), null=True, blank=True)

    # SLA (SLA-1..8): the frozen calendar and the deadlines computed from the opening instant.
    sla_snapshot = models.ForeignKey(
        CalendarSnapshot, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    calendar_slug = models.CharField(_("calendário"), max_length=40)
    response_due_at = models.DateTimeField(_("prazo de atendimento"), null=True, blank=True)
    maintenance_due_at = models.DateTimeField(_("prazo de manutenção"), null=True, blank=True)
    sla_target_seconds = models.PositiveIntegerField(_("meta em segundos úteis"), default=0)
    sla_due_at = models.DateTimeField(
        _("prazo"),
        null=True,
        blank=True,
        help_text=_("Prazo da meta em vigor; vazio enquanto o relógio está parado."),
    )
    sla_risk_at = models.DateTimeField(_("em risco a partir de"), null=True, blank=True)
    sla_paused = models.BooleanField(_("relógio parado"), default=False)
    sla_breached_at = models.DateTimeField(_("prazo estourado em"), null=True, blank=True)
    # SLA-5: the queue's risk order (tickets.deadlines.SLA_RANK: 0 breached, 1 at risk, 2 on time,
    # 3 paused, 4 no deadline, 5 closed) stored so that an index serves the queue. Set by every move
    # and deadline change (tickets.deadlines.apply_sla); the marking job moves "on time" to "at risk"
    # and to "breached" as the clock passes the stored instants (tickets.jobs.sla_rank_refresh).
    sla_rank = models.PositiveSmallIntegerField(_("ordem de risco"), default=4, editable=False)

    # TKT-8 and ACP-4: when the system acts on its own (moves a stale "pending client" to validation,
    # or closes a solution nobody answered). Jobs select on (status, auto_action_at).
    auto_action_at = models.DateTimeField(_("ação automática em"), null=True, blank=True)

    # Acceptance window (ACP-1..5), set when a solution is proposed.
    acceptance_policy = models.ForeignKey(
        AcceptancePolicy, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    acceptance_deadline = models.DateTimeField(_("prazo para validar"), null=True, blank=True)
    acceptance_reminder_at = models.DateTimeField(_("lembrete em"), null=True, blank=True)
    acceptance_reminder_sent_at = models.DateTimeField(_("lembrete enviado em"), null=True, blank=True)
    acceptance_postponed_at = models.DateTimeField(_("adiado em"), null=True, blank=True)

    # TKT-9: a follow-up is a new ticket that carries a link to, and the history of, the original.
    follow_up_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("acompanhamento de"),
    )

    class Meta:
        verbose_name = _("chamado")
        verbose_name_plural = _("chamados")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["company", "-created_at"], name="ticket_company_recent"),
            models.Index(fields=["requester", "-created_at"], name="ticket_requester_recent"),
            models.Index(fields=["status", "sla_due_at"], name="ticket_status_due"),
            models.Index(fields=["team", "status", "sla_due_at"], name="ticket_team_status_due"),
            models.Index(fields=["assignee", "status"], name="ticket_assignee_status"),
            models.Index(fields=["sla_due_at"], name="ticket_due"),
            models.Index(fields=["company", "status", "product"], name="ticket_company_open_product"),
            models.Index(fields=["status", "auto_action_at"], name="ticket_status_auto_action"),
            # The back-office queue (tickets/admin/changelist.py): open tickets in risk order, alone
            # and under the filters that narrow it most (team, assignee, company, status).
            # (PostgreSQL sorts NULLs last in an ascending index: the queue's "deadline, none last".)
            *(
                models.Index(
                    fields=[*prefix, "sla_rank", "sla_due_at", "created_at", "id"],
                    name=f"ticket_queue{suffix}",
                    condition=OPEN,
                )
                for prefix, suffix in QUEUE_INDEX_PREFIXES
            ),
            # The marking job's "on time -> at risk" step reads the on-time tickets by risk instant.
            models.Index(fields=["sla_risk_at"], name="ticket_on_time_risk", condition=models.Q(sla_rank=2)),
            models.Index(
                fields=["acceptance_reminder_at"],
                name="ticket_reminder_due",
                condition=models.Q(status="awaiting_validation", acceptance_reminder_sent_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.summary}"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def can_postpone(self) -> bool:
        """ACP-3: the client may still postpone the acceptance window: once, where the ticket's
        policy gives postponement days (the retail line gives none)."""
        policy = self.acceptance_policy
        return policy is not None and policy.postponement_days > 0 and self.acceptance_postponed_at is None

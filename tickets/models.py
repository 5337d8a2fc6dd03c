"""Tickets: catalogue and routing, the ticket itself, its history, messages and attachments.

TKT-1..7, TKT-10, SEV-1..2, SLA-1..8 in ../shared/SPEC.md. Every write goes through
tickets/services.py; reads that a user triggers go through tickets/selectors.py.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, Contact, ProductLine
from sla.models import CalendarSnapshot, Severity


class Team(models.Model):
    """A queue of analysts (TKT-5): product and routine route tickets to one."""

    name = models.CharField(_("nome"), max_length=100, unique=True)
    slug = models.SlugField(_("identificador"), max_length=40, unique=True)
    description = models.CharField(_("descrição"), max_length=250, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("analistas"),
        related_name="teams",
        blank=True,
        limit_choices_to={"is_staff": True},
    )

    class Meta:
        verbose_name = _("equipe")
        verbose_name_plural = _("equipes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    line = models.ForeignKey(
        ProductLine, on_delete=models.PROTECT, related_name="products", verbose_name=_("linha")
    )
    name = models.CharField(_("nome"), max_length=100)
    default_team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("equipe padrão")
    )
    is_active = models.BooleanField(_("ativo"), default=True)

    class Meta:
        verbose_name = _("produto")
        verbose_name_plural = _("produtos")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["line", "name"], name="product_unique_per_line")]

    def __str__(self) -> str:
        return self.name


class Routine(models.Model):
    """A module/program of a product (TKT-2); its team, when set, receives the tickets (TKT-5)."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="routines", verbose_name=_("produto")
    )
    name = models.CharField(_("nome"), max_length=100)
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("equipe"),
        help_text=_("Em branco: a equipe padrão do produto."),
    )
    is_active = models.BooleanField(_("ativa"), default=True)

    class Meta:
        verbose_name = _("rotina")
        verbose_name_plural = _("rotinas")
        ordering = ["product", "name"]
        constraints = [models.UniqueConstraint(fields=["product", "name"], name="routine_unique_per_product")]

    def __str__(self) -> str:
        return f"{self.product} · {self.name}"


class ProductVersion(models.Model):
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="versions", verbose_name=_("produto")
    )
    name = models.CharField(_("versão/release"), max_length=40)
    is_active = models.BooleanField(_("ativa"), default=True)

    class Meta:
        verbose_name = _("versão")
        verbose_name_plural = _("versões")
        ordering = ["product", "-name"]
        constraints = [models.UniqueConstraint(fields=["product", "name"], name="version_unique_per_product")]

    def __str__(self) -> str:
        return f"{self.product} {self.name}"


class AcceptancePolicy(models.Model):
    """How long a client has to validate a proposed solution (ACP-1..5), per product line.

    The policy without a line is the default (15 calendar days, reminder 4 days before, one
    45-day postponement). The retail variant (ACP-5) uses 5 business days and sends the
    satisfaction survey when the solution is proposed (SRV-1).
    """

    class Unit(models.TextChoices):
        CALENDAR = "calendar", _("dias corridos")
        BUSINESS = "business", _("dias úteis")

    name = models.CharField(_("nome"), max_length=100)
    product_line = models.OneToOneField(
        ProductLine,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="acceptance_policy",
        verbose_name=_("linha de produto"),
        help_text=_("Em branco só na política padrão, usada pelas linhas sem política própria."),
    )
    is_default = models.BooleanField(_("padrão"), default=False, editable=False)
    window_length = models.PositiveSmallIntegerField(_("prazo para validar"), default=15)
    window_unit = models.CharField(_("unidade"), max_length=10, choices=Unit.choices, default=Unit.CALENDAR)
    reminder_before = models.PositiveSmallIntegerField(
        _("lembrete antes do fim (na mesma unidade)"), default=4, help_text=_("0: sem lembrete.")
    )
    postponement_days = models.PositiveSmallIntegerField(
        _("adiamento (dias corridos)"), default=45, help_text=_("0: o cliente não pode adiar.")
    )
    survey_on_validation = models.BooleanField(
        _("pesquisa ao propor a solução"), default=False, help_text=_("Variante do varejo (SRV-1).")
    )

    class Meta:
        verbose_name = _("política de aceite")
        verbose_name_plural = _("políticas de aceite")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="acceptance_one_default"
            ),
            models.CheckConstraint(
                condition=models.Q(is_default=True, product_line__isnull=True)
                | models.Q(is_default=False, product_line__isnull=False),
                name="acceptance_default_has_no_line",
            ),
            models.CheckConstraint(
                condition=models.Q(window_length__gt=0), name="acceptance_window_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Ticket(models.Model):
    class Status(models.TextChoices):
        """TKT-6. Allowed moves are in tickets/services.py (TRANSITIONS)."""

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
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("empresa")
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="requested_tickets",
        verbose_name=_("solicitante"),
        help_text=_("O contato (ou consultor do parceiro) em cujo nome o chamado foi aberto (ACC-4, TEN-3)."),
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
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("produto")
    )
    routine = models.ForeignKey(
        Routine, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("rotina")
    )
    version = models.ForeignKey(
        ProductVersion, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("versão")
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
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("equipe"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tickets",
        verbose_name=_("analista responsável"),
    )

    created_at = models.DateTimeField(_("aberto em"), db_index=True)
    updated_at = models.DateTimeField(_("atualizado em"), auto_now=True)
    status_changed_at = models.DateTimeField(_("situação desde"))
    closed_at = models.DateTimeField(_("encerrado em"), null=True, blank=True)

    # SLA (SLA-1..8): the frozen calendar and the deadlines computed from the opening instant.
    sla_snapshot = models.ForeignKey(CalendarSnapshot, on_delete=models.PROTECT, related_name="+")
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

    # TKT-8 and ACP-4: when the system acts on its own (moves a stale "pending client" to validation,
    # or closes a solution nobody answered). Jobs select on (status, auto_action_at).
    auto_action_at = models.DateTimeField(_("ação automática em"), null=True, blank=True)

    # Acceptance window (ACP-1..5), set when a solution is proposed.
    acceptance_policy = models.ForeignKey(
        AcceptancePolicy, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
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


class TicketEvent(models.Model):
    """The ticket's history (TKT-6): who changed what, when, and why."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Abertura")
        STATUS = "status", _("Mudança de situação")
        SEVERITY = "severity", _("Reclassificação de severidade")
        TRANSFER = "transfer", _("Transferência de equipe")
        ASSIGNMENT = "assignment", _("Atribuição")
        POSTPONED = "postponed", _("Validação adiada")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quem"),
        help_text=_("Vazio: o sistema (tarefa automática)."),
    )
    created_at = models.DateTimeField(_("quando"))
    from_value = models.CharField(_("de"), max_length=100, blank=True)
    to_value = models.CharField(_("para"), max_length=100, blank=True)
    reason = models.TextField(_("motivo"), blank=True)

    class Meta:
        verbose_name = _("evento do chamado")
        verbose_name_plural = _("eventos do chamado")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["ticket", "created_at"])]

    def __str__(self) -> str:
        return f"{self.ticket.number} {self.kind} {self.from_value}→{self.to_value}"


class Message(models.Model):
    """A message of the timeline (TKT-7); internal notes are for analysts only."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("autor")
    )
    body = models.TextField(_("mensagem"))
    is_internal = models.BooleanField(_("nota interna"), default=False)
    created_at = models.DateTimeField(_("enviada em"))

    class Meta:
        verbose_name = _("mensagem")
        verbose_name_plural = _("mensagens")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["ticket", "created_at"])]

    def __str__(self) -> str:
        return f"{self.ticket.number} · {self.author}"

    @property
    def from_staff(self) -> bool:
        return self.author.is_staff


def attachment_path(instance, filename: str) -> str:
    # The stored name is random: the original name is kept in the row, never in the path.
    return f"attachments/{instance.created_at:%Y/%m}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file of a ticket (TKT-10): stored outside the web root, served after a permission check."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(_("arquivo"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("nome do arquivo"), max_length=200)
    content_type = models.CharField(_("tipo de conteúdo"), max_length=100)
    size = models.PositiveBigIntegerField(_("tamanho (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("enviado por")
    )
    created_at = models.DateTimeField(_("enviado em"))

    class Meta:
        verbose_name = _("anexo")
        verbose_name_plural = _("anexos")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class TicketNotice(models.Model):
    """One row per notice a job sent (ACP-2 reminder, SLA breach or risk): the unique
    (ticket, kind, due) makes every periodic job idempotent, even with two beats at once."""

    class Kind(models.TextChoices):
        ACCEPTANCE_REMINDER = "acceptance_reminder", _("Lembrete de validação")
        SLA_AT_RISK = "sla_at_risk", _("SLA em risco")
        SLA_BREACHED = "sla_breached", _("SLA estourado")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("tipo"), max_length=24, choices=Kind.choices)
    due_at = models.DateTimeField(_("referente a"))
    created_at = models.DateTimeField(_("criado em"))

    class Meta:
        verbose_name = _("aviso enviado")
        verbose_name_plural = _("avisos enviados")
        constraints = [models.UniqueConstraint(fields=["ticket", "kind", "due_at"], name="notice_once")]

    def __str__(self) -> str:
        return f"{self.ticket.number} {self.kind} {self.due_at:%Y-%m-%d %H:%M}"


class Survey(models.Model):
    """The satisfaction survey of a ticket (SRV-1..3): one per ticket, answered through a signed
    link, never changing the ticket."""

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="survey")
    analyst = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("analista avaliado"),
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("equipe"))
    sent_at = models.DateTimeField(_("enviada em"))
    answered_at = models.DateTimeField(_("respondida em"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("nota"), null=True, blank=True, choices=[(n, str(n)) for n in range(1, 6)]
    )
    solved = models.BooleanField(_("o problema foi resolvido"), null=True, blank=True)
    comment = models.TextField(_("comentário"), blank=True)

    class Meta:
        verbose_name = _("pesquisa de satisfação")
        verbose_name_plural = _("pesquisas de satisfação")
        indexes = [models.Index(fields=["answered_at"]), models.Index(fields=["analyst", "answered_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="survey_rating_1_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ticket.number} · {self.rating or '—'}"

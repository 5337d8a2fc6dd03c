"""Billable consultancy (CON-1..8): modalities and their billing rules, rates with their yearly IGPM
adjustments, taxes, versioned term templates, and per ticket the consultancy with its term,
sessions and time entries (with every leader's correction kept).

Every write goes through consultoria/services/; amounts are computed by consultoria/billing.py
(exact decimals, rounded half-up to the centavo by `core.money.to_centavo`), never stored.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import PartnerUnit
from tickets.models import Ticket


class Modality(models.Model):
    """A consultancy modality and its billing rule (CON-1), as data the back-office reads."""

    class Code(models.TextChoices):
        MODULE = "module", _("Consultoria do módulo")
        TECHNICAL = "technical", _("Consultoria técnica")
        INVESTIGATIVE = "investigative", _("Consultoria investigativa")
        TELEPHONE = "telephone", _("Consultoria telefônica")
        ONSITE = "onsite", _("Consultoria in loco")

    code = models.CharField(_("código"), max_length=16, choices=Code.choices, unique=True)
    name = models.CharField(_("nome"), max_length=80)
    how_it_starts = models.CharField(_("como começa"), max_length=250)
    billing = models.CharField(_("cobrança"), max_length=250)
    minimum_minutes = models.PositiveSmallIntegerField(
        _("mínimo por sessão (minutos)"), default=0, help_text=_("0: sem mínimo.")
    )
    waived_on_product_defect = models.BooleanField(_("abonada se houver defeito de produto"), default=False)
    waived_on_documentation_defect = models.BooleanField(
        _("abonada se houver defeito de documentação"), default=False
    )
    needs_approval = models.BooleanField(_("precisa de aprovação de um líder"), default=True)
    chosen_at_opening = models.BooleanField(_("escolhida pelo cliente ao abrir o chamado"), default=False)
    billed_to_unit = models.BooleanField(_("faturada à unidade"), default=False)

    class Meta:
        verbose_name = _("modalidade de consultoria")
        verbose_name_plural = _("modalidades de consultoria")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class RateAdjustment(models.Model):
    """The yearly IGPM adjustment (CON-7): every modality's rate × (1 + IGPM) from a date."""

    percentage = models.DecimalField(_("IGPM (%)"), max_digits=6, decimal_places=3)
    valid_from = models.DateField(_("a partir de"), unique=True)
    note = models.CharField(_("observação"), max_length=250, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registrado por")
    )
    recorded_at = models.DateTimeField(_("registrado em"))

    class Meta:
        verbose_name = _("reajuste anual (IGPM)")
        verbose_name_plural = _("reajustes anuais (IGPM)")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"IGPM {self.percentage} % · {self.valid_from:%d/%m/%Y}"


class Rate(models.Model):
    """The price per minute of a modality from a date (CON-7); old rates stay on old terms."""

    modality = models.ForeignKey(
        Modality, on_delete=models.PROTECT, related_name="rates", verbose_name=_("modalidade")
    )
    price_per_minute = models.DecimalField(_("preço por minuto (R$)"), max_digits=10, decimal_places=2)
    valid_from = models.DateField(_("a partir de"))
    adjustment = models.ForeignKey(
        RateAdjustment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rates",
        verbose_name=_("reajuste"),
    )

    class Meta:
        verbose_name = _("tarifa")
        verbose_name_plural = _("tarifas")
        ordering = ["modality", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["modality", "valid_from"], name="rate_once_per_day"),
            models.CheckConstraint(condition=Q(price_per_minute__gt=0), name="rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.modality} · R$ {self.price_per_minute}/min · {self.valid_from:%d/%m/%Y}"


class TaxRate(models.Model):
    """The taxes added to every billed line (CON-3, CON-7), as a percentage from a date."""

    percentage = models.DecimalField(_("impostos (%)"), max_digits=6, decimal_places=3)
    valid_from = models.DateField(_("a partir de"), unique=True)

    class Meta:
        verbose_name = _("alíquota de impostos")
        verbose_name_plural = _("alíquotas de impostos")
        ordering = ["-valid_from"]
        constraints = [models.CheckConstraint(condition=Q(percentage__gte=0), name="tax_not_negative")]

    def __str__(self) -> str:
        return f"{self.percentage} % · {self.valid_from:%d/%m/%Y}"


class TermTemplate(models.Model):
    """The text of a consultancy term for one variant (CON-3), versioned: a change is a new version,
    and an accepted term keeps the exact text and version it was accepted with."""

    class Variant(models.TextChoices):
        END_CLIENT = "end_client", _("Cliente final")
        UNIT = "unit", _("Consultor de unidade ou franquia")
        PROJECT = "project", _("Consultor de projeto")
        CERTIFIED = "certified", _("Consultoria homologada")
        AMS = "ams", _("AMS")

    variant = models.CharField(_("variante"), max_length=16, choices=Variant.choices)
    version = models.PositiveSmallIntegerField(_("versão"), editable=False)
    title = models.CharField(_("título"), max_length=200)
    body = models.TextField(
        _("texto"),
        help_text=_(
            "Campos preenchidos no envio: $modalidade, $preco_por_minuto, $minimo, $impostos, $pagador, "
            "$chamado, $empresa."
        ),
    )
    created_at = models.DateTimeField(_("criado em"))

    class Meta:
        verbose_name = _("modelo de termo")
        verbose_name_plural = _("modelos de termo")
        ordering = ["variant", "-version"]
        constraints = [models.UniqueConstraint(fields=["variant", "version"], name="term_template_version")]

    def __str__(self) -> str:
        return f"{self.get_variant_display()} · v{self.version}"


class Consultancy(models.Model):
    """A ticket's move to billable consultancy (CON-2..5): asked by an analyst, approved by a leader,
    accepted by the client in a term, then worked in sessions."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Aguardando aprovação do líder")
        REFUSED = "refused", _("Recusada pelo líder")
        OFFERED = "offered", _("Termo enviado ao cliente")
        DECLINED = "declined", _("Termo recusado pelo cliente")
        ACCEPTED = "accepted", _("Termo aceito: em atendimento")
        FINISHED = "finished", _("Concluída")

    class Situation(models.TextChoices):
        """The recommended situations of the seeds (CON-2)."""

        NOT_REPRODUCED = "not_reproduced", _("Não reproduzido em ambiente padrão atualizado")
        STORED_RECORDS = "stored_records", _("Ocorre só com determinados registros já gravados")
        ISOLATED = "isolated", _("Comportamento isolado no ambiente do cliente")
        NO_IT_STAFF = "no_it_staff", _("Cliente sem equipe de TI: precisa de acompanhamento remoto")
        OUTDATED = "outdated", _("Ambiente desatualizado, sem patch de correção específico")
        URGENT = "urgent", _("Prioridade urgente: não pode aguardar o prazo do suporte padrão")
        NEVER_IMPLEMENTED = "never_implemented", _("Funcionalidade nunca implantada no cliente")
        INTERMITTENT = "intermittent", _("Erro intermitente que exige instrumentação")

    class Finding(models.TextChoices):
        """What the consultancy found (the waivers of CON-1)."""

        NO_DEFECT = "no_defect", _("Sem defeito de produto ou documentação")
        PRODUCT_DEFECT = "product_defect", _("Defeito de produto")
        DOCUMENTATION_DEFECT = "documentation_defect", _("Defeito de documentação")

    class Payer(models.TextChoices):
        COMPANY = "company", _("A empresa cliente")
        UNIT = "unit", _("A unidade parceira")

    ticket = models.ForeignKey(
        Ticket, on_delete=models.PROTECT, related_name="consultancies", verbose_name=_("chamado")
    )
    modality = models.ForeignKey(
        Modality, on_delete=models.PROTECT, related_name="consultancies", verbose_name=_("modalidade")
    )
    status = models.CharField(_("situação"), max_length=16, choices=Status.choices)
    situation = models.CharField(
        _("situação recomendada"), max_length=24, choices=Situation.choices, blank=True
    )
    request_note = models.TextField(_("justificativa do analista"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("pedida por")
    )
    requested_at = models.DateTimeField(_("pedida em"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decidida por"),
    )
    decided_at = models.DateTimeField(_("decidida em"), null=True, blank=True)
    decision_reason = models.TextField(_("motivo da decisão"), blank=True)
    payer = models.CharField(_("quem paga"), max_length=8, choices=Payer.choices)
    payer_unit = models.ForeignKey(
        PartnerUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultancies",
        verbose_name=_("unidade pagadora"),
    )
    finding = models.CharField(_("conclusão"), max_length=24, choices=Finding.choices, blank=True)
    finished_at = models.DateTimeField(_("concluída em"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultoria")
        verbose_name_plural = _("consultorias")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket"],
                condition=Q(status__in=["requested", "offered", "accepted"]),
                name="consultancy_one_open_per_ticket",
            ),
            models.CheckConstraint(
                condition=Q(payer="company", payer_unit__isnull=True)
                | Q(payer="unit", payer_unit__isnull=False),
                name="consultancy_unit_pays_with_a_unit",
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_at"], name="consultancy_queue")]

    def __str__(self) -> str:
        return f"{self.ticket.number} · {self.modality}"


class Term(models.Model):
    """The term the client accepts before any billable minute (CON-3, ACC-5): its exact text, its
    template and version, the price, minimum and taxes, and who accepted it, when, from where."""

    consultancy = models.OneToOneField(
        Consultancy, on_delete=models.PROTECT, related_name="term", verbose_name=_("consultoria")
    )
    template = models.ForeignKey(
        TermTemplate, on_delete=models.PROTECT, related_name="terms", verbose_name=_("modelo")
    )
    text = models.TextField(_("texto enviado"))
    rate = models.ForeignKey(Rate, on_delete=models.PROTECT, related_name="terms", verbose_name=_("tarifa"))
    price_per_minute = models.DecimalField(_("preço por minuto (R$)"), max_digits=10, decimal_places=2)
    minimum_minutes = models.PositiveSmallIntegerField(_("mínimo por sessão (minutos)"))
    tax_percentage = models.DecimalField(_("impostos (%)"), max_digits=6, decimal_places=3)
    offered_at = models.DateTimeField(_("enviado em"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aceito por"),
    )
    accepted_at = models.DateTimeField(_("aceito em"), null=True, blank=True)
    accepted_from = models.GenericIPAddressField(_("aceito do endereço"), null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recusado por"),
    )
    declined_at = models.DateTimeField(_("recusado em"), null=True, blank=True)
    decline_reason = models.TextField(_("motivo da recusa"), blank=True)

    class Meta:
        verbose_name = _("termo de consultoria")
        verbose_name_plural = _("termos de consultoria")

    def __str__(self) -> str:
        return f"{self.consultancy} · {self.template}"


class Session(models.Model):
    """A consultancy session at the date agreed with the client (CON-5); it belongs to the month of
    its agreed date."""

    consultancy = models.ForeignKey(
        Consultancy, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("consultoria")
    )
    scheduled_for = models.DateTimeField(_("data combinada"), db_index=True)
    note = models.CharField(_("observação"), max_length=250, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("agendada por")
    )
    created_at = models.DateTimeField(_("agendada em"))

    class Meta:
        verbose_name = _("sessão de consultoria")
        verbose_name_plural = _("sessões de consultoria")
        ordering = ["scheduled_for", "pk"]

    def __str__(self) -> str:
        return f"{self.consultancy} · {self.scheduled_for:%d/%m/%Y %H:%M}"


class TimeEntry(models.Model):
    """What an analyst did in a session, from when to when (CON-6). Minutes are whole minutes (end −
    start, rounded up); a leader's correction changes the entry and keeps the old values in
    `TimeEntryCorrection`."""

    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="entries", verbose_name=_("sessão")
    )
    analyst = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="time_entries",
        verbose_name=_("analista"),
    )
    started_at = models.DateTimeField(_("início"))
    ended_at = models.DateTimeField(_("fim"))
    minutes = models.PositiveIntegerField(_("minutos"))
    description = models.TextField(_("o que foi feito"))
    created_at = models.DateTimeField(_("registrado em"))

    class Meta:
        verbose_name = _("apontamento")
        verbose_name_plural = _("apontamentos")
        ordering = ["started_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__gt=models.F("started_at")), name="entry_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(minutes__gte=1), name="entry_at_least_a_minute"),
        ]
        indexes = [models.Index(fields=["analyst", "started_at"], name="entry_analyst_start")]

    def __str__(self) -> str:
        return f"{self.analyst} · {self.started_at:%d/%m/%Y %H:%M} · {self.minutes} min"


class TimeEntryCorrection(models.Model):
    """A leader's correction of an entry (CON-6): the values before and after, who and why."""

    entry = models.ForeignKey(
        TimeEntry, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("apontamento")
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("corrigido por")
    )
    corrected_at = models.DateTimeField(_("corrigido em"))
    reason = models.TextField(_("motivo"))
    old_started_at = models.DateTimeField(_("início anterior"))
    old_ended_at = models.DateTimeField(_("fim anterior"))
    old_minutes = models.PositiveIntegerField(_("minutos anteriores"))
    old_description = models.TextField(_("descrição anterior"))
    new_started_at = models.DateTimeField(_("novo início"))
    new_ended_at = models.DateTimeField(_("novo fim"))
    new_minutes = models.PositiveIntegerField(_("novos minutos"))
    new_description = models.TextField(_("nova descrição"))

    class Meta:
        verbose_name = _("correção de apontamento")
        verbose_name_plural = _("correções de apontamento")
        ordering = ["corrected_at", "pk"]

    def __str__(self) -> str:
        return f"{self.entry} · {self.corrected_by} · {self.corrected_at:%d/%m/%Y %H:%M}"

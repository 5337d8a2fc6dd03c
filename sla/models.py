"""Service calendars, holidays, severity targets and Prime contracts (SEV, SLA, CAL).

The arithmetic lives in `sla/engine.py` (pure Python); these models only describe calendars and
store the frozen snapshots that computed deadlines were based on (CAL-2a).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import UF, Company


class Severity(models.TextChoices):
    """SEV-1: four severities, most severe first."""

    CRITICAL = "critical", _("Crítica")
    HIGH = "high", _("Alta")
    MEDIUM = "medium", _("Média")
    LOW = "low", _("Baixa")


SEVERITY_ORDER = {value: rank for rank, value in enumerate(Severity.values)}


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("segunda-feira")
    TUESDAY = 1, _("terça-feira")
    WEDNESDAY = 2, _("quarta-feira")
    THURSDAY = 3, _("quinta-feira")
    FRIDAY = 4, _("sexta-feira")
    SATURDAY = 5, _("sábado")
    SUNDAY = 6, _("domingo")


class Calendar(models.Model):
    """A service calendar (CAL-1): weekly working intervals, a holiday policy and exceptions."""

    class HolidayPolicy(models.TextChoices):
        NONE = "none", _("Sem feriados (24x7)")
        NATIONAL = "national", _("Feriados nacionais")
        LOCAL = "local", _("Nacionais + estaduais e municipais do cliente")

    slug = models.SlugField(_("identificador"), max_length=40, unique=True)
    name = models.CharField(_("nome"), max_length=120)
    description = models.CharField(_("descrição"), max_length=250, blank=True)
    holiday_policy = models.CharField(
        _("feriados"), max_length=16, choices=HolidayPolicy.choices, default=HolidayPolicy.NATIONAL
    )
    time_zone = models.CharField(_("fuso horário"), max_length=40, default="America/Sao_Paulo")
    updated_at = models.DateTimeField(_("atualizado em"), auto_now=True)

    class Meta:
        verbose_name = _("calendário de atendimento")
        verbose_name_plural = _("calendários de atendimento")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CalendarInterval(models.Model):
    """One working interval of a weekday, in local wall-clock time. End 00:00 means 24:00."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="intervals")
    weekday = models.PositiveSmallIntegerField(_("dia da semana"), choices=Weekday.choices)
    start = models.TimeField(_("início"))
    end = models.TimeField(_("fim"), help_text=_("00:00 significa 24:00 (até o fim do dia)."))

    class Meta:
        verbose_name = _("intervalo de trabalho")
        verbose_name_plural = _("intervalos de trabalho")
        ordering = ["calendar", "weekday", "start"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def seconds(self) -> tuple[int, int]:
        start = self.start.hour * 3600 + self.start.minute * 60 + self.start.second
        end = self.end.hour * 3600 + self.end.minute * 60 + self.end.second
        return start, end or 86400

    def clean(self):
        start, end = self.seconds
        if start >= end:
            raise ValidationError(_("O fim do intervalo deve ser depois do início (use 00:00 para 24:00)."))


class CalendarException(models.Model):
    """A date closed on this calendar (e.g. Carnival, CAL-2a) or a special working date."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("Fechado (sem expediente)")
        WORKING = "working", _("Expediente especial")

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("data"))
    kind = models.CharField(_("tipo"), max_length=10, choices=Kind.choices)
    start = models.TimeField(_("início"), null=True, blank=True, help_text=_("Só para expediente especial."))
    end = models.TimeField(_("fim"), null=True, blank=True, help_text=_("00:00 significa 24:00."))
    description = models.CharField(_("descrição"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("exceção do calendário")
        verbose_name_plural = _("exceções do calendário")
        ordering = ["calendar", "date", "start"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"

    def clean(self):
        if self.kind == self.Kind.WORKING:
            if self.start is None or self.end is None:
                raise ValidationError(_("Informe início e fim do expediente especial."))
            end = self.end.hour * 3600 + self.end.minute * 60 or 86400
            if self.start.hour * 3600 + self.start.minute * 60 >= end:
                raise ValidationError(_("O fim do expediente deve ser depois do início."))


class Holiday(models.Model):
    """A public holiday (CAL-2): national, state, municipal (from `holidays` or the admin) or a
    company's own date (admin)."""

    class Scope(models.TextChoices):
        NATIONAL = "national", _("Nacional")
        STATE = "state", _("Estadual")
        MUNICIPAL = "municipal", _("Municipal")
        COMPANY = "company", _("Da empresa")

    class Source(models.TextChoices):
        PACKAGE = "package", _("Pacote holidays")
        ADMIN = "admin", _("Cadastrado no back-office")

    date = models.DateField(_("data"))
    name = models.CharField(_("nome"), max_length=120)
    scope = models.CharField(_("abrangência"), max_length=10, choices=Scope.choices)
    state = models.CharField(_("UF"), max_length=2, choices=UF.choices, blank=True)
    municipality = models.CharField(_("município"), max_length=120, blank=True)
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="holidays",
        verbose_name=_("empresa"),
    )
    source = models.CharField(_("origem"), max_length=10, choices=Source.choices, default=Source.ADMIN)

    class Meta:
        verbose_name = _("feriado")
        verbose_name_plural = _("feriados")
        ordering = ["date", "scope"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "scope", "state", "municipality"],
                condition=~models.Q(scope="company"),
                name="holiday_unique_per_place",
            ),
            models.UniqueConstraint(
                fields=["date", "company"],
                condition=models.Q(scope="company"),
                name="holiday_unique_per_company",
            ),
            models.CheckConstraint(
                name="holiday_scope_fields",
                condition=(
                    models.Q(scope="national", state="", municipality="", company__isnull=True)
                    | models.Q(scope="state", municipality="", company__isnull=True) & ~models.Q(state="")
                    | models.Q(scope="municipal", company__isnull=True)
                    & ~models.Q(state="")
                    & ~models.Q(municipality="")
                    | models.Q(scope="company", company__isnull=False)
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["scope", "date"]),
            models.Index(fields=["state", "municipality", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"

    def clean(self):
        required = {
            self.Scope.STATE: ("state",),
            self.Scope.MUNICIPAL: ("state", "municipality"),
            self.Scope.COMPANY: ("company",),
        }.get(self.scope, ())
        missing = [
            name for name in required if not getattr(self, name if name != "company" else "company_id")
        ]
        if missing:
            raise ValidationError(dict.fromkeys(missing, _("Obrigatório para esta abrangência.")))


class SeverityTarget(models.Model):
    """SEV-1 targets: response/solution in business hours, maintenance in business days."""

    severity = models.CharField(_("severidade"), max_length=10, choices=Severity.choices, unique=True)
    response_hours = models.PositiveIntegerField(_("atendimento/solução (horas úteis)"))
    maintenance_days = models.PositiveIntegerField(_("manutenção (dias úteis)"))

    class Meta:
        verbose_name = _("prazo por severidade")
        verbose_name_plural = _("prazos por severidade")

    def __str__(self) -> str:
        return self.get_severity_display()


class PrimeContract(models.Model):
    """SLA-8: a Prime contract overrides targets per severity and, optionally, the calendar."""

    company = models.OneToOneField(
        Company, on_delete=models.CASCADE, related_name="prime_contract", verbose_name=_("empresa")
    )
    calendar = models.ForeignKey(
        Calendar,
        on_delete=models.PROTECT,
        verbose_name=_("calendário"),
        help_text=_("Prime (seg–sex 07:00–19:00) ou Prime 24x7."),
    )
    starts_on = models.DateField(_("início da vigência"))
    ends_on = models.DateField(_("fim da vigência"), null=True, blank=True)
    notes = models.CharField(_("observações"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("contrato Prime")
        verbose_name_plural = _("contratos Prime")

    def __str__(self) -> str:
        return f"Prime · {self.company}"

    def is_in_force(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class PrimeTarget(models.Model):
    contract = models.ForeignKey(PrimeContract, on_delete=models.CASCADE, related_name="targets")
    severity = models.CharField(_("severidade"), max_length=10, choices=Severity.choices)
    response_hours = models.PositiveIntegerField(_("atendimento/solução (horas úteis)"))
    maintenance_days = models.PositiveIntegerField(_("manutenção (dias úteis)"))

    class Meta:
        verbose_name = _("prazo do contrato Prime")
        verbose_name_plural = _("prazos do contrato Prime")
        constraints = [models.UniqueConstraint(fields=["contract", "severity"], name="prime_target_unique")]

    def __str__(self) -> str:
        return self.get_severity_display()


class CalendarSnapshot(models.Model):
    """The exact calendar a deadline was computed with: schedule, closed and special dates (CAL-2a).

    Tickets keep a reference to their snapshot, so later changes to a calendar, to the holiday
    rows or to the `holidays` package never move a deadline already promised. Identical
    calendars share one row (`digest`).
    """

    calendar = models.ForeignKey(Calendar, on_delete=models.PROTECT, related_name="snapshots")
    digest = models.CharField(max_length=64, unique=True)
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("versão de calendário")
        verbose_name_plural = _("versões de calendário")

    def __str__(self) -> str:
        return f"{self.calendar.slug} @ {self.digest[:10]}"

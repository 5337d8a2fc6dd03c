"""The dashboard's figures as panels: one table (header and rows, the same cells on the page and in
the CSV file) and the chart drawn from the same numbers (Chart.js data, read by
static/dashboards/dashboard.js)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts.models import User
from core.periods import format_local
from tickets.models import Ticket

from . import selectors
from .selectors import (
    AGE_BUCKETS,
    BacklogStatus,
    BreachesComing,
    DeflectionMonth,
    Filters,
    Satisfaction,
    SatisfactionMonth,
    SlaMonth,
)

Cell = str | int


@dataclass(frozen=True)
class Link:
    """A cell that links somewhere on the page (its text alone in the CSV file)."""

    text: str
    url: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Panel:
    key: str  # also the CSV route's and the chart element's name
    title: str
    explanation: str
    header: list[str]
    rows: list[list[Cell | Link]]
    chart: dict[str, Any] | None = None
    empty: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    text_columns: int = 1  # the leading columns that hold names, not figures

    @property
    def columns(self) -> list[tuple[str, bool]]:
        """(header, is a figure) of each column: figures are right-aligned."""
        return [(name, i >= self.text_columns) for i, name in enumerate(self.header)]

    @property
    def cells(self) -> list[list[tuple[Cell | Link, bool]]]:
        return [[(cell, i >= self.text_columns) for i, cell in enumerate(row)] for row in self.rows]

    @property
    def csv_rows(self) -> list[list[Cell]]:
        return [[str(cell) if isinstance(cell, Link) else cell for cell in row] for row in self.rows]

    @property
    def chart_id(self) -> str:
        return f"chart-{self.key}"


def month_label(month: date) -> str:
    return month.strftime("%m/%Y")


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _cell(value: int | None) -> Cell:
    return value if value is not None else "—"


def _decimal(value: float | None) -> str:
    return number_format(value, 1) if value is not None else "—"


def _series(labels: list[date], values: dict[tuple[str, date], float | int | None]) -> list[dict[str, Any]]:
    """One dataset per name, a value (or a gap) per month."""
    names = sorted({name for name, _month in values})
    return [{"label": name, "data": [values.get((name, month)) for month in labels]} for name in names]


def sla_panel(filters: Filters, found: list[SlaMonth]) -> Panel:
    months = filters.month_starts
    rows: list[list[Cell | Link]] = []
    rates: dict[tuple[str, date], float | int | None] = {}
    for item in found:
        rate = _percent(item.met, item.closed)
        rates[(item.team, item.month)] = rate
        rows.append(
            [item.team, month_label(item.month), item.closed, item.met, item.closed - item.met, _cell(rate)]
        )
    return Panel(
        key="sla",
        title=_("Cumprimento do prazo (SLA) por equipe e mês"),
        explanation=_(
            "Chamados encerrados em cada mês. No prazo: o prazo do chamado nunca chegou a estourar "
            "(o tempo de espera pelo cliente não conta)."
        ),
        header=[
            _("Equipe"),
            _("Mês"),
            _("Encerrados"),
            _("No prazo"),
            _("Estourados"),
            _("Percentual no prazo"),
        ],
        rows=rows,
        chart={
            "type": "line",
            "labels": [month_label(month) for month in months],
            "datasets": _series(months, rates),
            "yMax": 100,
            "unit": "%",
        },
        empty=_("Nenhum chamado encerrado no período."),
    )


def backlog_panel(found: list[BacklogStatus]) -> Panel:
    labels = dict(Ticket.Status.choices)
    bucket_names = {
        "0-2": _("0 a 2 dias"),
        "3-7": _("3 a 7 dias"),
        "8-30": _("8 a 30 dias"),
        "31+": _("Mais de 30 dias"),
    }
    keys = [key for key, _first, _last in AGE_BUCKETS]
    return Panel(
        key="backlog",
        title=_("Chamados abertos por situação e idade"),
        explanation=_("Chamados ainda não encerrados, pela idade em dias corridos desde a abertura."),
        header=[_("Situação"), *(bucket_names[key] for key in keys), _("Total")],
        rows=[[str(labels[item.status]), *(item.by_age[key] for key in keys), item.total] for item in found],
        chart={
            "type": "bar",
            "stacked": True,
            "labels": [str(labels[item.status]) for item in found],
            "datasets": [
                {"label": bucket_names[key], "data": [item.by_age[key] for item in found]} for key in keys
            ],
        },
        empty=_("Nenhum chamado aberto."),
    )


def _queue_url(team_id: int | None = None) -> str:
    url = reverse("admin:tickets_ticket_changelist")
    return f"{url}?equipe={team_id}" if team_id is not None else url


def breaches_panel(breaches: BreachesComing) -> Panel:
    horizon = format_local(breaches.horizon)
    by_team = breaches.by_team
    tickets = [
        {
            "number": ticket.number,
            "url": reverse("admin:tickets_ticket_change", args=[ticket.pk]),
            "summary": ticket.summary,
            "company": ticket.company.trade_name,
            "team": ticket.team.name,
            "assignee": ticket.assignee.full_name if ticket.assignee else _("Na fila"),
            "due": format_local(ticket.sla_due_at),
        }
        for ticket in breaches.tickets
    ]
    return Panel(
        key="prazos",
        title=_("Prazos que estouram até o fim do próximo dia útil"),
        explanation=_(
            "Chamados com o relógio correndo cujo prazo vence até %(horizon)s (fim do próximo dia útil "
            "do calendário de suporte técnico), e os já estourados, por equipe."
        )
        % {"horizon": horizon},
        header=[_("Equipe"), _("Vencem até o fim do próximo dia útil"), _("Já estourados")],
        rows=[
            [Link(item.team, _queue_url(item.team_id)), item.coming, item.breached]
            for item in breaches.by_team
        ],
        chart={
            "type": "bar",
            "labels": [item.team for item in breaches.by_team],
            "datasets": [
                {
                    "label": _("Vencem até o fim do próximo dia útil"),
                    "data": [i.coming for i in breaches.by_team],
                },
                {"label": _("Já estourados"), "data": [i.breached for i in by_team]},
            ],
        },
        empty=_("Nenhum prazo vence até o fim do próximo dia útil."),
        extra={"tickets": tickets, "total": breaches.total, "queue_url": _queue_url(), "horizon": horizon},
    )


def _satisfaction_rows(items: list[SatisfactionMonth], with_analyst: bool) -> list[list[Cell | Link]]:
    return [
        [
            *([item.analyst or _("(sem analista atribuído)")] if with_analyst else []),
            item.team,
            month_label(item.month),
            item.answered,
            _decimal(item.average),
        ]
        for item in items
    ]


def satisfaction_panels(filters: Filters, found: Satisfaction) -> list[Panel]:
    months = filters.month_starts
    averages: dict[tuple[str, date], float | int | None] = {
        (item.team, item.month): round(item.average, 2) if item.average is not None else None
        for item in found.by_team
    }
    comments = [
        {
            "when": format_local(survey.answered_at),
            "number": survey.ticket.number,
            "url": reverse("admin:surveys_survey_change", args=[survey.pk]),
            "rating": survey.rating,
            "analyst": survey.analyst.full_name if survey.analyst else _("(sem analista atribuído)"),
            "team": survey.team.name,
            "comment": survey.comment,
        }
        for survey in found.comments
    ]
    common = [_("Equipe"), _("Mês"), _("Respostas"), _("Nota média (1 a 5)")]
    return [
        Panel(
            key="satisfacao",
            title=_("Satisfação por equipe ao longo do tempo"),
            explanation=_("Pesquisas respondidas em cada mês: quantidade e nota média, de 1 a 5."),
            header=common,
            rows=_satisfaction_rows(found.by_team, with_analyst=False),
            chart={
                "type": "line",
                "labels": [month_label(month) for month in months],
                "datasets": _series(months, averages),
                "yMin": 1,
                "yMax": 5,
            },
            empty=_("Nenhuma pesquisa respondida no período."),
            extra={"comments": comments},
        ),
        Panel(
            key="satisfacao-analistas",
            title=_("Satisfação por analista"),
            explanation=_("As mesmas pesquisas, pelo analista avaliado."),
            header=[_("Analista"), *common],
            text_columns=2,
            rows=_satisfaction_rows(found.by_analyst, with_analyst=True),
            empty=_("Nenhuma pesquisa respondida no período."),
        ),
    ]


def deflection_panel(found: list[DeflectionMonth]) -> Panel:
    rows: list[list[Cell | Link]] = []
    for item in found:
        rate = _percent(item.deflected, item.deflected + item.opened)
        rows.append(
            [
                month_label(item.month),
                item.deflected,
                item.opened,
                _cell(rate),
                item.helpful,
                item.not_helpful,
            ]
        )
    labels = [month_label(item.month) for item in found]
    return Panel(
        key="evitados",
        title=_("Chamados evitados pela base de conhecimento"),
        explanation=_(
            "Evitados: ao abrir um chamado, o cliente leu um artigo ou solução sugerida e disse que ela "
            "resolveu, sem abrir o chamado. A taxa é evitados ÷ (evitados + chamados abertos pelo portal). "
            "É o que o cliente declara; um chamado aberto depois por outro caminho não é descontado. "
            "Ajudou e Não ajudou são as respostas dos leitores a “Esta resposta ajudou?” nos artigos. "
            "Vale para todas as equipes: um chamado evitado não tem equipe."
        ),
        header=[
            _("Mês"),
            _("Evitados"),
            _("Abertos pelo portal"),
            _("Percentual evitado"),
            _("Ajudou"),
            _("Não ajudou"),
        ],
        rows=rows,
        chart={
            "type": "bar",
            "labels": labels,
            "datasets": [
                {"label": _("Evitados"), "data": [item.deflected for item in found]},
                {"label": _("Abertos pelo portal"), "data": [item.opened for item in found]},
            ],
        },
    )


def _panels_of(user: User, filters: Filters, key: str | None) -> list[Panel]:
    """The panels of `key` (one chart and its table; the satisfaction's two tables come together), or
    every panel: each part reads only what it shows."""
    built: list[Panel] = []
    if key in (None, "sla"):
        built.append(sla_panel(filters, selectors.sla_compliance(user, filters)))
    if key in (None, "backlog"):
        built.append(backlog_panel(selectors.backlog(user, filters)))
    if key in (None, "prazos"):
        built.append(breaches_panel(selectors.breaches_coming(user, filters)))
    if key in (None, "satisfacao", "satisfacao-analistas"):
        built += satisfaction_panels(filters, selectors.satisfaction(user, filters))
    if key in (None, "evitados"):
        built.append(deflection_panel(selectors.deflection(user, filters)))
    return built


PANEL_KEYS = ("sla", "backlog", "prazos", "satisfacao", "satisfacao-analistas", "evitados")


def dashboard_panels(user: User, filters: Filters) -> list[Panel]:
    """Every panel, in the page's order (leaders only: each selector says so)."""
    return _panels_of(user, filters, None)


def dashboard_panel(user: User, filters: Filters, key: str) -> Panel:
    """One panel, for its CSV file."""
    return next(panel for panel in _panels_of(user, filters, key) if panel.key == key)


def csv_filename(key: str, filters: Filters) -> str:
    return f"painel-{key}-{filters.now:%Y%m%d}.csv"

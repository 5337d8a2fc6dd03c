"""The leaders' dashboard in the back-office: who opens it, what it shows, its CSV files (every cell
through the one CSV writer) and a constant number of queries whatever the data volume."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dashboards.panels import PANEL_KEYS
from surveys.models import Survey
from tests.factories import TeamFactory
from tests.helpers import logged_in
from tickets.models import Ticket

pytestmark = pytest.mark.django_db

URL = "/admin/painel/"
S = Ticket.Status


def test_the_dashboard_lives_in_the_back_office():
    assert reverse("admin:dashboards") == URL
    assert reverse("admin:dashboards-sla") == "/admin/painel/sla.csv"


@pytest.mark.parametrize("role", ["leader", "analyst", "contact", "admin", "anonymous"])
def test_only_leaders_open_the_dashboard_and_its_files(client, roles, role):
    logged_in(client, roles.get(role))
    expected = {"leader": 200, "analyst": 403}.get(role, 302)
    for url in [URL, *(reverse(f"admin:dashboards-{key}") for key in PANEL_KEYS)]:
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 302:
            assert response["Location"].startswith("/admin/login/")


def test_leaders_find_the_dashboard_on_the_back_office_index_and_side_menu(client, world):
    logged_in(client, world.leader)
    index = client.get("/admin/").content.decode()
    assert index.count(f'href="{URL}"') >= 2  # the section title and its page link
    page = client.get(URL).content.decode()
    assert f'href="{URL}" aria-current="page"' in page  # the side menu marks it

    logged_in(client, world.analyst)
    assert f'href="{URL}"' not in client.get("/admin/").content.decode()


def _crafted(make_ticket, catalogue, world, size=1):
    now = timezone.now()
    for _i in range(size):
        make_ticket(status=S.CLOSED, created_at=now - timedelta(days=3), closed_at=now - timedelta(minutes=2))
        make_ticket(
            status=S.CLOSED,
            created_at=now - timedelta(days=3),
            closed_at=now - timedelta(minutes=1),
            sla_breached_at=now - timedelta(minutes=2),
        )
        make_ticket(status=S.NEW, created_at=now - timedelta(days=40), sla_due_at=now + timedelta(minutes=30))
        make_ticket(
            status=S.IN_ANALYSIS, created_at=now - timedelta(days=1), sla_due_at=now - timedelta(minutes=1)
        )
        ticket = make_ticket(
            status=S.CLOSED, created_at=now - timedelta(days=2), closed_at=now - timedelta(minutes=3)
        )
        Survey.objects.create(
            ticket=ticket,
            analyst=world.analyst,
            team=catalogue.team,
            sent_at=now - timedelta(minutes=3),
            answered_at=now - timedelta(minutes=2),
            rating=4,
            comment="Resolveram rápido.",
        )


def test_the_page_shows_each_chart_with_its_table(client, world, catalogue, make_ticket):
    _crafted(make_ticket, catalogue, world)
    response = logged_in(client, world.leader).get(URL)
    assert response.status_code == 200
    panels = {panel.key: panel for panel in response.context["panels"]}
    assert list(panels) == list(PANEL_KEYS)
    month = timezone.localtime(timezone.now()).strftime("%m/%Y")
    assert panels["sla"].rows == [["Backoffice", month, 3, 2, 1, 67]]  # the surveyed ticket too
    assert [row[0] for row in panels["backlog"].rows] == ["Novo", "Em análise"]
    assert panels["backlog"].rows[0] == ["Novo", 0, 0, 0, 1, 1]
    assert [[str(cell) for cell in row] for row in panels["prazos"].rows] in (
        [["Backoffice", "1", "1"]],
        [["Backoffice", "0", "1"]],  # the deadline 30 min away may fall after the next business day
    )
    assert panels["satisfacao"].rows == [["Backoffice", month, 1, "4,0"]]
    html = response.content.decode()
    for key in ("sla", "backlog", "prazos", "satisfacao", "evitados"):
        assert f'<canvas id="chart-{key}"' in html
    assert 'id="dashboard-charts" type="application/json"' in html
    assert "Resolveram rápido." in html
    assert "<script>" not in html  # no inline script: the charts are drawn by a static file
    assert 'style="' not in html.split('id="content-main"')[1]
    queue = reverse("admin:tickets_ticket_changelist") + f"?equipe={catalogue.team.pk}"
    assert f'href="{queue}"' in html


def test_a_team_filter_keeps_its_figures_and_a_bad_filter_is_a_clear_400(
    client, world, catalogue, make_ticket
):
    _crafted(make_ticket, catalogue, world)
    logged_in(client, world.leader)
    response = client.get(URL, {"equipe": catalogue.fiscal_team.pk, "meses": 12})
    assert response.status_code == 200
    panels = {panel.key: panel for panel in response.context["panels"]}
    assert panels["sla"].rows == panels["backlog"].rows == panels["satisfacao"].rows == []

    response = client.get(URL, {"meses": "99"})
    assert response.status_code == 400
    assert "Escolha um período de 3, 6 ou 12 meses." in response.content.decode()
    response = client.get(reverse("admin:dashboards-sla"), {"equipe": "abc"})
    assert response.status_code == 400
    assert "Escolha uma equipe da lista." in response.content.decode()


def _csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_each_table_downloads_as_csv_with_the_same_figures(client, world, catalogue, make_ticket):
    _crafted(make_ticket, catalogue, world)
    logged_in(client, world.leader)
    month = timezone.localtime(timezone.now()).strftime("%m/%Y")
    response = client.get(reverse("admin:dashboards-sla"))
    assert response["Content-Disposition"].startswith('attachment; filename="painel-sla-')
    assert _csv(response) == [
        ["Equipe", "Mês", "Encerrados", "No prazo", "Estourados", "Percentual no prazo"],
        ["Backoffice", month, "3", "2", "1", "67"],
    ]
    rows = _csv(client.get(reverse("admin:dashboards-satisfacao-analistas")))
    assert rows[1] == [world.analyst.full_name, "Backoffice", month, "1", "4,0"]


def test_csv_cells_written_as_formulas_are_guarded(client, world, catalogue, make_ticket):
    """A team or an analyst named like a formula reaches the file as text (CSV injection)."""
    evil = TeamFactory(name='=HYPERLINK("http://x")', slug="formula")
    world.analyst.full_name = "+SOMA(1;2)"
    world.analyst.save()
    now = timezone.now()
    make_ticket(
        team=evil, status=S.CLOSED, created_at=now - timedelta(days=1), closed_at=now - timedelta(hours=1)
    )
    ticket = make_ticket(team=evil, status=S.CLOSED, created_at=now - timedelta(days=1), closed_at=now)
    Survey.objects.create(
        ticket=ticket, analyst=world.analyst, team=evil, sent_at=now, answered_at=now, rating=5
    )
    logged_in(client, world.leader)
    assert _csv(client.get(reverse("admin:dashboards-sla")))[1][0] == '\'=HYPERLINK("http://x")'
    assert _csv(client.get(reverse("admin:dashboards-satisfacao-analistas")))[1][:2] == [
        "'+SOMA(1;2)",
        '\'=HYPERLINK("http://x")',
    ]


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_page_and_its_files_cost_the_same_queries_whatever_the_volume(
    client, world, catalogue, make_ticket, django_assert_max_num_queries
):
    logged_in(client, world.leader)
    _crafted(make_ticket, catalogue, world, size=1)
    small = {url: _queries(client, url) for url in [URL, reverse("admin:dashboards-prazos")]}
    _crafted(make_ticket, catalogue, world, size=15)
    with django_assert_max_num_queries(small[URL]):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(small[reverse("admin:dashboards-prazos")]):
        assert client.get(reverse("admin:dashboards-prazos")).status_code == 200
    assert small[URL] <= 30

"""The statement's period (TKT-11): it opens on the whole current month, with ready-made periods
(this month, last month, the last 90 days) as links; the page's queries do not grow with the rows."""

import re

import pytest
import time_machine
from django.urls import reverse

from statements.presenters import statement_presets, this_month
from tests.helpers import at

pytestmark = pytest.mark.django_db

TODAY = at(2026, 12, 1, 10)  # the first day of a month: "this month so far" would be today only


def _presets(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="statement-presets.*?</nav>', html, re.S).group(0)
    return {
        label: href.replace("&amp;", "&")
        for href, label in re.findall(r'<a class="btn[^"]*" href="([^"]+)"[^>]*>([^<]+)</a>', nav)
    }


def test_the_presets_are_whole_periods():
    presets = {p.key: (p.start.isoformat(), p.end.isoformat()) for p in statement_presets(TODAY.date())}
    assert presets == {
        "este-mes": ("2026-12-01", "2026-12-31"),
        "mes-passado": ("2026-11-01", "2026-11-30"),
        "90-dias": ("2026-09-03", "2026-12-01"),
    }
    assert [d.isoformat() for d in this_month(at(2028, 2, 10).date())] == ["2028-02-01", "2028-02-29"]


@time_machine.travel(TODAY, tick=False)
def test_the_page_opens_on_this_month_and_offers_the_presets(world, open_ticket, client_for):
    november = open_ticket(world.contact.user, now=at(2026, 11, 5, 10), summary="Chamado de novembro")
    today = open_ticket(world.contact.user, now=at(2026, 12, 1, 9), summary="Chamado de hoje")
    client = client_for(world.contact.user)
    html = client.get(reverse("ticket-statement")).content.decode()
    assert 'value="2026-12-01"' in html and 'value="2026-12-31"' in html
    assert today.number in html and november.number not in html
    assert "1 chamado aberto de 01/12/2026 a 31/12/2026." in html
    assert re.search(r'btn-primary" href="[^"]+" aria-current="true">Este mês<', html)
    presets = _presets(html)
    assert presets == {
        "Este mês": "?start=2026-12-01&end=2026-12-31",
        "Mês passado": "?start=2026-11-01&end=2026-11-30",
        "Últimos 90 dias": "?start=2026-09-03&end=2026-12-01",
    }
    last_month = client.get(reverse("ticket-statement") + presets["Mês passado"]).content.decode()
    assert november.number in last_month and today.number not in last_month
    assert re.search(r'aria-current="true">Mês passado<', last_month)
    both = client.get(reverse("ticket-statement") + presets["Últimos 90 dias"]).content.decode()
    assert november.number in both and today.number in both


@time_machine.travel(TODAY, tick=False)
def test_an_empty_period_points_to_the_other_presets(world, client_for):
    html = client_for(world.contact.user).get(reverse("ticket-statement")).content.decode()
    empty = re.search(r"Nenhum chamado aberto neste período\..*?</td>", html, re.S).group(0)
    assert ">Mês passado</a>" in empty and ">Últimos 90 dias</a>" in empty and ">Este mês</a>" not in empty


@time_machine.travel(TODAY, tick=False)
def test_the_csv_link_exports_the_period_on_screen(world, client_for):
    html = client_for(world.admin.user).get(
        reverse("ticket-statement"), {"start": "2026-11-01", "end": "2026-11-30"}
    )
    page = html.content.decode()
    assert "/chamados/extrato.csv?start=2026-11-01&amp;end=2026-11-30" in page


@time_machine.travel(TODAY, tick=False)
def test_the_queries_do_not_grow_with_the_rows(world, open_ticket, client_for, django_assert_max_num_queries):
    client = client_for(world.contact.user)
    open_ticket(world.contact.user, now=at(2026, 12, 1, 8))
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("ticket-statement"))
    for hour in range(5):
        open_ticket(world.contact.user, now=at(2026, 12, 1, 8, hour * 10))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("ticket-statement")).status_code == 200

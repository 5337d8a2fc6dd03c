"""The consultancy in the portal (CON-3, CON-4, CON-6, ACC-5, TEN-2): the ticket page's card, the list
and the term page with its answer, as each role sees them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from consultoria import services
from consultoria.models import Consultancy, Term
from tests.helpers import at, flash, logged_in

pytestmark = pytest.mark.django_db
C = Consultancy.Status


def ticket_page(client, consultancy):
    return client.get(reverse("ticket-detail", args=[consultancy.ticket.number]))


def term_url(consultancy, action=""):
    name = f"consultancy-term-{action}" if action else "consultancy-term"
    return reverse(name, args=[consultancy.pk])


# --- The ticket page's card (CON-3, ACC-5) ----------------------------------------------------------------


def test_con3_a_contact_who_may_accept_sees_the_waiting_term_and_a_button_to_it(world, offered, client_for):
    consultancy = offered()
    html = ticket_page(client_for(world.admin.user), consultancy).content.decode()
    assert "Consultoria do módulo" in html and "Termo aguardando resposta" in html
    assert "Ler e responder ao termo" in html and term_url(consultancy) in html
    assert "R$ 3,50 por minuto" in html and "14,25 %" in html


def test_acc5_a_contact_without_the_permission_is_told_who_may_answer(world, offered, client_for):
    consultancy = offered()
    html = ticket_page(client_for(world.contact.user), consultancy).content.decode()
    assert "Ler e responder ao termo" not in html
    assert "Somente um contato com a permissão “Autoriza consultoria faturável” da sua empresa" in html
    assert f"Quem pode responder: <strong>{escape(world.admin.user.full_name)}</strong>" in html


def test_acc5_a_company_without_anyone_holding_the_permission_is_told_and_its_admin_shown_how(
    world, offered, client_for
):
    world.admin.can_authorize_consultancy = False
    world.admin.save()
    consultancy = offered()
    admin_html = ticket_page(client_for(world.admin.user), consultancy).content.decode()
    assert "Sua empresa ainda não tem nenhum contato com essa permissão" in admin_html
    assert reverse("contact-list") in admin_html and "marque “Autoriza consultoria faturável”" in admin_html
    contact_html = ticket_page(logged_in(Client(), world.contact.user), consultancy).content.decode()
    assert "Sua empresa ainda não tem nenhum contato com essa permissão" in contact_html
    assert "Peça ao administrador da sua empresa" in contact_html
    assert reverse("contact-list") not in contact_html


def test_con6_sessions_show_their_entries_minutes_and_money_and_the_corrections(
    world, accepted, session_of, client_for
):
    consultancy = accepted()
    session = session_of(consultancy, 7)  # the module minimum: 7 minutes bill 10
    entry = session.entries.get()
    services.entry_correct(
        actor=world.leader,
        entry=entry,
        started_at=entry.started_at,
        ended_at=entry.started_at + timedelta(minutes=6),
        description="Conferência dos parâmetros.",
        reason="Intervalo não descontado.",
        now=at(2026, 11, 11, 9),
    )
    html = ticket_page(client_for(world.contact.user), consultancy).content.decode()
    assert "Termo aceito: em atendimento" in html
    assert "Sessão de" in html and "10/11/2026 09:00" in html
    assert "10/11/2026 09:00–09:06" in html and "<strong>6 min</strong>" in html
    assert "Conferência dos parâmetros." in html
    assert (
        f"corrigido por {escape(world.leader.full_name)} em 11/11/2026 09:00: antes 10/11/2026 09:00–09:07, "
        "7 min, “Análise do dicionário de dados.”"
    ) in html
    assert "6 min apontados · 10 min faturáveis · 0 min abonados" in html
    assert "mínimo de 10 minutos por sessão" in html
    assert "R$ 35,00 + R$ 4,99 de impostos" in html and "<strong>R$ 39,99</strong>" in html
    assert "Total: R$ 39,99" in html


def test_con4_a_session_billed_to_the_partner_unit_reads_zero_for_the_company_and_its_amount_for_the_unit(
    world, partner_ticket, consultancy_for, session_of, client_for
):
    consultancy = consultancy_for(partner_ticket, "technical")
    session_of(consultancy, 30)
    unit = world.company.partner_unit
    company_html = ticket_page(client_for(world.admin.user), consultancy).content.decode()
    assert f"faturado à unidade {escape(unit.name)}" in company_html
    assert "<strong>R$ 0,00</strong>" in company_html and "R$ 143,96" not in company_html
    partner_html = ticket_page(logged_in(Client(), world.partner), consultancy).content.decode()
    assert "<strong>R$ 143,96</strong>" in partner_html  # 30 × 4,20 = 126,00 + 17,96
    assert "R$ 126,00 + R$ 17,96 de impostos" in partner_html


def test_the_ticket_page_costs_the_same_queries_whatever_the_sessions_and_entries(
    world, accepted, session_of, client_for, django_assert_max_num_queries
):
    def corrected(session):
        entry = session.entries.first()
        services.entry_correct(
            actor=world.leader,
            entry=entry,
            started_at=entry.started_at,
            ended_at=entry.ended_at + timedelta(minutes=1),
            description=entry.description,
            reason="Ajuste.",
        )

    consultancy = accepted("technical")
    corrected(session_of(consultancy, 10, day=10))
    client = client_for(world.contact.user)
    ticket_page(client, consultancy)  # warm the per-process caches (calendars, content types)
    with CaptureQueriesContext(connection) as few:
        ticket_page(client, consultancy)
    for day in (11, 12, 13):
        corrected(session_of(consultancy, 5, 10, 15, day=day))
    with django_assert_max_num_queries(len(few)):
        response = ticket_page(client, consultancy)
    assert response.content.decode().count("consultancy-session ") == 4


def test_ten2_the_card_is_not_shown_before_a_leader_approves(world, requested, client_for):
    consultancy = requested()
    html = ticket_page(client_for(world.admin.user), consultancy).content.decode()
    assert "consultancy-card" not in html


# --- /consultoria/ ----------------------------------------------------------------------------------------


def test_the_list_puts_terms_waiting_for_an_answer_first(
    world, accepted, open_ticket, consultancy_for, client_for
):
    done = accepted("technical")
    waiting = consultancy_for(open_ticket(world.contact.user, now=at(2026, 11, 9, 10)), until="offered")
    response = client_for(world.admin.user).get(reverse("consultancy-list"))
    assert [c.pk for c in response.context["page"]] == [waiting.pk, done.pk]
    html = response.content.decode()
    assert "Ver o termo" in html and reverse("ticket-detail", args=[done.ticket.number]) in html
    assert 'href="/consultoria/"' in html  # the nav item
    assert list(client_for(world.other_admin.user).get(reverse("consultancy-list")).context["page"]) == []


def test_the_list_and_the_term_are_client_pages(world, offered, client_for):
    consultancy = offered()
    client = client_for(world.analyst)
    assert client.get(reverse("consultancy-list")).status_code == 403
    assert client.get(term_url(consultancy)).status_code == 403
    assert client.post(term_url(consultancy, "accept")).status_code == 403


# --- The term page (CON-3, ACC-5) -------------------------------------------------------------------------


def test_con3_the_term_page_shows_the_frozen_text_and_figures(world, offered, client_for):
    consultancy = offered()
    response = client_for(world.admin.user).get(term_url(consultancy))
    html = response.content.decode()
    assert response.status_code == 200
    assert escape(consultancy.term.text.splitlines()[0]) in html
    assert "versão 1" in html and "R$ 3,50" in html and "10 minutos por sessão" in html
    assert "14,25 % sobre o valor" in html and "A empresa cliente" in html
    assert "Aceitar o termo" in html and "Recusar" in html


def test_acc5_a_contact_who_may_see_but_not_accept_reads_the_text_and_who_can(world, offered, client_for):
    consultancy = offered()
    client = client_for(world.contact.user)
    html = client.get(term_url(consultancy)).content.decode()
    assert escape(consultancy.term.text.splitlines()[0]) in html
    assert "Aceitar o termo" not in html and "Somente um contato com a permissão" in html
    response = client.post(term_url(consultancy, "accept"))
    assert response.status_code == 403
    assert "Somente um contato com a permissão “autoriza consultoria faturável”" in response.content.decode()
    response = client.post(term_url(consultancy, "decline"), {"reason": ""})
    assert response.status_code == 403
    consultancy.refresh_from_db()
    assert consultancy.status == C.OFFERED and consultancy.term.accepted_at is None


def test_ten2_another_companys_term_is_not_found(world, offered, client_for):
    consultancy = offered()
    client = client_for(world.other_admin.user)
    assert client.get(term_url(consultancy)).status_code == 404
    assert client.post(term_url(consultancy, "accept")).status_code == 404
    assert client.post(term_url(consultancy, "decline"), {"reason": "x"}).status_code == 404
    assert client.get(reverse("consultancy-term", args=[999999])).status_code == 404
    consultancy.refresh_from_db()
    assert consultancy.status == C.OFFERED


def test_con3_accepting_freezes_who_when_and_where_and_the_page_says_so(world, offered, client_for):
    consultancy = offered()
    client = client_for(world.admin.user)
    response = client.post(term_url(consultancy, "accept"), REMOTE_ADDR="198.51.100.23")
    assert response.status_code == 302 and response["Location"] == term_url(consultancy)
    assert any("Termo aceito" in text for text in flash(response))
    term = Term.objects.get(consultancy=consultancy)
    assert (term.accepted_by, term.accepted_from) == (world.admin.user, "198.51.100.23")
    html = client.get(term_url(consultancy)).content.decode()
    assert f"Aceito por <strong>{escape(world.admin.user.full_name)}</strong> em" in html
    assert "do endereço 198.51.100.23" in html and "Aceitar o termo" not in html
    again = client.post(term_url(consultancy, "accept"))
    assert again.status_code == 409 and "não pode passar" in again.content.decode()


def test_con3_declining_needs_a_reason_and_the_page_shows_who_when_and_why(world, offered, client_for):
    consultancy = offered("technical")
    client = client_for(world.admin.user)
    response = client.post(term_url(consultancy, "decline"), {"reason": "   "})
    assert response.status_code == 400 and "Diga por que o termo foi recusado." in response.content.decode()
    consultancy.refresh_from_db()
    assert consultancy.status == C.OFFERED
    response = client.post(term_url(consultancy, "decline"), {"reason": "Sem orçamento este mês."})
    assert response.status_code == 302
    consultancy.refresh_from_db()
    assert consultancy.status == C.DECLINED and consultancy.term.declined_by == world.admin.user
    html = client.get(term_url(consultancy)).content.decode()
    assert f"Recusado por <strong>{escape(world.admin.user.full_name)}</strong> em" in html
    assert "Sem orçamento este mês." in html and "O chamado voltou ao suporte padrão." in html


def test_con4_a_partner_requested_term_is_answered_by_the_partner(
    world, partner_ticket, consultancy_for, client_for
):
    consultancy = consultancy_for(partner_ticket, until="offered")
    admin_html = client_for(world.admin.user).get(term_url(consultancy)).content.decode()
    assert "Aceitar o termo" not in admin_html and "respondido pela unidade parceira" in admin_html
    partner = logged_in(Client(), world.partner)
    assert "Aceitar o termo" in partner.get(term_url(consultancy)).content.decode()
    assert partner.post(term_url(consultancy, "accept")).status_code == 302
    consultancy.refresh_from_db()
    assert consultancy.status == C.ACCEPTED and consultancy.term.accepted_by == world.partner


def test_ten2_answers_take_post_with_a_csrf_token_and_a_get_changes_nothing(world, offered):
    consultancy = offered()
    forged = logged_in(Client(enforce_csrf_checks=True), world.admin.user)
    assert forged.post(term_url(consultancy, "accept")).status_code == 403
    assert forged.post(term_url(consultancy, "decline"), {"reason": "x"}).status_code == 403
    assert forged.get(term_url(consultancy, "accept")).status_code == 405
    assert forged.get(term_url(consultancy, "decline")).status_code == 405
    assert forged.get(term_url(consultancy)).status_code == 200
    consultancy.refresh_from_db()
    assert consultancy.status == C.OFFERED and consultancy.term.accepted_at is None

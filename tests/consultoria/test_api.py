"""Billable consultancy through the REST API (API-1, CON-2..6, ACC-5, TEN-2): each step's story with
the services' messages. Every route as every role is test_api_roles.py, money test_api_billing.py."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultoria import services
from consultoria.models import Consultancy, Modality, Session, Term, TimeEntry, TimeEntryCorrection
from tests.helpers import at
from tickets.models import Ticket

pytestmark = pytest.mark.django_db


# --- Asking and deciding (CON-2) ---------------------------------------------------------------------------


def test_con2_an_analyst_asks_and_no_client_sees_it_before_a_leader_approves(world, ticket, api_for):
    response = api_for(world.analyst).post(
        f"/api/v1/tickets/{ticket.number}/consultancy/",
        {"modality": "module", "situation": "not_reproduced", "note": "Não reproduz no padrão."},
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    consultancy = Consultancy.objects.get()
    assert response["Location"] == f"/api/v1/consultancies/{consultancy.pk}/"
    assert (body["status"], body["situation"], body["note"], body["term"]) == (
        "requested",
        "not_reproduced",
        "Não reproduz no padrão.",
        None,
    )
    assert body["modality"]["rule"]["minimum_minutes"] == 10
    assert body["payer"] == {"kind": "company", "kind_display": "A empresa cliente", "unit": None}
    assert body["requested_by"] == {"id": world.analyst.pk, "name": world.analyst.full_name}
    admin = api_for(world.admin.user)
    assert admin.get(f"/api/v1/consultancies/{consultancy.pk}/").status_code == 404
    assert admin.get("/api/v1/consultancies/").json()["count"] == 0
    queue = api_for(world.leader).get("/api/v1/consultancies/?status=requested").json()
    assert [item["id"] for item in queue["results"]] == [consultancy.pk]


def test_con2_asking_twice_or_for_telephone_is_refused_with_the_services_message(world, requested, api_for):
    requested()
    client = api_for(world.analyst)
    url = f"/api/v1/tickets/{Ticket.objects.get().number}/consultancy/"

    again = client.post(url, {"modality": "technical", "situation": "urgent"}, format="json")
    telephone = client.post(url, {"modality": "telephone", "situation": "urgent"}, format="json")
    unknown = client.post(url, {"modality": "module", "situation": "whatever"}, format="json")

    assert again.status_code == 409 and again.json()["code"] == "consultancy_open"
    assert telephone.status_code == 400
    assert telephone.json() == {
        "detail": "A consultoria telefônica é escolhida pelo cliente ao abrir o chamado.",
        "code": "invalid",
        "field": "modality",
    }
    assert unknown.status_code == 400 and "situation" in unknown.json()
    assert Consultancy.objects.count() == 1


def test_con2_a_leader_approves_and_the_term_reaches_who_may_accept_it(world, requested, api_for):
    consultancy = requested()
    url = f"/api/v1/consultancies/{consultancy.pk}/"

    refused = api_for(world.analyst).post(url + "approve/")
    response = api_for(world.leader).post(url + "approve/")

    assert refused.status_code == 403 and refused.json()["detail"] == "Somente líderes podem fazer isto."
    assert response.status_code == 200
    term = response.json()["term"]
    assert response.json()["status"] == "offered"
    assert term["template"] == {
        "variant": "end_client",
        "variant_display": "Cliente final",
        "version": 1,
        "title": "Termo de aceite de consultoria — cliente final",
    }
    assert (term["price_per_minute"], term["minimum_minutes"], term["tax_percentage"]) == (
        "3.50",
        10,
        "14.250",
    )
    assert "R$ 3,50 por minuto" in term["text"] and term["accepted_by"] is None
    admin = api_for(world.admin.user).get(url).json()
    assert (admin["term"]["may_answer"], admin["term"]["acceptors_exist"], admin["note"]) == (
        True,
        True,
        None,
    )
    assert api_for(world.contact.user).get(url).json()["term"]["may_answer"] is False


def test_con2_a_refusal_needs_a_reason_and_stays_internal(world, requested, api_for):
    consultancy = requested()
    url = f"/api/v1/consultancies/{consultancy.pk}/refuse/"
    leader = api_for(world.leader)

    blank = leader.post(url, {"reason": "  "}, format="json")
    missing = leader.post(url, {}, format="json")
    done = leader.post(url, {"reason": "Reproduzido no padrão."}, format="json")

    assert blank.status_code == 400
    assert blank.json() == {
        "detail": "Informe o motivo da recusa.",
        "code": "reason_required",
        "field": "reason",
    }
    assert missing.status_code == 400 and list(missing.json()) == ["reason"]
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["decision_reason"]) == ("refused", "Reproduzido no padrão.")
    assert done.json()["decided_by"]["id"] == world.leader.pk
    assert api_for(world.admin.user).get(f"/api/v1/consultancies/{consultancy.pk}/").status_code == 404


# --- The term (CON-3, ACC-5) -------------------------------------------------------------------------------


def test_acc5_only_who_holds_the_permission_accepts_and_the_address_is_theirs_and_staffs(
    world, acceptor, offered, api_for
):
    consultancy = offered()
    url = f"/api/v1/consultancies/{consultancy.pk}/"

    refused = api_for(world.contact.user).post(url + "accept/", REMOTE_ADDR="198.51.100.1")
    response = api_for(acceptor.user).post(url + "accept/", REMOTE_ADDR="203.0.113.9")
    again = api_for(world.admin.user).post(url + "accept/")

    assert refused.status_code == 403 and refused.json()["code"] == "no_consultancy_permission"
    assert "autoriza consultoria faturável" in refused.json()["detail"]
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    term = Term.objects.get()
    assert (term.accepted_by, term.accepted_from) == (acceptor.user, "203.0.113.9")
    assert response.json()["term"]["accepted_from"] == "203.0.113.9"
    assert again.status_code == 409 and again.json()["code"] == "invalid_consultancy_move"
    others = {"admin": world.admin.user, "contact": world.contact.user, "partner": world.partner}
    seen = {who: api_for(user).get(url).json()["term"]["accepted_from"] for who, user in others.items()}
    seen["analyst"] = api_for(world.analyst).get(url).json()["term"]["accepted_from"]
    assert seen == {"admin": None, "contact": None, "partner": None, "analyst": "203.0.113.9"}
    ticket = Ticket.objects.get()
    assert ticket.modality == "consultancy" and ticket.summary.startswith("[CONSULTORIA DO MODULO] ")


def test_con3_declining_needs_a_reason_and_returns_the_ticket_to_standard_support(world, offered, api_for):
    consultancy = offered("technical")
    url = f"/api/v1/consultancies/{consultancy.pk}/decline/"
    client = api_for(world.admin.user)

    blank = client.post(url, {"reason": ""}, format="json")
    done = client.post(url, {"reason": "Sem orçamento agora."}, format="json")

    assert blank.status_code == 400 and blank.json()["detail"] == "Diga por que o termo foi recusado."
    assert done.status_code == 200 and done.json()["status"] == "declined"
    assert done.json()["term"]["decline_reason"] == "Sem orçamento agora."
    assert done.json()["term"]["declined_by"]["id"] == world.admin.user.pk
    assert Ticket.objects.get().modality == "standard"


def test_acc5_a_company_without_anyone_to_accept_is_told_so(world, offered, api_for):
    world.admin.can_authorize_consultancy = False
    world.admin.save()
    consultancy = offered()

    term = api_for(world.admin.user).get(f"/api/v1/consultancies/{consultancy.pk}/").json()["term"]

    assert (term["may_answer"], term["acceptors_exist"]) == (False, False)


# --- Sessions, entries, corrections, finishing (CON-3, CON-5, CON-6) ---------------------------------------


def test_con3_no_session_nor_minute_before_the_term_is_accepted(world, offered, api_for):
    consultancy = offered()

    response = api_for(world.analyst).post(
        f"/api/v1/consultancies/{consultancy.pk}/sessions/",
        {"scheduled_for": "2026-11-10T09:00:00-03:00"},
        format="json",
    )

    assert response.status_code == 409 and response.json()["code"] == "consultancy_not_accepted"
    assert not Session.objects.exists()


def test_con5_sessions_follow_the_consultancy_calendar(world, accepted, api_for):
    consultancy = accepted()
    url = f"/api/v1/consultancies/{consultancy.pk}/sessions/"
    client = api_for(world.analyst)

    evening = client.post(url, {"scheduled_for": "2026-11-10T19:00:00-03:00"}, format="json")
    far = client.post(url, {"scheduled_for": "2999-11-10T09:00:00-03:00"}, format="json")
    done = client.post(url, {"scheduled_for": "2026-11-10T09:00:00-03:00", "note": "Remoto."}, format="json")

    assert evening.status_code == 400 and evening.json()["field"] == "scheduled_for"
    assert evening.json()["detail"].startswith("Fora do horário da consultoria")
    assert far.status_code == 400 and far.json() == {"scheduled_for": ["Informe uma data entre 2000 e 2100."]}
    assert done.status_code == 201
    [session] = done.json()["sessions"]
    assert (session["scheduled_for"], session["note"], session["entries"]) == (
        "2026-11-10T09:00:00-03:00",
        "Remoto.",
        [],
    )
    assert session["line"]["recorded_minutes"] == 0 and session["line"]["total"] == "0.00"


def test_con6_entries_are_whole_minutes_and_never_overlap(world, accepted, session_of, api_for):
    session = session_of(accepted())
    url = f"/api/v1/consultancy-sessions/{session.pk}/entries/"
    client = api_for(world.analyst)

    done = client.post(
        url,
        {
            "started_at": "2026-11-10T09:00:00-03:00",
            "ended_at": "2026-11-10T09:06:30-03:00",
            "description": "Parâmetros.",
        },
        format="json",
    )
    overlap = client.post(
        url,
        {
            "started_at": "2026-11-10T09:05:00-03:00",
            "ended_at": "2026-11-10T09:20:00-03:00",
            "description": "Outra.",
        },
        format="json",
    )
    backwards = client.post(
        url,
        {
            "started_at": "2026-11-10T10:00:00-03:00",
            "ended_at": "2026-11-10T10:00:00-03:00",
            "description": "Nada.",
        },
        format="json",
    )

    assert done.status_code == 201
    [entry] = done.json()["sessions"][0]["entries"]
    assert (entry["minutes"], entry["description"], entry["analyst"]["id"]) == (
        7,
        "Parâmetros.",
        world.analyst.pk,
    )
    assert overlap.status_code == 400
    assert (overlap.json()["code"], overlap.json()["field"]) == ("entries_overlap", "started_at")
    assert "sobrepõe" in overlap.json()["detail"]
    assert backwards.status_code == 400
    assert backwards.json()["detail"] == "O fim do apontamento deve ser depois do início."
    assert TimeEntry.objects.count() == 1


def test_con6_a_leader_corrects_an_entry_and_the_old_values_are_kept(world, accepted, session_of, api_for):
    entry = session_of(accepted("technical"), 20).entries.get()
    url = f"/api/v1/consultancy-entries/{entry.pk}/correct/"
    new = {
        "started_at": "2026-11-10T09:00:00-03:00",
        "ended_at": "2026-11-10T09:15:00-03:00",
        "description": "Análise do dicionário (15 min).",
        "reason": "Pausa para reunião não descontada.",
    }

    analyst = api_for(world.analyst).post(url, new, format="json")
    assert analyst.status_code == 403 and not TimeEntryCorrection.objects.exists()
    no_reason = api_for(world.leader).post(url, {**new, "reason": ""}, format="json")
    done = api_for(world.leader).post(url, new, format="json")

    assert no_reason.status_code == 400 and no_reason.json()["code"] == "reason_required"
    assert done.status_code == 200
    [shown] = done.json()["sessions"][0]["entries"]
    assert shown["minutes"] == 15
    [correction] = shown["corrections"]
    assert correction["corrected_by"] == {"id": world.leader.pk, "name": world.leader.full_name}
    assert correction["reason"] == "Pausa para reunião não descontada."
    assert correction["old"] == {
        "started_at": "2026-11-10T09:00:00-03:00",
        "ended_at": "2026-11-10T09:20:00-03:00",
        "minutes": 20,
        "description": "Análise do dicionário de dados.",
    }
    assert correction["new"]["minutes"] == 15
    client_view = api_for(world.contact.user).get(f"/api/v1/consultancies/{entry.session.consultancy_id}/")
    assert client_view.json()["sessions"][0]["entries"][0]["corrections"][0]["old"]["minutes"] == 20


def test_con1_finishing_with_a_documentation_defect_waives_a_module_session(
    world, accepted, session_of, api_for
):
    consultancy = accepted()
    session_of(consultancy, 7)

    response = api_for(world.analyst).post(
        f"/api/v1/consultancies/{consultancy.pk}/finish/", {"finding": "documentation_defect"}, format="json"
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["finding"]) == ("finished", "documentation_defect")
    line = body["sessions"][0]["line"]
    assert (line["recorded_minutes"], line["billable_minutes"], line["waived_minutes"]) == (7, 0, 7)
    assert (line["amount"], line["taxes"], line["total"]) == ("0.00", "0.00", "0.00")
    again = api_for(world.analyst).post(
        f"/api/v1/consultancies/{consultancy.pk}/finish/", {"finding": "no_defect"}, format="json"
    )
    assert again.status_code == 409


# --- What each one sees (TEN-2, TEN-3, ACC-3, ACC-5) --------------------------------------------------------


def test_ten2_the_list_shows_only_what_each_one_may_see(world, acceptor, accepted, open_ticket, api_for):
    mine = accepted()
    colleague = open_ticket(world.admin.user, now=at(2026, 11, 9, 10) + timedelta(minutes=5))
    theirs = services.consultancy_request(
        actor=world.analyst,
        ticket=colleague,
        modality=Modality.objects.get(code="technical"),
        situation="urgent",
    )
    services.consultancy_approve(actor=world.leader, consultancy=theirs)

    def ids(user, query=""):
        return [item["id"] for item in api_for(user).get(f"/api/v1/consultancies/{query}").json()["results"]]

    assert ids(world.contact.user) == [mine.pk]  # only their own tickets' (ACC-3)
    assert set(ids(acceptor.user)) == set(ids(world.admin.user)) == {mine.pk, theirs.pk}  # ACC-5
    assert set(ids(world.partner)) == {mine.pk, theirs.pk}  # TEN-3: the unit serves Alfa
    assert ids(world.other_admin.user) == []
    assert ids(world.analyst, f"?ticket={colleague.number}") == [theirs.pk]
    assert ids(world.analyst, "?status=accepted") == [mine.pk]
    assert api_for(world.analyst).get("/api/v1/consultancies/?ticket=123").status_code == 400


def test_api1_the_detail_reads_a_constant_number_of_queries(world, accepted, session_of, api_for):
    consultancy = accepted()
    client = api_for(world.admin.user)
    url = f"/api/v1/consultancies/{consultancy.pk}/"
    session_of(consultancy, 7)
    client.get(url)  # the token and the user's profile, once

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    few = queries()
    for day in (11, 12, 13):
        session_of(consultancy, 3, 4, 5, day=day)
    assert queries() == few

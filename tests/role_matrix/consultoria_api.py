"""REST API of billable consultancy (API-1, CON-2..8): every route for every role. The consultancy
belongs to Alfa, on a ticket opened by Alfa's contact, accepted by its administrator, with one
session and one time entry; Beta's administrator gets 404 on it, like a missing one.

Every step takes POST only, so a GET answers 405 once authenticated (anonymous calls get 401
first). The statement needs its month (a GET without it is a 400 for everyone logged in); the
rates are the staff's. No route is CSRF-exempt: a session POST without the token is refused (403).
"""

from . import open_ticket_for, row

API = 401  # anonymous: no credentials
STEP = row(API, 405, 405, 405, 405, 405, 405)
#                       anonymous other contact admin partner analyst leader
CONSULTANCY = row(API, 404, 200, 200, 200, 200, 200)


def _pk(name: str):
    return lambda o: {"pk": o[name].pk}


PORTAL = {
    "api-ticket-consultancy": (lambda o: {"number": o["capi_consultancy"].ticket.number}, STEP),
    "api-consultancy-list": (lambda o: {}, row(API, 200, 200, 200, 200, 200, 200)),
    "api-consultancy-detail": (_pk("capi_consultancy"), CONSULTANCY),
    "api-consultancy-approve": (_pk("capi_consultancy"), STEP),
    "api-consultancy-refuse": (_pk("capi_consultancy"), STEP),
    "api-consultancy-accept": (_pk("capi_consultancy"), STEP),
    "api-consultancy-decline": (_pk("capi_consultancy"), STEP),
    "api-consultancy-sessions": (_pk("capi_consultancy"), STEP),
    "api-consultancy-finish": (_pk("capi_consultancy"), STEP),
    "api-consultancy-session-entries": (_pk("capi_session"), STEP),
    "api-consultancy-entry-correct": (_pk("capi_entry"), STEP),
    "api-consultancy-statement": (lambda o: {}, row(API, 400, 400, 400, 400, 400, 400)),
    "api-consultancy-rates": (lambda o: {}, row(API, 403, 403, 403, 403, 200, 200)),
    "api-consultancy-rates-igpm": (lambda o: {}, STEP),
}


def objects(world) -> dict:
    from consultoria import services
    from consultoria.models import Consultancy, Modality
    from tests.helpers import at

    ticket = open_ticket_for(world, "consultoria-api")
    consultancy = services.consultancy_request(
        actor=world.analyst,
        ticket=ticket,
        modality=Modality.objects.get(code=Modality.Code.TECHNICAL),
        situation=Consultancy.Situation.ISOLATED,
    )
    services.consultancy_approve(actor=world.leader, consultancy=consultancy)
    services.term_accept(actor=world.admin.user, consultancy=consultancy, address="203.0.113.7")
    session = services.session_schedule(
        actor=world.analyst, consultancy=consultancy, scheduled_for=at(2026, 11, 10, 14)
    )
    entry = services.entry_record(  # the afternoon: the back-office's objects book the analyst's morning
        actor=world.analyst,
        session=session,
        started_at=at(2026, 11, 10, 14),
        ended_at=at(2026, 11, 10, 14, 20),
        description="Análise do ambiente.",
    )
    return {"capi_consultancy": consultancy, "capi_session": session, "capi_entry": entry}

"""Acceptance window, follow-ups, surveys and the statement (ACP, TKT-9, TKT-11, SRV).

The accept/reject/postpone/follow-up routes take POST only (a GET changes nothing: 405). The
survey link works for anyone holding it (SRV-2). Analysts read statements in the back-office.
"""

from django.utils import timezone

from surveys.services import survey_send
from surveys.tokens import survey_token

from . import LOGIN, VIEW, everyone, logged_in, open_ticket_for, row

STATEMENT = row(LOGIN, 200, 200, 200, 200, 403, 403)

PORTAL = {
    "survey-answer": (lambda o: {"token": o["survey_token"]}, everyone(200)),
    "ticket-statement": (lambda o: {}, STATEMENT),
    "ticket-statement-csv": (lambda o: {}, STATEMENT),
    "ticket-accept": (lambda o: {"number": o["lifecycle_ticket"].number}, logged_in(405)),
    "ticket-reject": (lambda o: {"number": o["lifecycle_ticket"].number}, logged_in(405)),
    "ticket-postpone": (lambda o: {"number": o["lifecycle_ticket"].number}, logged_in(405)),
    "ticket-follow-up": (lambda o: {"number": o["lifecycle_ticket"].number}, logged_in(405)),
}
ADMIN_MODELS = {
    "surveys_survey": {"analyst": set(), "leader": VIEW},  # SRV-3: the leaders'
    "tickets_acceptancepolicy": {"analyst": set(), "leader": VIEW | {"add"}},  # ACP-5
}
ADMIN_SITE = {"admin:surveys_survey_report": {"analyst": 403, "leader": 200}}

# The survey answer is reached by a link in an e-mail, often without a session: it is protected by
# the signed token instead, and still takes the CSRF token of its own form.


def objects(world) -> dict:
    from tickets import services
    from tickets.models import AcceptancePolicy

    ticket = open_ticket_for(world, "aceite")
    services.ticket_transition(
        actor=world.analyst, ticket=ticket, to_status="awaiting_validation", reason="ok"
    )
    survey = survey_send(ticket, now=timezone.now())
    return {
        "lifecycle_ticket": ticket,
        "survey_token": survey_token(survey),
        "surveys_survey": survey,
        "tickets_acceptancepolicy": AcceptancePolicy.objects.get(is_default=True),
    }

"""REST API v1 (API-1): every route for every role. The ticket and its file belong to Alfa and
were opened by Alfa's contact, so every Alfa role sees them and Beta's administrator gets 404.

The API answers 401 (not a login redirect) to anonymous calls. Action routes take POST only, so
a GET answers 405 once authenticated. A session POST without the CSRF token is refused (403) by
DRF's SessionAuthentication on every route except the token login, which reads no session.
"""

from tests.helpers import upload

from . import everyone, open_ticket_for, row

API = 401  # anonymous: no credentials
TICKET = row(API, 404, 200, 200, 200, 200, 200)
ACTION = row(API, 405, 405, 405, 405, 405, 405)

PORTAL = {
    "api-token": (lambda o: {}, everyone(405)),
    "api-ticket-list": (lambda o: {}, row(API, 200, 200, 200, 200, 200, 200)),
    "api-ticket-detail": (lambda o: {"number": o["api_ticket"].number}, TICKET),
    "api-ticket-messages": (lambda o: {"number": o["api_ticket"].number}, TICKET),
    "api-ticket-attachments": (lambda o: {"number": o["api_ticket"].number}, TICKET),
    "api-ticket-assign": (lambda o: {"number": o["api_ticket"].number}, ACTION),
    "api-ticket-transition": (lambda o: {"number": o["api_ticket"].number}, ACTION),
    "api-ticket-reclassify": (lambda o: {"number": o["api_ticket"].number}, ACTION),
    "api-ticket-transfer": (lambda o: {"number": o["api_ticket"].number}, ACTION),
    "api-attachment-download": (lambda o: {"pk": o["api_attachment"].pk}, TICKET),
    "api-ticket-accept": (lambda o: {"number": o["api_ticket"].number}, ACTION),
    "api-ticket-reject": (lambda o: {"number": o["api_ticket"].number}, ACTION),
    "api-ticket-postpone": (lambda o: {"number": o["api_ticket"].number}, ACTION),
    "api-ticket-follow-up": (lambda o: {"number": o["api_ticket"].number}, ACTION),
    # The signed token is the credential (SRV-2): anyone holding the link reads the survey.
    "api-survey": (lambda o: {"token": o["survey_token"]}, everyone(200)),
    # A GET without `start`/`end` is a 400 for everyone logged in (the filter is mandatory).
    "api-statement": (lambda o: {}, row(API, 400, 400, 400, 400, 400, 400)),
    "api-product-list": (lambda o: {}, row(API, 200, 200, 200, 200, 200, 200)),
    "api-company-list": (lambda o: {}, row(API, 200, 200, 200, 200, 200, 200)),
    #                                   anonymous other contact admin partner analyst leader
    "api-team-list": (lambda o: {}, row(API, 403, 403, 403, 403, 200, 200)),
    # Public: the schema documents the API, never a company's data (TEN-2).
    "api-schema": (lambda o: {}, everyone(200)),
    "api-docs": (lambda o: {}, everyone(200)),
}

CSRF_EXEMPT = {"api-token", "api-survey"}  # no session is read: the token login, the signed survey link


def objects(world) -> dict:
    ticket = open_ticket_for(world, "api", files=[upload("log.txt", b"erro")])
    return {"api_ticket": ticket, "api_attachment": ticket.attachments.get()}

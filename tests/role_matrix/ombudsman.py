"""The Ombudsman (OMB-1): portal pages, back-office and API, for every role.

The case is a complaint of Alfa's contact citing their own ticket. Alfa's administrator follows
every case of the company, another contact those they opened, a partner consultant only those they
opened (404 here); Beta's administrator ("other") gets 404, like a missing one. The pages are for
client contacts and partner consultants (the ombudsman team works in the back-office: 403); a
message takes POST only (405 on GET). In the API staff read every case. In the back-office staff
look and act on a case (its page's form); nobody adds or deletes one.
"""

from . import LOGIN, VIEW, open_ticket_for, row

#                                          anonymous other contact admin partner analyst leader
CLIENT_PAGE = row(LOGIN, 200, 200, 200, 200, 403, 403)
OF_ALFA_CONTACT = row(LOGIN, 404, 200, 200, 404, 403, 403)
POST_ONLY = row(LOGIN, 405, 405, 405, 405, 403, 403)
API = 401


def _protocol(o):
    return {"protocol": o["ombudsman_case"].protocol}


PORTAL = {
    "ombudsman-list": (lambda o: {}, CLIENT_PAGE),
    "ombudsman-new": (lambda o: {}, CLIENT_PAGE),
    "ombudsman-detail": (_protocol, OF_ALFA_CONTACT),
    "ombudsman-message": (_protocol, POST_ONLY),
    "api-ombudsman-list": (lambda o: {}, row(API, 200, 200, 200, 200, 200, 200)),
    "api-ombudsman-detail": (_protocol, row(API, 404, 200, 200, 404, 200, 200)),
    "api-ombudsman-message": (_protocol, row(API, 405, 405, 405, 405, 405, 405)),
}

ADMIN_MODELS = {"ombudsman_case": {"analyst": VIEW, "leader": VIEW}}


def objects(world) -> dict:
    from ombudsman import services

    ticket = open_ticket_for(world, "ouvidoria")
    case = services.case_open(
        actor=world.contact.user,
        kind="complaint",
        ticket_numbers=[ticket.number],
        subject="Demora no atendimento",
        description="Para a matriz de papéis.",
    )
    return {"ombudsman_case": case}

"""Consulta de Soluções (SELF-3): the portal page and the API are for every signed-in person (the
solutions of all companies, anonymised; Beta's administrator reads Alfa's like anyone); the
back-office list and change page are the staff's (no add, no delete: the job publishes)."""

from . import VIEW, open_ticket_for, row

API = 401
PORTAL = {
    "solution-search": (lambda o: {}, row(302, 200, 200, 200, 200, 200, 200)),
    # without `q` the search is refused for everyone signed in (fewer than two words)
    "api-solution-search": (lambda o: {}, row(API, 400, 400, 400, 400, 400, 400)),
}

ADMIN_MODELS = {"solutions_solution": {"analyst": VIEW, "leader": VIEW}}


def objects(world) -> dict:
    from solutions import services
    from tickets import services as ticket_services

    ticket = open_ticket_for(world, "solutions")
    ticket_services.ticket_transition(
        actor=world.analyst, ticket=ticket, to_status="awaiting_validation", reason="Atualize o pacote."
    )
    ticket_services.ticket_accept_solution(actor=world.contact.user, ticket=ticket)
    return {"solutions_solution": services.solution_publish_for(ticket)}

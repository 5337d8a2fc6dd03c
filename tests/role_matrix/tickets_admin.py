"""The analysts' back-office of tickets (tickets/admin.py): catalogue, triage list, work page."""

from . import VIEW, open_ticket_for

ADMIN_SITE = {
    # Every change of the work page is a POST here (the ticket's id in the body): GET is refused.
    "admin:tickets_ticket_act": {"analyst": 405, "leader": 405},
}

# Tickets are opened by clients and never deleted: no "add" or "delete" for anyone. The change
# page is the read-only work page; its buttons need the change right, which both roles have.
ADMIN_MODELS = {
    "tickets_ticket": {"analyst": VIEW, "leader": VIEW},
    "tickets_team": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "tickets_product": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "tickets_routine": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "tickets_productversion": {"analyst": VIEW, "leader": VIEW | {"add"}},
}


def objects(world) -> dict:
    ticket = open_ticket_for(world, "admin")
    return {
        "tickets_ticket": ticket,
        "tickets_team": ticket.team,
        "tickets_product": ticket.product,
        "tickets_routine": ticket.routine,
        "tickets_productversion": ticket.version,
    }

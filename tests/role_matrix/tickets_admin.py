"""The analysts' back-office of tickets (tickets/admin.py): catalogue, triage list, work page."""

from . import VIEW

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
    from tests.factories import (
        ProductFactory,
        ProductLineFactory,
        RoutineFactory,
        TeamFactory,
        VersionFactory,
    )
    from tickets import services

    line = ProductLineFactory()
    world.company.product_lines.add(line)
    team = TeamFactory()
    team.members.add(world.analyst)
    product = ProductFactory(line=line, default_team=team)
    routine = RoutineFactory(product=product)
    version = VersionFactory(product=product)
    ticket = services.ticket_open(
        actor=world.contact.user,
        company=world.company,
        product=product,
        routine=routine,
        version=version,
        environment="production",
        summary="Relatório de faturamento não abre",
        description="Ao abrir o relatório, a tela fica em branco.",
        answers=services.SeverityAnswers(
            function_unusable=True, has_workaround=True, data_corruption=False, cosmetic=False
        ),
    )
    return {
        "tickets_ticket": ticket,
        "tickets_team": team,
        "tickets_product": product,
        "tickets_routine": routine,
        "tickets_productversion": version,
    }

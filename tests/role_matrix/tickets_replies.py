"""Canned replies of the back-office: analysts read their teams' replies; leaders manage them."""

from . import VIEW

ADMIN_MODELS = {
    "tickets_cannedreply": {"analyst": VIEW, "leader": VIEW | {"add", "delete"}},
}


def objects(world) -> dict:
    from tests.factories import TeamFactory
    from tickets.models import CannedReply

    team = TeamFactory(name="Equipe respostas", slug="equipe-respostas")
    team.members.add(world.analyst)
    reply = CannedReply.objects.create(team=team, title="Pedido de log", body="Olá, {cliente}.")
    return {"tickets_cannedreply": reply}

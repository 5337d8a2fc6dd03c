"""The history of settings edits (core.history): the leaders read it; nobody edits it."""

from . import VIEW

ADMIN_MODELS = {"core_changerecord": {"analyst": set(), "leader": VIEW}}


def objects(world) -> dict:
    from core import history
    from tests.factories import ProductLineFactory

    line = ProductLineFactory.build(name="Linha da matriz", slug="linha-matriz")
    return {"core_changerecord": history.settings_save(actor=world.leader, instance=line)}

"""The back-office of billable consultancy (consultoria/admin/): the approval queue and consultancy
page, time entries and their corrections, modalities, rates, IGPM adjustments, taxes and term
templates. Its work-page panel posts to the ticket's `act` route (tickets_admin.py)."""

from datetime import date
from decimal import Decimal

from . import VIEW, open_ticket_for

# Nothing of the consultancy is ever deleted, and consultancies, entries and corrections are never
# added here (they come from the work page and the portal): no "add" or "delete" for anyone. The
# consultancy and entry pages are read-only for everyone; "change" on them is the leaders' right to
# decide (the queue's actions) and to correct an entry (the entry page's form).
ADMIN_MODELS = {
    "consultoria_consultancy": {"analyst": VIEW, "leader": VIEW},
    "consultoria_timeentry": {"analyst": VIEW, "leader": VIEW},
    # The corrections list is the leaders' (each entry's page shows its own to every staff member).
    "consultoria_timeentrycorrection": {"analyst": set(), "leader": VIEW},
    "consultoria_modality": {"analyst": VIEW, "leader": VIEW},
    # Leaders add rates, taxes and term versions; "add" of an IGPM adjustment is the page that records it.
    "consultoria_rate": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "consultoria_rateadjustment": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "consultoria_taxrate": {"analyst": VIEW, "leader": VIEW | {"add"}},
    "consultoria_termtemplate": {"analyst": VIEW, "leader": VIEW | {"add"}},
}


def objects(world) -> dict:
    from consultoria import services
    from consultoria.models import Consultancy, Modality, TaxRate, TermTemplate
    from tests.helpers import at

    ticket = open_ticket_for(world, "consultoria-admin")
    consultancy = services.consultancy_request(
        actor=world.analyst,
        ticket=ticket,
        modality=Modality.objects.get(code="module"),
        situation=Consultancy.Situation.NOT_REPRODUCED,
    )
    services.consultancy_approve(actor=world.leader, consultancy=consultancy)
    services.term_accept(actor=world.admin.user, consultancy=consultancy, address="203.0.113.7")
    session = services.session_schedule(
        actor=world.analyst, consultancy=consultancy, scheduled_for=at(2026, 11, 10, 9)
    )
    entry = services.entry_record(
        actor=world.analyst,
        session=session,
        started_at=at(2026, 11, 10, 9),
        ended_at=at(2026, 11, 10, 9, 40),
        description="Análise do dicionário de dados.",
    )
    services.entry_correct(
        actor=world.leader,
        entry=entry,
        started_at=at(2026, 11, 10, 9),
        ended_at=at(2026, 11, 10, 9, 30),
        description=entry.description,
        reason="O analista saiu às 9h30.",
    )
    adjustment = services.igpm_adjust(
        actor=world.leader, percentage=Decimal("4.25"), valid_from=date(2027, 1, 1)
    )
    return {
        "consultoria_consultancy": consultancy,
        "consultoria_timeentry": entry,
        "consultoria_timeentrycorrection": entry.corrections.get(),
        "consultoria_modality": Modality.objects.get(code="module"),
        "consultoria_rate": adjustment.rates.first(),
        "consultoria_rateadjustment": adjustment,
        "consultoria_taxrate": TaxRate.objects.first(),
        "consultoria_termtemplate": TermTemplate.objects.get(variant="end_client", version=1),
    }

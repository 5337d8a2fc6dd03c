"""Portal pages of billable consultancy (CON-3, CON-8, ACC-5, TEN-2, TEN-3).

The object is a consultancy of a ticket of Alfa opened by its contact, approved by a leader: its term
waits for an answer. Beta's administrator ("other") gets 404 on it. The list and the term are pages
of client contacts and partner consultants (analysts work consultancies in the back-office: 403);
the statement is for everyone signed in: a contact reads their company's, a partner their unit's,
staff choose. Accepting and declining, and asking for a statement's PDF, take POST only (a GET
changes nothing: 405). A prepared PDF is downloaded by who asked for it only (Alfa's administrator
here): 404 for everyone else, staff included.
"""

from . import LOGIN, open_ticket_for, row

#                                          anonymous other contact admin partner analyst leader
CLIENT_PAGE = row(LOGIN, 200, 200, 200, 200, 403, 403)
OF_ALFA = row(LOGIN, 404, 200, 200, 200, 403, 403)
POST_ONLY = row(LOGIN, 405, 405, 405, 405, 403, 403)


def _consultancy(o):
    return {"pk": o["portal_consultancy"].pk}


PORTAL = {
    "consultancy-list": (lambda o: {}, CLIENT_PAGE),
    "consultancy-statement": (lambda o: {}, row(LOGIN, 200, 200, 200, 200, 200, 200)),
    "consultancy-term": (_consultancy, OF_ALFA),
    "consultancy-term-accept": (_consultancy, POST_ONLY),
    "consultancy-term-decline": (_consultancy, POST_ONLY),
    "consultancy-statement-pdf": (lambda o: {}, row(LOGIN, 405, 405, 405, 405, 405, 405)),
    "consultancy-statement-pdf-download": (
        lambda o: {"pk": o["portal_statement_pdf"].pk},
        row(LOGIN, 404, 404, 200, 404, 404, 404),
    ),
}


def objects(world) -> dict:
    from consultoria import services
    from consultoria.models import Consultancy, Modality

    ticket = open_ticket_for(world, "consultoria")
    consultancy = services.consultancy_request(
        actor=world.analyst,
        ticket=ticket,
        modality=Modality.objects.get(code=Modality.Code.MODULE),
        situation=Consultancy.Situation.NOT_REPRODUCED,
    )
    services.consultancy_approve(actor=world.leader, consultancy=consultancy)
    return {"portal_consultancy": consultancy, "portal_statement_pdf": _ready_pdf(world)}


def _ready_pdf(world):
    from datetime import date

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from consultoria.models import StatementPdf

    export = StatementPdf(
        requested_by=world.admin.user,
        company=world.company,
        month=date(2026, 11, 1),
        sessions=0,
        status=StatementPdf.Status.READY,
        requested_at=timezone.now(),
    )
    export.file.save("extrato.pdf", ContentFile(b"%PDF-1.7 matrix"), save=True)
    return export

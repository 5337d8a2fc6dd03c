"""Statement PDFs prepared in the background (CON-8): a month with more sessions than a request may
render is asked for here, made by the worker (consultoria/tasks.py) with what the requester may
read at that moment, and downloaded by them only. Each request also removes the requester's PDFs
older than a week, files included."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from accounts import access
from accounts.models import Company, PartnerUnit, User

from ..models import StatementPdf
from ..pdf import statement_filename, statement_pdf_bytes
from ..selectors import consultancy_statement

logger = logging.getLogger(__name__)
KEPT_FOR = timedelta(days=7)
S = StatementPdf.Status


def _not_ready(_pk: int) -> None:
    raise RuntimeError("consultoria: no PDF dispatcher registered (consultoria.apps.ready)")


_dispatch: Callable[[int], object] = _not_ready


def register_pdf_dispatcher(dispatch: Callable[[int], object]) -> None:
    """How a prepared PDF is queued (consultoria/tasks.py registers it when the app is ready)."""
    global _dispatch  # one per process
    _dispatch = dispatch


@transaction.atomic
def statement_pdf_request(
    *,
    actor: User,
    month: date,
    sessions: int,
    company: Company | None = None,
    unit: PartnerUnit | None = None,
    now: datetime | None = None,
) -> StatementPdf:
    """Ask for the PDF of a statement the actor has just read (the page checked the scope). One
    being prepared for the same month and subject is reused instead of queueing another."""
    now = now or timezone.now()
    mine = access.statement_pdfs_of(actor)
    for old in mine.filter(requested_at__lt=now - KEPT_FOR):
        old.file.delete(save=False)
        old.delete()
    preparing = mine.filter(month=month, company=company, unit=unit, status=S.PREPARING).first()
    if preparing is not None:
        return preparing
    export = StatementPdf.objects.create(
        requested_by=actor, company=company, unit=unit, month=month, sessions=sessions, requested_at=now
    )
    transaction.on_commit(lambda: _dispatch(export.pk))
    return export


def statement_pdf_render(pk: int) -> StatementPdf | None:
    """The worker's part: the statement read again as the requester may read it now, in their
    language, rendered and stored; a failure is recorded, never retried in a loop."""
    export = StatementPdf.objects.select_related("requested_by", "company", "unit").filter(pk=pk).first()
    if export is None or export.status != S.PREPARING:
        return export
    user = export.requested_by
    try:
        with translation.override(user.language):
            statement = consultancy_statement(
                user, month=export.month, company=export.company, unit=export.unit
            )
            content = statement_pdf_bytes(statement, staff=access.is_staff(user))
    except Exception:
        logger.exception("consultoria: statement PDF %s failed", pk)
        StatementPdf.objects.filter(pk=pk).update(status=S.FAILED, finished_at=timezone.now())
        export.refresh_from_db()
        return export
    export.file.save(statement_filename(statement, "pdf"), ContentFile(content), save=False)
    export.status, export.sessions, export.finished_at = S.READY, len(statement.lines), timezone.now()
    export.save(update_fields=["file", "status", "sessions", "finished_at"])
    return export

"""Celery tasks of billable consultancy: thin wrappers around one service each."""

from celery import shared_task

from .services.statements import register_pdf_dispatcher, statement_pdf_render


@shared_task(acks_late=True)
def statement_pdf(pk: int) -> str:
    """Render a statement PDF asked for on the portal (CON-8)."""
    export = statement_pdf_render(pk)
    return export.status if export is not None else "missing"


def register() -> None:
    register_pdf_dispatcher(lambda pk: statement_pdf.delay(pk))

"""Serving an attachment (TKT-10, ACC-6): one rule and one response for the portal and the API."""

from django.http import FileResponse, Http404

from accounts.models import User
from accounts.services import company_assert_can_download

from . import selectors
from .models import Attachment


def attachment_for_download(user: User, pk: int) -> Attachment:
    """The attachment, after the same check as its ticket (Http404 otherwise, TEN-2). A client of a
    company with a financial pendency is refused with a DomainError (ACC-6); analysts always can."""
    attachment = selectors.attachment_get(user, pk)
    if not user.is_analyst:
        company_assert_can_download(company=attachment.ticket.company)
    return attachment


def attachment_response(attachment: Attachment) -> FileResponse:
    """Always a download, never rendered by the browser, never cached by a shared proxy."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response

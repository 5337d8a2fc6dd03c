"""Serving an attachment (TKT-10, ACC-6): one rule and one response for the portal and the API."""

from django.http import FileResponse

from accounts import access
from accounts.models import User
from core.errors import DomainError, ForbiddenError
from core.http import private_file_response

from .models import Attachment


def attachment_for_download(user: User, pk: int) -> Attachment:
    """The attachment, after the same check as its ticket (404 otherwise, TEN-2). A client of a
    company with a financial pendency is refused (403, ACC-6); staff always can."""
    attachment = access.access_attachment(user, pk)
    if not access.is_staff(user):
        try:
            access.company_assert_can_download(company=attachment.ticket.company)
        except DomainError as error:
            raise ForbiddenError(error.message, code=error.code) from None
    return attachment


def attachment_response(attachment: Attachment) -> FileResponse:
    """Always a download, never rendered by the browser, never cached by a shared proxy."""
    return private_file_response(
        attachment.file,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )

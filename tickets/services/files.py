"""Storing a ticket's checked files (TKT-10): outside the web root, under a random name."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from accounts.models import User

from ..attachments import CheckedFile
from ..models import Attachment, Message, Ticket


def store_attachments(
    ticket: Ticket, files: Sequence[CheckedFile], *, actor: User, message: Message | None, now: datetime
) -> list[Attachment]:
    stored: list[Attachment] = []
    for checked in files:
        attachment = Attachment(
            ticket=ticket,
            message=message,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=actor,
            created_at=now,
        )
        attachment.file.save(checked.name, checked.upload, save=False)
        attachment.save()
        stored.append(attachment)
    return stored

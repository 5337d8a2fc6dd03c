"""Attachment checks (TKT-10): size, extension and content must agree.

The content type we store and serve comes from the checked extension, never from the client.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.http import clean_file_name

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_TEXT = "text"

# extension -> (content type, accepted leading bytes or _TEXT)
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...] | str]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    ".webp": ("image/webp", (b"RIFF",)),
    ".zip": ("application/zip", _ZIP),
    ".7z": ("application/x-7z-compressed", (b"7z\xbc\xaf\x27\x1c",)),
    ".gz": ("application/gzip", (b"\x1f\x8b",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP),
    ".odt": ("application/vnd.oasis.opendocument.text", _ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
    ".mp4": ("video/mp4", ()),  # checked below: "ftyp" at offset 4
    ".mov": ("video/quicktime", ()),
    ".webm": ("video/webm", (b"\x1a\x45\xdf\xa3",)),
    ".txt": ("text/plain", _TEXT),
    ".log": ("text/plain", _TEXT),
    ".csv": ("text/csv", _TEXT),
    ".xml": ("text/plain", _TEXT),  # served as plain text: never rendered by the browser
    ".json": ("application/json", _TEXT),
    ".sql": ("text/plain", _TEXT),
}


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile
    name: str
    content_type: str
    size: int
    sha256: str


def _max_bytes() -> int:
    return getattr(settings, "ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)


def _max_files() -> int:
    return getattr(settings, "ATTACHMENT_MAX_FILES", 10)


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "latin-1"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Refuse a file whose size, extension or content is not acceptable, with a clear message."""
    name = clean_file_name(upload.name or "")
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED_TYPES:
        allowed = ", ".join(sorted(ext.lstrip(".") for ext in ALLOWED_TYPES))
        raise DomainError(
            _("%(name)s: tipo de arquivo não aceito. Tipos aceitos: %(allowed)s.")
            % {"name": name, "allowed": allowed},
            field="attachments",
            code="attachment_type",
        )
    if upload.size is None or upload.size > _max_bytes():
        raise DomainError(
            _("%(name)s: o arquivo passa do limite de %(limit)s.")
            % {"name": name, "limit": filesizeformat(_max_bytes())},
            field="attachments",
            code="attachment_size",
        )
    if upload.size == 0:
        raise DomainError(_("%(name)s: o arquivo está vazio.") % {"name": name}, field="attachments")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    content_type, signatures = ALLOWED_TYPES[extension]
    if signatures == _TEXT:
        valid = _looks_like_text(head)
    elif extension in (".mp4", ".mov"):
        valid = head[4:8] == b"ftyp"
    elif extension == ".webp":
        valid = head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    else:
        valid = any(head.startswith(signature) for signature in signatures)
    if not valid:
        raise DomainError(
            _("%(name)s: o conteúdo não corresponde à extensão %(ext)s.") % {"name": name, "ext": extension},
            field="attachments",
            code="attachment_content",
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(
        upload=upload, name=name, content_type=content_type, size=upload.size, sha256=digest.hexdigest()
    )


def check_uploads(uploads: Iterable[UploadedFile[bytes]] | None) -> list[CheckedFile]:
    files = list(uploads or [])
    if len(files) > _max_files():
        raise DomainError(
            _("Envie no máximo %(n)d arquivos por vez.") % {"n": _max_files()}, field="attachments"
        )
    return [check_upload(upload) for upload in files]

"""Images and videos of articles: extension, size and content must agree (the content type served
comes from the checked extension, never from the browser that uploaded the file)."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.errors import DomainError

IMAGE_TYPES: dict[str, str] = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
VIDEO_TYPES: dict[str, str] = {".mp4": "video/mp4", ".webm": "video/webm"}


def _max_image_bytes() -> int:
    return int(getattr(settings, "KNOWLEDGE_IMAGE_MAX_BYTES", 5 * 1024 * 1024))


def _max_video_bytes() -> int:
    return int(getattr(settings, "KNOWLEDGE_VIDEO_MAX_BYTES", 200 * 1024 * 1024))


def _head(upload: File[bytes]) -> bytes:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return bytes(head)


def _check(upload: File[bytes], types: dict[str, str], limit: int, field: str) -> tuple[str, str]:
    name = PurePath((upload.name or "").replace("\\", "/")).name
    extension = PurePath(name).suffix.lower()
    if extension not in types:
        allowed = ", ".join(sorted(ext.lstrip(".") for ext in types))
        raise DomainError(
            _("%(name)s: tipo de arquivo não aceito. Tipos aceitos: %(allowed)s.")
            % {"name": name, "allowed": allowed},
            field=field,
        )
    size = upload.size or 0
    if size == 0:
        raise DomainError(_("%(name)s: o arquivo está vazio.") % {"name": name}, field=field)
    if size > limit:
        raise DomainError(
            _("%(name)s: o arquivo passa do limite de %(limit)s.")
            % {"name": name, "limit": filesizeformat(limit)},
            field=field,
        )
    return name, extension


def _content_matches(extension: str, head: bytes) -> bool:
    if extension == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == ".gif":
        return head.startswith((b"GIF87a", b"GIF89a"))
    if extension == ".webp":
        return head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    if extension == ".mp4":
        return head[4:8] == b"ftyp"
    if extension == ".webm":
        return head.startswith(b"\x1a\x45\xdf\xa3")
    return False


def check_image(upload: File[bytes]) -> str:
    """The content type of an acceptable image (DomainError with a clear message otherwise)."""
    name, extension = _check(upload, IMAGE_TYPES, _max_image_bytes(), "image")
    if not _content_matches(extension, _head(upload)):
        raise DomainError(
            _("%(name)s: o conteúdo não corresponde à extensão %(ext)s.") % {"name": name, "ext": extension},
            field="image",
        )
    return IMAGE_TYPES[extension]


def check_video(upload: File[bytes]) -> str:
    """The content type of an acceptable video, MP4 or WebM (DomainError otherwise)."""
    name, extension = _check(upload, VIDEO_TYPES, _max_video_bytes(), "video")
    if not _content_matches(extension, _head(upload)):
        raise DomainError(
            _("%(name)s: o conteúdo não corresponde à extensão %(ext)s.") % {"name": name, "ext": extension},
            field="video",
        )
    return VIDEO_TYPES[extension]

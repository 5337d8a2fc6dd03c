"""Every write of the download centre (SELF-6): packages uploaded, changed, published and
unpublished by staff, and each download recorded.

The size and SHA-256 of a package are computed here from the bytes received (never taken from the
input); the file goes to the private storage under a random name. The download log is append-only:
only `download_record` writes it.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import Company, User
from core.errors import DomainError
from core.http import clean_file_name
from tickets.models import Product, ProductVersion

from .models import DownloadLog, Package, search_key

# extension -> content type sent with the download (always as an attachment, never rendered)
PACKAGE_TYPES: dict[str, str] = {
    ".zip": "application/zip",
    ".7z": "application/x-7z-compressed",
    ".gz": "application/gzip",
    ".tgz": "application/gzip",
    ".tar": "application/x-tar",
    ".rar": "application/vnd.rar",
    ".exe": "application/octet-stream",
    ".msi": "application/octet-stream",
    ".rpm": "application/octet-stream",
    ".deb": "application/octet-stream",
    ".ptm": "application/octet-stream",  # a product patch
    ".pdf": "application/pdf",
    ".txt": "text/plain",
}


# What staff may change on a package; size, SHA-256 and names come from the file alone.
CHANGEABLE = frozenset(
    {"product", "version", "version_label", "kind", "title", "description", "released_on", "is_published"}
)


def _max_bytes() -> int:
    return int(getattr(settings, "DOWNLOAD_PACKAGE_MAX_BYTES", 2 * 1024 * 1024 * 1024))


def _checked_file(upload: File[bytes]) -> tuple[str, str, int, str]:
    """The file's clean name, content type, size and SHA-256, read from its bytes."""
    name = clean_file_name(upload.name or "")
    extension = PurePath(name).suffix.lower()
    if extension not in PACKAGE_TYPES:
        allowed = ", ".join(sorted(ext.lstrip(".") for ext in PACKAGE_TYPES))
        raise DomainError(
            _("%(name)s: tipo de arquivo não aceito. Tipos aceitos: %(allowed)s.")
            % {"name": name, "allowed": allowed},
            field="upload",
            code="package_type",
        )
    digest = hashlib.sha256()
    size = 0
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
        size += len(chunk)
        if size > _max_bytes():
            raise DomainError(
                _("%(name)s: o arquivo passa do limite de %(limit)s.")
                % {"name": name, "limit": filesizeformat(_max_bytes())},
                field="upload",
                code="package_size",
            )
    upload.seek(0)
    if size == 0:
        raise DomainError(_("%(name)s: o arquivo está vazio.") % {"name": name}, field="upload")
    return name, PACKAGE_TYPES[extension], size, digest.hexdigest()


def _check_version(product: Product, version: ProductVersion | None, version_label: str) -> str:
    if version is not None and version.product_id != product.pk:
        raise DomainError(_("Esta versão não é do produto escolhido."), field="version", code="version")
    label = " ".join(version_label.split())
    if version is None and not label:
        raise DomainError(
            _("Escolha a versão do produto ou escreva um rótulo de versão."),
            field="version",
            code="version",
        )
    return "" if version is not None else label


def _fill_search_text(package: Package) -> None:
    version = package.version.name if package.version is not None else package.version_label
    package.search_text = search_key(" ".join((package.title, package.description, version)))


def _store_file(package: Package, upload: File[bytes]) -> None:
    name, content_type, size, sha256 = _checked_file(upload)
    package.original_name, package.content_type, package.size, package.sha256 = (
        name,
        content_type,
        size,
        sha256,
    )
    package.file.save(name, upload, save=False)


@transaction.atomic
def package_upload(
    *,
    actor: User,
    product: Product,
    version: ProductVersion | None,
    version_label: str = "",
    kind: str,
    title: str,
    description: str = "",
    released_on: date,
    upload: File[bytes],
    publish: bool = False,
) -> Package:
    """A new package from a file staff send; its size and SHA-256 are computed from the bytes."""
    access.require_staff(actor, _("Somente a equipe de atendimento envia pacotes."))
    if kind not in Package.Kind.values:
        raise DomainError(_("Escolha um tipo de pacote válido."), field="kind")
    title = " ".join(title.split())
    if not title:
        raise DomainError(_("Informe o título do pacote."), field="title")
    now = timezone.now()
    package = Package(
        product=product,
        version=version,
        version_label=_check_version(product, version, version_label),
        kind=kind,
        title=title,
        description=description.strip(),
        released_on=released_on,
        is_published=publish,
        uploaded_by=actor,
        created_at=now,
        updated_at=now,
    )
    _fill_search_text(package)
    _store_file(package, upload)
    package.save()
    return package


@transaction.atomic
def package_change(
    *, actor: User, package: Package, changes: dict[str, Any], upload: File[bytes] | None = None
) -> Package:
    """Change a package's description fields (product, version, kind, title, description, date,
    published), and its file when a new one is sent (size and SHA-256 computed again)."""
    access.require_staff(actor, _("Somente a equipe de atendimento altera pacotes."))
    unknown = set(changes) - CHANGEABLE
    if unknown:
        raise DomainError(_("Campos que não podem ser alterados: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    for field, value in changes.items():
        setattr(package, field, value)
    package.title = " ".join(package.title.split())
    if not package.title:
        raise DomainError(_("Informe o título do pacote."), field="title")
    if package.kind not in Package.Kind.values:
        raise DomainError(_("Escolha um tipo de pacote válido."), field="kind")
    package.version_label = _check_version(package.product, package.version, package.version_label)
    _fill_search_text(package)
    old_name = package.file.name if upload is not None else None
    if upload is not None:
        _store_file(package, upload)
    package.updated_at = timezone.now()
    package.save()
    if old_name and old_name != package.file.name:
        storage = package.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return package


def package_set_published(*, actor: User, package: Package, published: bool) -> Package:
    """Publish a package (clients of its product see it) or withdraw it from the portal."""
    access.require_staff(actor, _("Somente a equipe de atendimento publica pacotes."))
    Package.objects.filter(pk=package.pk).update(is_published=published, updated_at=timezone.now())
    package.is_published = published
    return package


def package_download(*, actor: User, pk: object, channel: str) -> Package:
    """The package `actor` asks to download, after the access check (404 for another product's
    package, 403 under a financial pendency, ACC-6), with the download recorded."""
    package = access.access_package(actor, pk)
    company = access.package_download_company(actor, package)
    download_record(actor=actor, package=package, company=company, channel=channel)
    return package


def download_record(*, actor: User, package: Package, company: Company | None, channel: str) -> DownloadLog:
    """Record one download (who, when, which package, for which company); called by the portal
    and the API after the access check, before the file is streamed."""
    if channel not in DownloadLog.Channel.values:
        raise DomainError(_("Canal de download desconhecido."))
    return DownloadLog.objects.create(
        package=package, user=actor, company=company, channel=channel, downloaded_at=timezone.now()
    )

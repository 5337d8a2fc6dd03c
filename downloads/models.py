"""The download centre's rows (SELF-6, ACC-6): packages per product and version, and who downloaded them.

A package's file lives in the private storage (outside the web root, like ticket attachments) and
is only served by the permission-checked views; its size and SHA-256 are computed by the service
from the bytes received, never taken from the input. Writes go through downloads/services.py.
"""

from __future__ import annotations

import unicodedata
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from tickets.models import Product, ProductVersion


def search_key(text: str) -> str:
    """Text as the keyword search compares it: without accents, in lower case, spaces collapsed
    ("Férias" and "FERIAS" both give "ferias"), the same on PostgreSQL and SQLite."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


def package_path(instance: Package, filename: str) -> str:
    # A random stored name: the original name is kept in the row, never in the path.
    return f"downloads/{instance.released_on:%Y/%m}/{uuid.uuid4().hex}"


class Package(models.Model):
    """A file a client downloads to keep a product up to date: an update package, a patch, an
    installer or a document, for one product and (usually) one of its versions."""

    class Kind(models.TextChoices):
        UPDATE = "update", _("Pacote de atualização")
        PATCH = "patch", _("Patch")
        INSTALLER = "installer", _("Instalador")
        DOCUMENTATION = "documentation", _("Documentação")

    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="download_packages", verbose_name=_("produto")
    )
    version = models.ForeignKey(
        ProductVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="download_packages",
        verbose_name=_("versão"),
        help_text=_("Uma versão cadastrada do produto; em branco, use o rótulo abaixo."),
    )
    version_label = models.CharField(
        _("rótulo da versão"),
        max_length=40,
        blank=True,
        help_text=_("Para uma versão que não está cadastrada (por exemplo, “todas as versões”)."),
    )
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("título"), max_length=200)
    description = models.TextField(_("descrição"), blank=True)
    released_on = models.DateField(_("data de liberação"))
    file = models.FileField(_("arquivo"), upload_to=package_path, max_length=200)
    original_name = models.CharField(_("nome do arquivo"), max_length=200)
    content_type = models.CharField(_("tipo de conteúdo"), max_length=100)
    size = models.PositiveBigIntegerField(_("tamanho (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # Title, description and version without accents, in lower case: the keyword search reads it.
    search_text = models.TextField(editable=False, default="")
    is_published = models.BooleanField(_("publicado"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("enviado por")
    )
    created_at = models.DateTimeField(_("enviado em"))
    updated_at = models.DateTimeField(_("atualizado em"))

    class Meta:
        verbose_name = _("pacote para download")
        verbose_name_plural = _("pacotes para download")
        ordering = ["-released_on", "-pk"]
        indexes = [
            models.Index(fields=["is_published", "product", "-released_on"], name="package_catalogue"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def version_name(self) -> str:
        """The version shown: the registered one's name, or the free label."""
        return self.version.name if self.version_id and self.version else self.version_label


class DownloadLog(models.Model):
    """One download of a package: who, when, for which company (append-only, by the service)."""

    class Channel(models.TextChoices):
        PORTAL = "portal", _("Portal")
        API = "api", _("API")

    package = models.ForeignKey(
        Package, on_delete=models.PROTECT, related_name="downloads", verbose_name=_("pacote")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("usuário")
    )
    company = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("empresa"),
        help_text=_("A empresa do contato; em branco para consultores de parceiros e a equipe."),
    )
    channel = models.CharField(_("canal"), max_length=8, choices=Channel.choices)
    downloaded_at = models.DateTimeField(_("baixado em"))

    class Meta:
        verbose_name = _("registro de download")
        verbose_name_plural = _("registro de downloads")
        ordering = ["-downloaded_at", "-pk"]
        indexes = [models.Index(fields=["package", "-downloaded_at"], name="download_by_package")]

    def __str__(self) -> str:
        return f"{self.package} · {self.downloaded_at:%Y-%m-%d %H:%M}"

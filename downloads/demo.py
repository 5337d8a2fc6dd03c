"""Demo data of downloads, loaded by `manage.py seed_demo` (idempotent): packages over the demo
products and versions, with small real files written through the service (so their size and
SHA-256 are the service's), one still unpublished, and a few downloads recorded."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Contact, User
from tickets.models import Product, ProductVersion

from . import services
from .models import DownloadLog, Package

K = Package.Kind
# product, version (or "" with a label), label, kind, title, description, file name, days ago, published
PACKAGES: list[tuple[str, str, str, str, str, str, str, int, bool]] = [
    (
        "ERP Backoffice",
        "12.1.2510",
        "",
        K.UPDATE,
        "Pacote de atualização 12.1.2510 — expedição de novembro",
        "Correções de faturamento, estoque e compras. Inclui o novo leiaute da NF-e 4.0 e ajustes na "
        "emissão de notas de devolução.",
        "erp-12.1.2510-novembro.zip",
        5,
        True,
    ),
    (
        "ERP Backoffice",
        "12.1.2510",
        "",
        K.PATCH,
        "Patch de correção: rejeição 539 na transmissão da NF-e",
        "Corrige a duplicidade de chave de acesso que causava a rejeição 539 em notas transmitidas em "
        "contingência.",
        "patch-nfe-539.ptm",
        2,
        True,
    ),
    (
        "ERP Backoffice",
        "12.1.2410",
        "",
        K.UPDATE,
        "Pacote de atualização 12.1.2410 — expedição de outubro",
        "Ajustes nos livros fiscais (SPED ICMS/IPI) e no cálculo de substituição tributária.",
        "erp-12.1.2410-outubro.zip",
        38,
        True,
    ),
    (
        "ERP Backoffice",
        "",
        "todas as versões",
        K.INSTALLER,
        "Instalador do servidor de aplicação",
        "Instalador completo para novos ambientes; use-o uma vez e aplique os pacotes de atualização.",
        "instalador-servidor-aplicacao.zip",
        60,
        True,
    ),
    (
        "ERP Backoffice",
        "12.1.2510",
        "",
        K.DOCUMENTATION,
        "Notas da versão 12.1.2510",
        "O que mudou em cada rotina, com os parâmetros novos e as instruções de atualização.",
        "notas-da-versao-12.1.2510.pdf",
        5,
        True,
    ),
    (
        "Folha de Pagamento",
        "12.1.2510",
        "",
        K.UPDATE,
        "Atualização da folha: cálculo de férias e eSocial S-1.3",
        "Corrige o cálculo de férias com um dia a menos em meses de 31 dias e atualiza os eventos do "
        "eSocial para o leiaute S-1.3.",
        "folha-12.1.2510-ferias-esocial.zip",
        3,
        True,
    ),
    (
        "Folha de Pagamento",
        "12.1.2510",
        "",
        K.DOCUMENTATION,
        "Guia de cálculo do 13º salário",
        "Passo a passo do cálculo da primeira e da segunda parcela, com exemplos.",
        "guia-13-salario.pdf",
        20,
        True,
    ),
    (
        "PDV Varejo",
        "4.0",
        "",
        K.UPDATE,
        "PDV Varejo 4.0.3 — atualização da frente de caixa",
        "Melhora a velocidade do fechamento de caixa e corrige promoções do tipo “leve 3, pague 2”.",
        "pdv-4.0.3.zip",
        7,
        True,
    ),
    (
        "PDV Varejo",
        "3.8",
        "",
        K.PATCH,
        "Patch 3.8.12: impressão de cupom em impressoras térmicas",
        "Corrige o corte de papel e os acentos no cupom impresso.",
        "pdv-3.8.12.ptm",
        15,
        True,
    ),
    (
        "PDV Varejo",
        "4.0",
        "",
        K.INSTALLER,
        "Instalador do PDV Varejo 4.0",
        "Instalação limpa de um novo terminal de frente de caixa.",
        "instalador-pdv-4.0.zip",
        30,
        True,
    ),
    (
        "ERP Backoffice",
        "12.1.2510",
        "",
        K.PATCH,
        "Patch em homologação: estoque negativo no inventário",
        "Ainda em testes pela equipe: não publicado.",
        "patch-estoque-inventario.ptm",
        0,
        False,
    ),
]


def _content(name: str, title: str, description: str) -> bytes:
    """Small real files: a zip with a readme, a minimal PDF, or a patch's bytes."""
    text = f"{title}\n\n{description}\n"
    if name.endswith(".zip"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("LEIA-ME.txt", text)
            archive.writestr("pacote/manifest.txt", f"arquivo={name}\n")
        return buffer.getvalue()
    if name.endswith(".pdf"):
        return b"%PDF-1.4\n% " + text.encode("utf-8") + b"\n%%EOF\n"
    return b"PTM1\x00" + text.encode("utf-8") * 4


def seed_demo() -> None:
    """Create the demo rows once; running it again changes nothing."""
    actor = User.objects.filter(role=User.Role.LEADER, is_active=True).order_by("pk").first()
    if actor is None:
        return
    today = timezone.localdate()
    created: list[Package] = []
    for product_name, version_name, label, kind, title, description, file_name, days, published in PACKAGES:
        product = Product.objects.filter(name=product_name).first()
        if product is None or Package.objects.filter(product=product, title=title).exists():
            continue
        version = (
            ProductVersion.objects.filter(product=product, name=version_name).first()
            if version_name
            else None
        )
        if version_name and version is None:
            continue
        package = services.package_upload(
            actor=actor,
            product=product,
            version=version,
            version_label=label,
            kind=kind,
            title=title,
            description=description,
            released_on=today - timedelta(days=days),
            upload=ContentFile(_content(file_name, title, description), name=file_name),
            publish=published,
        )
        created.append(package)
    _demo_downloads(created)


def _demo_downloads(packages: list[Package]) -> None:
    """A few downloads of the new packages by contacts of regular companies using their product
    (staff see the counts)."""
    for package in [package for package in packages if package.is_published][:3]:
        contacts = (
            Contact.objects.select_related("user", "company")
            .filter(company__product_lines=package.product.line_id, company__financial_status="regular")
            .order_by("pk")[:2]
        )
        for contact in contacts:
            services.download_record(
                actor=contact.user,
                package=package,
                company=contact.company,
                channel=DownloadLog.Channel.PORTAL,
            )

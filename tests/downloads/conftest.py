"""The download centre's world: Alfa uses the ERP line, Beta the retail line; a package of each,
uploaded through the service, plus an unpublished one."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.files.base import ContentFile

from downloads import services
from downloads.models import Package
from tests.factories import ProductFactory, ProductLineFactory, TeamFactory, VersionFactory


@dataclass
class Shelf:
    erp: object
    erp_version: object
    erp_old_version: object
    retail: object
    erp_package: Package
    retail_package: Package
    draft: Package
    upload: object  # upload(product, **fields) -> Package


def file(name: str = "pacote.zip", content: bytes = b"PK\x03\x04 conteudo do pacote") -> ContentFile:
    return ContentFile(content, name=name)


@pytest.fixture
def shelf(world) -> Shelf:
    team = TeamFactory(name="Produto", slug="produto")
    erp_line = ProductLineFactory(name="ERP", slug="erp")
    retail_line = ProductLineFactory(name="Varejo", slug="varejo")
    world.company.product_lines.add(erp_line)
    world.other_company.product_lines.add(retail_line)
    erp = ProductFactory(line=erp_line, name="ERP Backoffice", default_team=team)
    retail = ProductFactory(line=retail_line, name="PDV Varejo", default_team=team)
    erp_version = VersionFactory(product=erp, name="12.1.2510")
    erp_old_version = VersionFactory(product=erp, name="12.1.2410")
    retail_version = VersionFactory(product=retail, name="4.0")

    def upload(product, **fields) -> Package:
        data = {
            "actor": world.analyst,
            "product": product,
            "version": erp_version if product == erp else retail_version,
            "kind": Package.Kind.UPDATE,
            "title": "Pacote de atualização",
            "description": "",
            "released_on": date(2026, 11, 20),
            "upload": file(),
            "publish": True,
            **fields,
        }
        return services.package_upload(**data)

    return Shelf(
        erp=erp,
        erp_version=erp_version,
        erp_old_version=erp_old_version,
        retail=retail,
        erp_package=upload(
            erp, title="Atualização do faturamento", description="Correções de férias e cálculos."
        ),
        retail_package=upload(retail, title="PDV 4.0.3", kind=Package.Kind.PATCH),
        draft=upload(erp, title="Patch em homologação", publish=False),
        upload=upload,
    )

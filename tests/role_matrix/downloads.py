"""The download centre (SELF-6, ACC-6): the portal list and file, the API list and file, and the
back-office of packages and of the download log.

The package is an ERP update of a product line only Alfa uses: Beta's administrator ("other") sees
the list (empty of it) and gets 404 on its file, exactly like a missing one; Alfa's contacts, the
partner unit serving Alfa and staff download it. Anonymous browsers go to the login page; the API
answers 401. Packages are uploaded, changed, published and unpublished by every staff member in the
back-office, never deleted (unpublished instead); the download log is read-only.
"""

from . import LOGIN, VIEW, row

API = 401
#                     anonymous other contact admin partner analyst leader
LIST = row(LOGIN, 200, 200, 200, 200, 200, 200)
FILE = row(LOGIN, 404, 200, 200, 200, 200, 200)


def _package(o):
    return {"pk": o["downloads_package"].pk}


PORTAL = {
    "download-list": (lambda o: {}, LIST),
    "download-file": (_package, FILE),
    "api-download-list": (lambda o: {}, row(API, 200, 200, 200, 200, 200, 200)),
    "api-download-file": (_package, row(API, 404, 200, 200, 200, 200, 200)),
}

ADMIN_MODELS = {
    "downloads_package": {"analyst": VIEW | {"add"}, "leader": VIEW | {"add"}},
    "downloads_downloadlog": {"analyst": VIEW, "leader": VIEW},
}


def objects(world) -> dict:
    from datetime import date

    from django.core.files.base import ContentFile

    from downloads import services
    from downloads.models import Package
    from tests.factories import ProductFactory, ProductLineFactory, TeamFactory, VersionFactory

    line = ProductLineFactory(name="Linha downloads", slug="linha-downloads")
    world.company.product_lines.add(line)
    product = ProductFactory(
        line=line, name="Produto downloads", default_team=TeamFactory(name="Equipe downloads", slug="eq-dl")
    )
    package = services.package_upload(
        actor=world.analyst,
        product=product,
        version=VersionFactory(product=product, name="1.0"),
        kind=Package.Kind.UPDATE,
        title="Pacote da matriz de papéis",
        released_on=date(2026, 11, 20),
        upload=ContentFile(b"PK\x03\x04 matriz", name="matriz.zip"),
        publish=True,
    )
    log = services.download_record(
        actor=world.contact.user, package=package, company=world.company, channel="portal"
    )
    return {"downloads_package": package, "downloads_downloadlog": log}

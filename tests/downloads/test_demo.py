"""The demo packages (seed_demo): written through the service, idempotent."""

import hashlib

import pytest

from downloads.demo import PACKAGES, seed_demo
from downloads.models import DownloadLog, Package
from tests.factories import ProductFactory, ProductLineFactory, VersionFactory

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_the_packages_once_with_their_real_hashes(world):
    for name, versions in (
        ("ERP Backoffice", ["12.1.2410", "12.1.2510"]),
        ("Folha de Pagamento", ["12.1.2510"]),
    ):
        product = ProductFactory(name=name, line=ProductLineFactory())
        for version in versions:
            VersionFactory(product=product, name=version)
        world.company.product_lines.add(product.line)
    retail = ProductFactory(name="PDV Varejo", line=ProductLineFactory())
    for version in ("3.8", "4.0"):
        VersionFactory(product=retail, name=version)

    seed_demo()
    seed_demo()

    assert Package.objects.count() == len(PACKAGES) >= 8
    assert Package.objects.filter(is_published=False).count() == 1
    for package in Package.objects.all():
        with package.file.open("rb") as stored:
            assert hashlib.sha256(stored.read()).hexdigest() == package.sha256
    logs = DownloadLog.objects.select_related("package__product")
    assert logs and all(log.company == world.company for log in logs)  # Beta uses none of these products

"""The download centre's writes (SELF-6): the service computes size and SHA-256 from the bytes,
keeps the search text, checks product and version, and only staff upload or publish."""

import hashlib
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile

from core.errors import DomainError
from downloads import services
from downloads.models import DownloadLog, Package, search_key

pytestmark = pytest.mark.django_db


def test_self6_size_and_sha256_are_computed_from_the_bytes(world, shelf):
    content = bytes(range(256)) * 1000  # 256 KB over several chunks

    package = shelf.upload(shelf.erp, upload=ContentFile(content, name="C:\\temp\\atualização.zip"))

    assert package.size == len(content)
    assert package.sha256 == hashlib.sha256(content).hexdigest()
    assert package.original_name == "atualização.zip"
    assert package.content_type == "application/zip"
    with package.file.open("rb") as stored:
        assert stored.read() == content


def test_self6_the_search_text_has_no_accents_nor_capitals(shelf):
    assert (
        shelf.erp_package.search_text
        == "atualizacao do faturamento correcoes de ferias e calculos. 12.1.2510"
    )
    assert search_key("  FÉRIAS   Cálculo ") == "ferias calculo"


def test_self6_a_version_of_another_product_is_refused(world, shelf):
    with pytest.raises(DomainError, match="não é do produto"):
        shelf.upload(shelf.retail, version=shelf.erp_version)


def test_self6_a_version_or_a_label_is_needed(world, shelf):
    with pytest.raises(DomainError, match="rótulo de versão"):
        shelf.upload(shelf.erp, version=None, version_label="  ")
    package = shelf.upload(shelf.erp, version=None, version_label="todas  as versões")
    assert package.version_name == "todas as versões"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("pacote.html", b"<script>", "tipo de arquivo não aceito"),
        ("pacote.zip", b"", "vazio"),
    ],
)
def test_self6_unacceptable_files_are_refused_with_a_message(shelf, name, content, message):
    before = Package.objects.count()
    with pytest.raises(DomainError, match=message):
        shelf.upload(shelf.erp, upload=ContentFile(content, name=name))
    assert Package.objects.count() == before


def test_self6_a_file_over_the_limit_is_refused(settings, shelf):
    settings.DOWNLOAD_PACKAGE_MAX_BYTES = 10
    with pytest.raises(DomainError, match="passa do limite"):
        shelf.upload(shelf.erp, upload=ContentFile(b"x" * 11, name="grande.zip"))


def test_self6_only_staff_upload_and_publish(world, shelf):
    with pytest.raises(PermissionDenied):
        shelf.upload(shelf.erp, actor=world.admin.user)
    with pytest.raises(PermissionDenied):
        services.package_set_published(actor=world.partner, package=shelf.draft, published=True)
    shelf.draft.refresh_from_db()
    assert shelf.draft.is_published is False


def test_self6_publish_and_unpublish(world, shelf):
    services.package_set_published(actor=world.analyst, package=shelf.draft, published=True)
    shelf.draft.refresh_from_db()
    assert shelf.draft.is_published is True
    services.package_set_published(actor=world.leader, package=shelf.draft, published=False)
    shelf.draft.refresh_from_db()
    assert shelf.draft.is_published is False


def test_self6_changing_the_file_computes_size_and_sha256_again(
    world, shelf, django_capture_on_commit_callbacks
):
    package = shelf.erp_package
    old_name = package.file.name
    storage = package.file.storage

    with django_capture_on_commit_callbacks(execute=True):
        services.package_change(
            actor=world.analyst,
            package=package,
            changes={"title": "Atualização de dezembro", "released_on": date(2026, 12, 1)},
            upload=ContentFile(b"PK novo", name="dezembro.zip"),
        )

    package.refresh_from_db()
    assert (package.title, package.size, package.original_name) == (
        "Atualização de dezembro",
        7,
        "dezembro.zip",
    )
    assert package.sha256 == hashlib.sha256(b"PK novo").hexdigest()
    assert "dezembro" in package.search_text
    assert not storage.exists(old_name)


def test_self6_a_change_cannot_touch_the_computed_fields(world, shelf):
    with pytest.raises(DomainError, match="sha256"):
        services.package_change(actor=world.analyst, package=shelf.erp_package, changes={"sha256": "0" * 64})


def test_self6_the_download_log_is_written_by_the_service(world, shelf):
    package = services.package_download(actor=world.contact.user, pk=shelf.erp_package.pk, channel="portal")

    [log] = DownloadLog.objects.all()
    assert package == shelf.erp_package
    assert (log.package, log.user, log.company, log.channel) == (
        shelf.erp_package,
        world.contact.user,
        world.company,
        "portal",
    )
    assert log.downloaded_at is not None

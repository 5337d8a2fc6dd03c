"""Browser journey (ACC-1, ACC-3, ACC-7): the company administrator deactivates a contact through a
confirmation, undoes it from the list, and is never offered to remove the only administrator."""

import pytest

from tests.factories import ContactFactory
from tests.helpers import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_deactivates_with_confirmation_and_undoes_it(page):
    admin = ContactFactory(admin=True, user__email="admin@alfa.example", user__full_name="Ana Admin")
    ContactFactory(company=admin.company, user__full_name="Carla Mendes", user__email="carla@alfa.example")

    browser_login(page, admin.user.email)
    page.get_by_role("link", name="Contatos", exact=True).click()
    admin_row = page.get_by_role("row", name="Ana Admin")
    assert admin_row.get_by_role("button", name="Remover administrador").count() == 0
    assert admin_row.get_by_text("Único administrador").is_visible()

    carla_row = page.get_by_role("row", name="Carla Mendes")
    carla_row.get_by_role("link", name="Desativar").click()
    page.get_by_role("heading", name="Desativar o acesso de Carla Mendes?").wait_for()
    screenshot(page, "accounts-contact-deactivate-confirm")
    page.get_by_role("button", name="Desativar acesso").click()

    page.get_by_text("Acesso de Carla Mendes desativado").wait_for()
    assert page.get_by_role("row", name="Carla Mendes").get_by_text("Desativado").is_visible()
    screenshot(page, "accounts-contact-deactivated-undo")
    page.get_by_role("button", name="Desfazer").click()
    page.get_by_text("Acesso de Carla Mendes reativado.").wait_for()
    assert page.get_by_role("row", name="Carla Mendes").get_by_text("Ativo", exact=True).is_visible()

"""On a phone (390 px) the contacts' and the API tokens' tables stack into labelled blocks: their
action buttons are on screen, not off to the right inside a table that scrolls with no hint."""

import pytest

from tests.helpers import api_token_for, browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _on_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390


def _label(page, selector: str) -> str:
    return page.evaluate("s => getComputedStyle(document.querySelector(s), '::before').content", selector)


def test_an_administrator_reaches_every_contacts_actions_on_a_phone(page, world):
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, world.admin.user.email)
    page.goto(f"{page.base_url}/empresa/contatos/")
    deactivate = page.get_by_role("link", name="Desativar").first
    deactivate.wait_for()
    screenshot(page, "contacts-390")
    assert _on_screen(page, deactivate)
    assert _on_screen(page, page.get_by_role("button", name="Tornar administrador").first)
    assert "Permissões" in _label(page, "td[data-label]:nth-child(3)")  # each block names its cells
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_contact_revokes_a_token_on_a_phone(page, world):
    api_token_for(world.contact.user, device="Integração do ERP")
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, world.contact.user.email)
    page.goto(f"{page.base_url}/perfil/tokens/")
    revoke = page.get_by_role("button", name="Revogar")
    revoke.wait_for()
    screenshot(page, "tokens-390")
    assert _on_screen(page, revoke)
    assert "Expira em" in _label(page, "td[data-label]:nth-child(5)")

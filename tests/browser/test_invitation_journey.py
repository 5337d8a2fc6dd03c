"""Browser journey (ACC-1, ACC-2): an administrator invites a contact, who activates the access
from the e-mail, logs in and is refused the contacts page."""

import re

import pytest
from django.core import mail

from tests.factories import ContactFactory
from tests.helpers import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_invites_a_contact_who_activates_and_is_refused_the_contacts_page(page):
    admin = ContactFactory(
        admin=True, user__email="admin@alfa.example", company__trade_name="Metalúrgica Alfa"
    )

    browser_login(page, admin.user.email)
    page.get_by_role("link", name="Contatos", exact=True).click()
    screenshot(page, "accounts-contact-list")
    page.get_by_role("link", name="Convidar contato").first.click()
    page.get_by_label("Nome completo").fill("Paula Dias")
    page.get_by_label("E-mail (será o login)").fill("paula@alfa.example")
    page.get_by_label("CPF").fill("529.982.247-25")
    page.get_by_label("Telefone").fill("(11) 91234-5678")
    page.get_by_label("Vê todos os chamados da empresa").check()
    screenshot(page, "accounts-contact-invite")
    page.get_by_role("button", name="Enviar convite").click()
    page.get_by_text("Convite enviado para paula@alfa.example").wait_for()
    assert page.get_by_role("cell", name=re.compile("Paula Dias")).is_visible()
    assert page.locator(".badge", has_text="Aguardando ativação").is_visible()

    # The contact receives the e-mail with the one-time link.
    assert [m.to for m in mail.outbox] == [["paula@alfa.example"]]
    link = re.search(r"https?://\S+/ativar/\S+/", mail.outbox[0].body).group(0)
    path = link[link.index("/ativar/") :]
    page.context.clear_cookies()

    page.goto(page.base_url + path)
    screenshot(page, "accounts-activate")
    page.get_by_label("Nova senha").fill("Paula-Senha-2026")
    page.get_by_label("Repita a senha").fill("Paula-Senha-2026")
    page.get_by_role("button", name="Definir senha e ativar").click()
    page.get_by_text("Senha definida.").wait_for()
    assert page.get_by_label("E-mail").input_value() == "paula@alfa.example"

    page.get_by_label("Senha", exact=True).fill("Paula-Senha-2026")
    page.get_by_role("button", name="Entrar").click()
    page.get_by_role("heading", name="Olá, Paula").wait_for()
    screenshot(page, "accounts-contact-home")
    assert page.get_by_role("link", name="Contatos", exact=True).count() == 0

    response = page.goto(page.base_url + "/empresa/contatos/")
    assert response.status == 403
    assert page.get_by_role("heading", name="Acesso negado").is_visible()
    screenshot(page, "accounts-contacts-refused")

    # The link was for one use only.
    response = page.goto(page.base_url + path)
    assert response.status == 404

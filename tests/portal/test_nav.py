"""The main menu kept once per kind of visitor and place (issue 13, `portal.templatetags.portal_nav`)
is the menu the template renders for that visitor on that page: no entry of one visitor or one
page reaches another."""

import re

import pytest
from django.test import Client

from portal.templatetags import portal_nav
from tests.helpers import logged_in

pytestmark = pytest.mark.django_db

PATHS = ["/", "/chamados/", "/empresa/", "/empresa/contatos/", "/feriados/", "/consultoria/"]


def _menu(html: str) -> str:
    match = re.search(r'<ul class="navbar-nav me-auto">(.*?)</ul>\s*<ul class="navbar-nav">', html, re.S)
    assert match, "no main menu on the page"
    return match.group(1)


def test_the_kept_menus_are_the_template_s_for_each_visitor_and_page(roles):
    clients = {role: logged_in(Client(), roles[role]) for role in ("contact", "admin", "partner", "analyst")}
    truth = {}
    for role, client in clients.items():
        for path in PATHS:
            portal_nav._html.clear()  # rendered by the template itself
            response = client.get(path)
            if response.status_code == 200:
                truth[role, path] = _menu(response.content.decode())
    assert len(truth) > 12
    portal_nav._html.clear()
    for _round in range(2):  # every menu kept, then every one served from what the others left
        for (role, path), menu in truth.items():
            assert _menu(clients[role].get(path).content.decode()) == menu, (role, path)


def test_a_menu_kept_for_one_visitor_or_page_is_not_served_to_another(world):
    portal_nav._html.clear()
    admin = logged_in(Client(), world.admin.user)
    contact = logged_in(Client(), world.contact.user)
    admin_menu = _menu(admin.get("/").content.decode())
    assert "Contatos" in admin_menu  # the company administrator manages the contacts
    assert "Contatos" not in _menu(contact.get("/").content.decode())
    on_tickets = _menu(contact.get("/chamados/").content.decode())
    assert re.search(r'class="nav-link active"[^>]*aria-current="page"[^>]*href="/chamados/"', on_tickets)
    home = _menu(contact.get("/").content.decode())
    assert re.search(r'class="nav-link active"[^>]*aria-current="page"[^>]*href="/"', home)
    assert not re.search(r'class="nav-link active"[^>]*href="/chamados/"', home)
    anonymous = Client().get("/feriados/")
    if anonymous.status_code == 200:
        assert "Autoatendimento" not in anonymous.content.decode()


def test_the_menu_template_is_rendered_once_for_a_kind_of_visitor_and_place(world):
    from django.test.signals import template_rendered

    rendered = []

    def count(sender, template, **kwargs):
        rendered.append(template.name)

    portal_nav._html.clear()
    client = logged_in(Client(), world.contact.user)
    template_rendered.connect(count)
    try:
        client.get("/chamados/")
        client.get("/chamados/")
    finally:
        template_rendered.disconnect(count)
    assert rendered.count(portal_nav.TEMPLATE) == 1

"""Browser journey (SEC-7): the key pages work under the Content-Security-Policy (nonces, no inline
scripts or styles): the browser reports no violation on the portal's home, the new-ticket form
(whose routine and version lists come from htmx), the back-office changelist and change form."""

import pytest

from tests.helpers import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIOLATION_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


def _watch(page) -> list[str]:
    messages: list[str] = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.add_init_script(VIOLATION_LISTENER)
    return messages


def _violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def test_sec7_key_pages_raise_no_csp_violation(page, world, catalogue, open_ticket):
    ticket = open_ticket(world.contact.user)
    console = _watch(page)
    seen: dict[str, list[str]] = {}

    browser_login(page, world.contact.user.email)
    page.goto(page.base_url + "/")
    assert page.locator("main").is_visible()
    seen["home"] = _violations(page)

    page.goto(page.base_url + "/chamados/novo/")
    page.locator("#id_product").select_option(label=catalogue.product.name)
    # htmx fills the routines and versions of the product chosen.
    page.locator("#id_routine").locator("option", has_text=catalogue.routine.name).wait_for(state="attached")
    page.locator("#id_routine").select_option(label=catalogue.routine.name)
    page.locator("#id_version").select_option(label=catalogue.version.name)
    screenshot(page, "csp-new-ticket")
    seen["new ticket"] = _violations(page)

    browser_login(page, world.analyst.email)
    page.goto(page.base_url + "/admin/tickets/ticket/")
    assert page.get_by_text(ticket.number).first.is_visible()
    screenshot(page, "csp-admin-changelist")
    seen["admin changelist"] = _violations(page)

    page.goto(f"{page.base_url}/admin/tickets/ticket/{ticket.pk}/change/")
    assert page.locator("#id_transition-to_status").is_visible()
    screenshot(page, "csp-admin-change-form")
    seen["admin change form"] = _violations(page)

    page.goto(f"{page.base_url}/admin/accounts/company/{world.company.pk}/change/")
    seen["admin company form"] = _violations(page)

    assert {name: found for name, found in seen.items() if found} == {}
    assert console == []

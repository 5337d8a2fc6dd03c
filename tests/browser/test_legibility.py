"""Legibility on the ticket list, measured from the computed styles a person's browser uses:
badge text of at least 12px and AA contrast (4.5:1) for the badges and the "Filtrar" button; the
page links its favicon."""

import pytest

from tests.helpers import browser_login, screenshot
from tickets.presenters.labels import SEVERITY_BADGES, STATUS_BADGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each element's text colour, its effective background (the first opaque one up the tree) and size.
MEASURE = """
(elements) => elements.map((el) => {
  const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
  let node = el, bg = null;
  while (node && node.nodeType === 1) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] > 0.99) { bg = c.slice(0, 3); break; }
    node = node.parentElement;
  }
  bg = bg || [255, 255, 255];
  const style = getComputedStyle(el);
  const c = rgb(style.color), alpha = c.length > 3 ? c[3] : 1;  // a translucent text colour over bg
  const color = c.slice(0, 3).map((v, i) => alpha * v + (1 - alpha) * bg[i]);
  return {text: el.innerText.trim(), cls: el.className, color, bg, size: parseFloat(style.fontSize)};
})
"""


def _luminance(rgb: list[float]) -> float:
    channels = [c / 255 for c in rgb]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(fg: list[float], bg: list[float]) -> float:
    light, dark = sorted([_luminance(fg), _luminance(bg)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_helper_matches_the_reported_figure():
    assert round(contrast([0x6C, 0x75, 0x7D], [0xF4, 0xF6, 0xF9]), 2) == 4.33  # the old "Filtrar"


def test_badges_and_the_filter_button_are_legible(page, world, open_ticket):
    for summary in ("Nota fiscal rejeitada", "Estoque negativo"):
        open_ticket(world.contact.user, summary=summary)
    browser_login(page, world.contact.user.email)
    page.goto(page.base_url + "/chamados/")
    screenshot(page, "legibility-ticket-list")
    badges = page.locator("main .badge").evaluate_all(MEASURE)
    assert len(badges) >= 2
    for badge in badges:
        assert badge["size"] >= 12, badge
        assert contrast(badge["color"], badge["bg"]) >= 4.5, badge
    # Every badge the ticket pages use, placed in the same table cell as the real ones.
    classes = sorted(set(STATUS_BADGES.values()) | set(SEVERITY_BADGES.values()))
    page.locator("main table tbody td").first.evaluate(
        "(cell, classes) => classes.forEach((c) => cell.insertAdjacentHTML("
        "'beforeend', `<span class=\"badge sample ${c}\">Amostra</span>`))",
        classes,
    )
    samples = page.locator("main .badge.sample").evaluate_all(MEASURE)
    assert len(samples) == len(classes)
    for badge in samples:
        assert badge["size"] >= 12, badge
        assert contrast(badge["color"], badge["bg"]) >= 4.5, badge
    button = page.get_by_role("button", name="Filtrar").evaluate_all(MEASURE)[0]
    assert contrast(button["color"], button["bg"]) >= 4.5, button
    icon = page.locator("link[rel=icon]").get_attribute("href")
    response = page.request.get(page.base_url + icon)
    assert response.status == 200 and "svg" in response.headers["content-type"]

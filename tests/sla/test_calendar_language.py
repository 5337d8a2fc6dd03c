"""The holiday calendar page in the reader's language: English weekdays are capitalised (Portuguese
ones stay lowercase, as Portuguese writes them) and the shipped calendars' texts go through the
catalogue."""

import re

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from sla import presenters
from tests.helpers import at

pytestmark = pytest.mark.django_db

WEEKDAYS_EN = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"


@time_machine.travel(at(2026, 12, 1, 10), tick=False)
def test_english_weekdays_are_capitalised_and_portuguese_ones_lowercase(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("holiday-calendar")).content.decode()
    assert "25/12/2026 · Friday ·" in english
    assert not re.search(rf"· ({WEEKDAYS_EN.lower()}) ·", english)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pt-br"
    portuguese = client.get(reverse("holiday-calendar")).content.decode()
    assert "25/12/2026 · sexta-feira ·" in portuguese


def test_the_shipped_calendar_texts_go_through_the_catalogue(client, monkeypatch):
    english = {
        "Padrão dos chamados técnicos; atende em feriados locais.": "Default for technical tickets.",
        "Suporte técnico": "Technical support",
    }
    monkeypatch.setattr(presenters, "_", lambda text: english.get(text, text))
    html = client.get(reverse("holiday-calendar")).content.decode()
    assert "Technical support" in html and "Default for technical tickets." in html
    assert "Padrão dos chamados técnicos" not in html
    for text in english:
        assert text in presenters.SHIPPED_CALENDAR_TEXTS
    assert presenters.calendar_text("Texto que um líder digitou") == "Texto que um líder digitou"

"""Forms whose empty HTML is rendered once (core.forms.RenderedOnceForm): the ticket page's forms."""

from __future__ import annotations

from unittest import mock

import pytest
from django import forms
from django.utils import translation

from core.forms import RenderedOnceForm
from tickets.web.forms import FollowUpForm, RejectForm, TicketReplyForm

FORMS = (TicketReplyForm, RejectForm, FollowUpForm)


def _fresh(form_class, **kwargs) -> str:
    """The HTML rendered now, nothing kept."""
    return forms.Form.render(form_class(**kwargs))


@pytest.mark.parametrize("form_class", FORMS)
@pytest.mark.parametrize("language", ["pt-br", "en"])
def test_the_kept_html_is_the_template_s(form_class, language):
    with translation.override(language):
        first, second = str(form_class()), str(form_class())
        assert first == second == _fresh(form_class)
    assert ("Sua mensagem" in str(TicketReplyForm())) is True  # outside the override: Portuguese


def test_each_language_and_prefix_has_its_own_html():
    with translation.override("en"):
        english = str(TicketReplyForm())
    assert "Your message" in english and "Sua mensagem" not in english
    portuguese = str(TicketReplyForm())
    assert "Sua mensagem" in portuguese
    assert 'name="reply-body"' in str(TicketReplyForm(prefix="reply"))
    assert 'name="reply-body"' not in portuguese


def test_the_limits_in_the_help_text_change_the_html(settings):
    before = str(TicketReplyForm())
    settings.ATTACHMENT_MAX_FILES = 3
    after = str(TicketReplyForm())
    assert after != before and "Até 3 arquivos" in after


def test_a_bound_form_shows_its_values_and_errors():
    str(TicketReplyForm())  # the empty form is kept
    bound = TicketReplyForm(data={"body": ""})
    assert not bound.is_valid()
    assert "Escreva a mensagem." in str(bound)
    kept_again = TicketReplyForm(data={"body": "Ainda com erro na nota"})
    assert "Ainda com erro na nota" in str(kept_again)
    assert "Escreva a mensagem." not in str(TicketReplyForm())


def test_the_template_renders_once_for_identical_empty_forms():
    class Probe(RenderedOnceForm):
        text = forms.CharField(label="Texto")

    def stub(self, *args):
        return "<p>x</p>"

    with mock.patch.object(forms.Form, "render", autospec=True, side_effect=stub) as render:
        assert str(Probe()) == Probe().__html__() == "<p>x</p>"  # as `{{ form }}` prints it
    assert render.call_count == 1

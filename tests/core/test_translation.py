"""Translations remember their lookups (core.translation) and still answer what Django would."""

from django.utils import translation
from django.utils.translation import trans_real

from core.translation import RememberingTranslation


def test_translations_are_remembering_and_answer_as_before():
    with translation.override("en"):
        active = trans_real._active.value
        assert isinstance(active, RememberingTranslation)
        assert translation.gettext("Abrir chamado") == "Open a ticket"
        assert active._memo["Abrir chamado"] == "Open a ticket"
        assert translation.gettext("Abrir chamado") == "Open a ticket"  # from the memo
    with translation.override("pt-br"):
        assert isinstance(trans_real._active.value, RememberingTranslation)
        assert translation.gettext("Abrir chamado") == "Abrir chamado"
        assert translation.gettext("Save") == "Salvar"  # Django's own catalogue, through the chain

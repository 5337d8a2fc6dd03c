"""Portuguese search of the knowledge base (SELF-1, SELF-2) on both databases (the `fulltext` marker
runs again on SQLite): accents, plurals, stop words, the title above the body, escaped highlights,
visibility, and suggestions for a new ticket's summary."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core import fulltext
from knowledge import selectors
from knowledge.models import Article
from tests.helpers import logged_in

pytestmark = [pytest.mark.django_db, pytest.mark.fulltext]


def titles(rows):
    return [row.title for row in rows]


@pytest.fixture
def articles(write, catalogue):
    return {
        "ferias": write("Como calcular férias", "O cálculo das férias com abono pecuniário."),
        "nfe": write("Erro ao emitir NF-e", "Rejeição 539: duplicidade de nota fiscal na SEFAZ."),
        "folha": write(
            "Fechamento da folha", "Como fechar a folha de pagamento do mês.", product=catalogue.other_product
        ),
        "draft": write("Férias coletivas (rascunho)", "Texto em revisão.", status=Article.Status.DRAFT),
    }


def test_accents_plurals_stop_words_and_drafts(world, articles):
    user = world.contact.user
    search = lambda q: titles(selectors.articles_search(user, q))  # noqa: E731
    assert search("ferias") == ["Como calcular férias"]
    assert search("FÉRIAS") == ["Como calcular férias"]
    assert search("cálculos") == ["Como calcular férias"]
    assert search("como de para") == []  # stop words only: nothing
    assert search("folhas pagamento") == ["Fechamento da folha"]
    assert "Férias coletivas (rascunho)" in titles(selectors.articles_search(world.analyst, "ferias"))


def test_the_title_weighs_more_than_the_body(write, world):
    write("Configurar a impressora", "Boletos, boletos e mais boletos na impressora.")
    write("Impressão de boletos", "Configurar a impressora.")
    assert titles(selectors.articles_search(world.contact.user, "boletos"))[0] == "Impressão de boletos"


def test_filters_by_kind_and_product(world, articles, catalogue):
    user = world.contact.user
    rows = selectors.articles_search(user, "", product_id=catalogue.other_product.pk)
    assert titles(rows) == ["Fechamento da folha"]
    assert titles(selectors.articles_search(user, "", kind=Article.Kind.VIDEO)) == []


def test_snippets_are_highlighted_and_escaped(write, world, client):
    write(
        "Erro <script>alert(1)</script> no cálculo",
        "Ao calcular <b>férias</b> aparece o erro <script>x</script>.",
    )
    row = selectors.articles_search(world.contact.user, "ferias")[0]
    html = str(fulltext.highlight(row.search_snippet))
    assert "<mark>" in html and "<script>" not in html and "<b>" not in html
    response = logged_in(client, world.contact.user).get(reverse("kb-home"), {"q": "férias"})
    page = response.content.decode()
    assert "<mark>" in page
    assert "<script>alert(1)</script>" not in page


def test_an_empty_or_one_letter_query_says_so(world, client, articles):
    client = logged_in(client, world.contact.user)
    for query in ("a", "  ", "de"):
        response = client.get(reverse("kb-home"), {"q": query})
        assert response.status_code == 200
    assert "Digite ao menos uma palavra" in client.get(reverse("kb-home"), {"q": "a"}).content.decode()


def test_suggestions_for_a_summary_of_the_product_or_general(world, write, articles, catalogue):
    general = write("Emitir nota fiscal: dúvidas gerais", "Como emitir a nota.", product=None)
    user = world.contact.user
    found = selectors.article_suggestions(user, "erro ao emitir nota", product_id=catalogue.product.pk)
    assert "Erro ao emitir NF-e" in titles(found)
    assert general.title in titles(found)
    assert selectors.article_suggestions(user, "no") == []  # under three letters: nothing
    assert selectors.article_suggestions(user, "ferias", product_id=catalogue.other_product.pk) == []
    assert selectors.article_suggestions(user, "coletivas") == []  # a draft is never suggested


def test_suggestion_partial_in_few_queries(world, client, articles, django_assert_max_num_queries):
    client = logged_in(client, world.contact.user)
    client.get(reverse("kb-suggestions"), {"q": "ferias"})
    # session, user, the contact and its company, the search and its any-word top-up, the solutions'
    # candidates and their page
    with django_assert_max_num_queries(8):
        response = client.get(reverse("kb-suggestions"), {"q": "calcular ferias", "produto": ""})
    page = response.content.decode()
    assert "Como calcular férias" in page
    assert "Resolveu, não preciso abrir chamado" in page
    assert 'target="_blank"' in page
    assert client.get(reverse("kb-suggestions"), {"q": "fe"}).content.decode().strip() == ""


def test_a_common_word_ranks_the_first_matches_and_says_so(write, world, client, monkeypatch):
    """Only the first CANDIDATES matches are ranked (constant cost on a large base); the page tells
    the reader to refine instead of showing an exact total it did not count."""
    for n in range(3):
        write(f"Nota fiscal {n}", "Emissão de nota fiscal eletrônica.")
    monkeypatch.setattr(selectors, "CANDIDATES", 2)
    assert len(selectors.articles_search(world.contact.user, "nota fiscal")) == 2
    response = logged_in(client, world.contact.user).get(reverse("kb-home"), {"q": "nota fiscal"})
    page = response.content.decode()
    assert "Muitos artigos encontrados: mostramos os 2 mais próximos" in page

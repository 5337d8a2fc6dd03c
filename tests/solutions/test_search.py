"""The solutions search (SELF-3) on the page, the API and the suggestions selector: every
company's solutions, at least two meaningful words, ranked and highlighted, accents and plurals
ignored, withheld ones never found, and nothing identifying another company ever shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from solutions import jobs, selectors, services
from solutions.models import Solution

pytestmark = [pytest.mark.django_db, pytest.mark.fulltext]

BETA_SOLUTION = (
    "Falamos com Roberto Alves Nunes (roberto@beta.example, CPF 529.982.247-25): o cálculo de férias "
    "considerava as faltas em dobro. Ajuste o parâmetro MV_FERFALT para N e recalcule as férias."
)


@pytest.fixture
def beta_solved(world, solve):
    """A solution of the other company (Comércio Beta), naming its contact, e-mail and CPF."""
    contact = world.other_contact
    contact.user.full_name = "Roberto Alves Nunes"
    contact.user.save()
    ticket = solve(
        contact.user,
        summary="Cálculos de férias errados na Comércio Beta",
        description="As férias dos funcionários saem com valor menor. Ligue (31) 98765-4321.",
        solution=BETA_SOLUTION,
    )
    jobs.publish_accepted_solutions()
    return ticket


@pytest.fixture
def many_solved(world, solve):
    for index in range(4):
        solve(
            summary=f"Nota fiscal rejeitada no lote {index}",
            description="A transmissão da nota fiscal falha com rejeição 539.",
            solution="Atualize o pacote fiscal e retransmita as notas rejeitadas.",
        )
    jobs.publish_accepted_solutions()


def page(client, **params):
    return client.get(reverse("solution-search"), params)


def test_results_come_from_every_company_and_never_identify_it(world, client_for, beta_solved):
    client = client_for(world.contact.user)  # Alfa's contact reads Beta's solution, anonymised
    response = page(client, q="ferias calculo")
    html = response.content.decode()
    assert response.status_code == 200
    assert "MV_FERFALT" in html and "<mark>" in html and "ver solução completa" in html
    for secret in (
        "Comércio Beta",
        "Beta",
        "Roberto",
        "Nunes",
        "roberto@beta.example",
        "529.982.247-25",
        "98765-4321",
        beta_solved.number,
        reverse("ticket-detail", args=[beta_solved.number]),
    ):
        assert secret not in html, secret
    assert "[nome]" in html and "[empresa]" in html


def test_api_results_never_identify_the_company(world, client_for, beta_solved):
    client = client_for(world.partner)
    response = client.get(reverse("api-solution-search"), {"q": "férias faltas"})
    assert response.status_code == 200
    body = response.content.decode()
    data = response.json()
    assert data["count"] == 1
    assert set(data["results"][0]) == {
        "id",
        "product",
        "routine",
        "problem",
        "solution",
        "problem_snippet",
        "solution_snippet",
        "rank",
    }
    for secret in ("Beta", "Roberto", "roberto@beta.example", "529.982.247-25", beta_solved.number):
        assert secret not in body, secret


@pytest.mark.parametrize("query", ["", "férias", "de férias para o", "a o e"])
def test_two_meaningful_words_are_needed(world, client_for, beta_solved, query):
    client = client_for(world.contact.user)
    response = page(client, q=query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "MV_FERFALT" not in html
    if query:
        assert "pelo menos duas palavras" in html
        api = client.get(reverse("api-solution-search"), {"q": query})
        assert api.status_code == 400
        assert api.json()["code"] == "too_few_words" and "pelo menos duas palavras" in api.json()["detail"]
    else:
        assert "Como buscar" in html  # the empty page explains instead of scolding


@pytest.mark.parametrize(
    "query", ["ferias calculo", "FÉRIAS CÁLCULOS", "cálculo das férias", "faltas ferias"]
)
def test_accents_case_and_plurals(beta_solved, query):
    assert [s.ticket_id for s in selectors.solutions_search(query)] == [beta_solved.pk]


def test_all_words_must_match_and_the_product_filters(catalogue, beta_solved):
    assert not selectors.solutions_search("férias transmissão").exists()
    assert selectors.solutions_search("férias faltas", product_id=catalogue.product.pk).count() == 1
    assert not selectors.solutions_search("férias faltas", product_id=catalogue.other_product.pk).exists()


def test_withheld_solutions_are_never_found(world, client_for, beta_solved):
    solution = Solution.objects.get(ticket=beta_solved)
    services.solution_withhold(actor=world.analyst, solution=solution, reason="Revisar o texto.")
    assert not selectors.solutions_search("férias faltas").exists()
    assert selectors.solution_suggestions("férias") == []
    client = client_for(world.contact.user)
    assert "MV_FERFALT" not in page(client, q="ferias faltas").content.decode()
    assert client.get(reverse("api-solution-search"), {"q": "ferias faltas"}).json()["count"] == 0


def test_ranking_puts_the_problem_before_the_solution(world, solve):
    solve(summary="Relatório lento", description="Demora.", solution="Reindexe a tabela de estoque negativo.")
    solve(summary="Estoque negativo no fechamento", description="O saldo fica negativo.", solution="Ajuste.")
    jobs.publish_accepted_solutions()
    found = [str(s) for s in selectors.solutions_search("estoque negativo")]
    assert found == ["Estoque negativo no fechamento", "Relatório lento"]


def test_page_queries_are_constant(world, client_for, solve, django_assert_max_num_queries):
    client = client_for(world.contact.user)

    def queries_for_results(count):
        for index in range(count):
            solve(
                summary=f"Nota fiscal rejeitada {index}",
                description="Rejeição 539.",
                solution="Atualize o pacote.",
            )
        jobs.publish_accepted_solutions()
        with django_assert_max_num_queries(12) as captured:
            response = page(client, q="nota rejeitada")
        assert response.status_code == 200
        return len(captured)

    assert queries_for_results(1) == queries_for_results(5)


def test_results_are_paginated_by_20(world, client_for, solve):
    for index in range(21):
        solve(
            summary=f"Nota fiscal rejeitada {index}",
            description="Rejeição 539.",
            solution="Atualize o pacote.",
        )
    jobs.publish_accepted_solutions()
    client = client_for(world.contact.user)
    response = page(client, q="nota rejeitada")
    assert response.content.decode().count('class="card shadow-sm mb-3 solution-result"') == 20
    assert "Página 1 de 2" in response.content.decode()
    api = client.get(reverse("api-solution-search"), {"q": "nota rejeitada"}).json()
    assert api["count"] == 21 and len(api["results"]) == 20 and api["next"]


def test_suggestions_while_typing(catalogue, beta_solved, many_solved, django_assert_num_queries):
    with django_assert_num_queries(2):  # the first matches, then their rank and snippets
        rows = selectors.solution_suggestions("férias dos func", product_id=catalogue.product.pk)
    assert [row.pk for row in rows] == [Solution.objects.get(ticket=beta_solved).pk]
    assert "<mark>" in rows[0].problem and "Beta" not in rows[0].problem + rows[0].solution
    assert len(selectors.solution_suggestions("nota rejeitada transmissão")) == 3
    assert selectors.solution_suggestions("de o a") == []


def test_only_the_first_candidates_are_ranked(world, client_for, many_solved, monkeypatch):
    assert selectors.solutions_search("nota rejeitada", every_match=True).count() == 4
    capped = list(selectors.solutions_search("nota rejeitada", candidates=3))
    assert len(capped) == 3 and all("rejeitada" in s.problem for s in capped)
    monkeypatch.setattr(selectors, "CANDIDATES", 3)
    client = client_for(world.contact.user)
    html = page(client, q="nota rejeitada").content.decode()
    assert "Muitas soluções encontradas: mostramos 3." in html

"""The suggestion pages (SELF-5): list, filters and order, new, detail with history, support and
withdraw; another product's suggestion is 404 on every route; the proposer and their company never
reach another company's page; a constant number of queries per list."""

import pytest
from django.urls import reverse

from ideas import services
from ideas.models import Suggestion
from tests.helpers import at, flash

pytestmark = pytest.mark.django_db
S = Suggestion.Status


def test_self5_the_list_shows_the_products_suggestions_and_marks_the_own(world, ideas, client_for):
    response = client_for(world.admin.user).get(reverse("suggestion-list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Exportar o faturamento em Excel" in html
    assert "Aviso de férias vencendo" in html
    assert "sua sugestão" in html


def test_self5_another_company_sees_the_shared_product_suggestion_without_who_proposed_it(
    world, ideas, client_for
):
    services.suggestion_support(actor=world.admin.user, suggestion=ideas.shared_suggestion)
    client = client_for(world.other_admin.user)
    pages = [
        client.get(reverse("suggestion-list")),
        client.get(reverse("suggestion-detail", kwargs={"pk": ideas.shared_suggestion.pk})),
    ]
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert "Exportar o faturamento em Excel" in html
        assert "Aviso de férias vencendo" not in html  # a product Beta does not use
        assert "sua sugestão" not in html
        for secret in (
            world.company.trade_name,
            world.company.legal_name,
            world.contact.user.full_name,
            world.contact.user.email,
            world.admin.user.full_name,
            world.admin.user.email,
        ):
            assert secret not in html, secret


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("suggestion-detail", "get"),
        ("suggestion-support", "post"),
        ("suggestion-withdraw", "post"),
    ],
)
def test_self5_a_suggestion_of_a_product_the_company_does_not_use_is_404(
    world, ideas, client_for, name, method
):
    url = reverse(name, kwargs={"pk": ideas.alfa_suggestion.pk})
    response = getattr(client_for(world.other_admin.user), method)(url)
    assert response.status_code == 404
    missing = reverse(name, kwargs={"pk": 999999})
    assert getattr(client_for(world.other_admin.user), method)(missing).status_code == 404


def test_self5_filters_search_and_order(world, ideas, client_for):
    services.suggestion_support(actor=world.admin.user, suggestion=ideas.alfa_suggestion)
    client = client_for(world.admin.user)
    html = client.get(reverse("suggestion-list")).content.decode()
    assert html.index("Aviso de férias vencendo") < html.index("Exportar o faturamento")  # most supported
    html = client.get(reverse("suggestion-list"), {"ordem": "recentes"}).content.decode()
    assert html.index("Aviso de férias vencendo") < html.index("Exportar o faturamento")  # newest
    html = client.get(reverse("suggestion-list"), {"produto": ideas.shared.pk}).content.decode()
    assert "Exportar o faturamento" in html and "Aviso de férias vencendo" not in html
    html = client.get(reverse("suggestion-list"), {"q": "excel"}).content.decode()
    assert "Exportar o faturamento" in html and "Aviso de férias vencendo" not in html
    services.suggestion_move(
        actor=world.analyst, suggestion=ideas.shared_suggestion, to_status=S.IN_REVIEW, reason="Avaliando."
    )
    html = client.get(reverse("suggestion-list"), {"situacao": S.IN_REVIEW}).content.decode()
    assert "Exportar o faturamento" in html and "Aviso de férias vencendo" not in html


def test_self5_the_list_costs_the_same_queries_whatever_its_size(
    world, ideas, client_for, django_assert_max_num_queries
):
    client = client_for(world.other_admin.user)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("suggestion-list"))
    for index in range(30):
        suggestion = services.suggestion_propose(
            actor=world.contact.user, product=ideas.shared, title=f"Melhoria {index}", description="Texto."
        )
        services.suggestion_support(actor=world.other_admin.user, suggestion=suggestion)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("suggestion-list"))
    assert response.status_code == 200
    assert response.content.decode().count("você apoia") == 20  # one page


def test_self5_the_new_page_offers_only_the_company_products(world, ideas, client_for):
    client = client_for(world.other_admin.user)
    html = client.get(reverse("suggestion-new")).content.decode()
    assert "ERP Backoffice" in html
    assert "Folha de Pagamento" not in html and "PDV Varejo" not in html
    response = client.post(
        reverse("suggestion-new"), {"product": ideas.alfa_only.pk, "title": "T", "description": "D"}
    )
    assert response.status_code == 400
    response = client.post(
        reverse("suggestion-new"),
        {"product": ideas.shared.pk, "title": "Tema escuro", "description": "No caixa."},
    )
    suggestion = Suggestion.objects.get(title="Tema escuro")
    assert response.status_code == 302
    assert response["Location"] == reverse("suggestion-detail", kwargs={"pk": suggestion.pk})
    assert suggestion.company == world.other_company


def test_self5_support_and_withdraw_from_the_page(world, ideas, client_for):
    client = client_for(world.other_admin.user)
    url = reverse("suggestion-detail", kwargs={"pk": ideas.shared_suggestion.pk})
    assert "Apoiar" in client.get(url).content.decode()
    response = client.post(reverse("suggestion-support", kwargs={"pk": ideas.shared_suggestion.pk}))
    assert response.status_code == 302
    assert flash(client.get(url)) == ["Obrigado! Seu apoio foi registrado."]
    assert "Retirar apoio" in client.get(url).content.decode()
    again = client.post(reverse("suggestion-support", kwargs={"pk": ideas.shared_suggestion.pk}))
    assert again.status_code == 409
    assert "Você já apoia esta sugestão." in again.content.decode()
    client.post(reverse("suggestion-withdraw", kwargs={"pk": ideas.shared_suggestion.pk}))
    assert Suggestion.objects.get(pk=ideas.shared_suggestion.pk).support_count == 0


def test_self5_support_takes_post_only(world, ideas, client_for):
    url = reverse("suggestion-support", kwargs={"pk": ideas.shared_suggestion.pk})
    assert client_for(world.other_admin.user).get(url).status_code == 405


def test_self5_the_detail_shows_the_history_with_reasons(world, ideas, client_for):
    services.suggestion_move(
        actor=world.analyst,
        suggestion=ideas.shared_suggestion,
        to_status=S.IN_REVIEW,
        reason="Avaliando o formato.",
    )
    html = (
        client_for(world.other_admin.user)
        .get(reverse("suggestion-detail", kwargs={"pk": ideas.shared_suggestion.pk}))
        .content.decode()
    )
    assert "Avaliando o formato." in html
    assert "Em análise" in html
    assert world.analyst.email not in html


def test_an_english_reader_reads_day_first_dates_as_everywhere_on_the_portal(world, ideas, client_for):
    """Django's English short dates are month-first (12/02/2026 for 2 December): the portal's are
    day-first in both languages."""
    Suggestion.objects.filter(pk=ideas.shared_suggestion.pk).update(created_at=at(2026, 12, 2, 11))
    world.admin.user.language = "en"
    world.admin.user.save(update_fields=["language"])
    client = client_for(world.admin.user)
    listing = client.get(reverse("suggestion-list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "proposed on 02/12/2026" in listing and "12/02/2026" not in listing
    detail = client.get(reverse("suggestion-detail", args=[ideas.shared_suggestion.pk])).content.decode()
    assert "02/12/2026 11:00" in detail

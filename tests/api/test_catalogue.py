"""The catalogue a client needs to open a ticket (TKT-2), companies (TEN-3) and teams (TKT-5)."""

import pytest

from tests.factories import ProductFactory, ProductLineFactory, RoutineFactory, VersionFactory

pytestmark = pytest.mark.django_db
PRODUCTS = "/api/v1/products/"


@pytest.fixture
def rh_for_beta(world, catalogue):
    """Beta also contracted the RH line; an inactive routine and version stay out of the catalogue."""
    world.other_company.product_lines.add(catalogue.other_product.line)
    RoutineFactory(product=catalogue.other_product, name="Férias")
    RoutineFactory(product=catalogue.other_product, name="Antiga", is_active=False)
    VersionFactory(product=catalogue.other_product, name="1.0", is_active=False)
    return catalogue.other_product


def names(response) -> list[str]:
    return [row["name"] for row in response.json()]


def test_tkt2_a_contact_gets_the_contracted_products_with_routines_and_versions(
    world, catalogue, rh_for_beta, api_for
):
    response = api_for(world.contact.user).get(PRODUCTS)

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": catalogue.product.pk,
            "name": "ERP Backoffice",
            "line": {"id": catalogue.line.pk, "name": "ERP"},
            "routines": [
                {"id": catalogue.routine.pk, "name": "Faturamento"},
                {"id": catalogue.fiscal_routine.pk, "name": "Livros fiscais"},
            ],
            "versions": [{"id": catalogue.version.pk, "name": "12.1.2410"}],
        }
    ]


def test_tkt2_another_company_gets_its_own_contracted_products(world, rh_for_beta, api_for):
    response = api_for(world.other_admin.user).get(PRODUCTS)
    assert names(response) == ["ERP Backoffice", "Folha de Pagamento"]
    assert [row["name"] for row in response.json()[1]["routines"]] == ["Férias"]
    assert response.json()[1]["versions"] == []


def test_ten3_a_partner_gets_the_products_of_the_companies_it_serves(world, rh_for_beta, api_for):
    client = api_for(world.partner)
    assert names(client.get(PRODUCTS)) == ["ERP Backoffice"]
    assert names(client.get(f"{PRODUCTS}?company={world.company.pk}")) == ["ERP Backoffice"]
    refused = client.get(f"{PRODUCTS}?company={world.other_company.pk}")
    assert refused.status_code == 400
    assert refused.json() == {"company": ["Empresa não encontrada."]}


def test_tkt2_analysts_get_every_active_product_or_a_companys(world, rh_for_beta, api_for):
    ProductFactory(line=ProductLineFactory(), name="Descontinuado", is_active=False)
    client = api_for(world.analyst)
    assert names(client.get(PRODUCTS)) == ["ERP Backoffice", "Folha de Pagamento"]
    assert names(client.get(f"{PRODUCTS}?company={world.company.cnpj}")) == ["ERP Backoffice"]


def test_api1_catalogue_query_count_is_constant(world, catalogue, api_for, django_assert_max_num_queries):
    for index in range(10):
        product = ProductFactory(line=catalogue.line, name=f"Produto {index}")
        RoutineFactory(product=product)
        VersionFactory(product=product)
    client = api_for(world.contact.user)
    with django_assert_max_num_queries(5):  # token+user, contact, products, routines, versions
        assert len(client.get(PRODUCTS).json()) == 11


@pytest.mark.parametrize(
    ("role", "expected"),
    [("contact", ["company"]), ("partner", ["company"]), ("other", ["other_company"])],
)
def test_ten3_companies_the_user_may_act_for(world, roles, api_for, role, expected):
    rows = api_for(roles[role]).get("/api/v1/companies/").json()["results"]
    assert [row["id"] for row in rows] == [getattr(world, name).pk for name in expected]
    assert rows[0]["financial_pendency"] is False


def test_ten2_analysts_list_every_company(world, api_for):
    body = api_for(world.analyst).get("/api/v1/companies/").json()
    assert body["count"] == 2
    assert [row["trade_name"] for row in body["results"]] == ["Comércio Beta", "Metalúrgica Alfa"]


def test_tkt5_teams_are_for_analysts(world, catalogue, api_for):
    assert api_for(world.contact.user).get("/api/v1/teams/").status_code == 403
    rows = api_for(world.analyst).get("/api/v1/teams/").json()
    assert [row["name"] for row in rows] == ["Backoffice", "Fiscal"]

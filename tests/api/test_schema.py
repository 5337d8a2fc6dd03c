"""The OpenAPI schema and its docs page (API-1): public, valid, served without a CDN."""

import io
import re

import pytest
import yaml
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


def test_api1_the_schema_is_public_and_lists_every_operation():
    response = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    schema = response.json()
    operations = {
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method != "parameters"
    }
    assert operations == {
        ("POST", "/api/v1/auth/token/"),
        ("GET", "/api/v1/tickets/"),
        ("POST", "/api/v1/tickets/"),
        ("GET", "/api/v1/tickets/{number}/"),
        ("GET", "/api/v1/tickets/{number}/messages/"),
        ("POST", "/api/v1/tickets/{number}/messages/"),
        ("GET", "/api/v1/tickets/{number}/attachments/"),
        ("POST", "/api/v1/tickets/{number}/attachments/"),
        ("POST", "/api/v1/tickets/{number}/assign/"),
        ("POST", "/api/v1/tickets/{number}/transition/"),
        ("POST", "/api/v1/tickets/{number}/reclassify/"),
        ("POST", "/api/v1/tickets/{number}/transfer/"),
        ("GET", "/api/v1/attachments/{id}/download/"),
        ("GET", "/api/v1/products/"),
        ("GET", "/api/v1/companies/"),
        ("GET", "/api/v1/teams/"),
        ("POST", "/api/v1/tickets/{number}/accept/"),
        ("POST", "/api/v1/tickets/{number}/reject/"),
        ("POST", "/api/v1/tickets/{number}/postpone/"),
        ("POST", "/api/v1/tickets/{number}/follow-up/"),
        ("GET", "/api/v1/surveys/{token}/"),
        ("POST", "/api/v1/surveys/{token}/"),
        ("GET", "/api/v1/statement/"),
        ("POST", "/api/v1/tickets/{number}/consultancy/"),
        ("GET", "/api/v1/consultancies/"),
        ("GET", "/api/v1/consultancies/{id}/"),
        ("POST", "/api/v1/consultancies/{id}/approve/"),
        ("POST", "/api/v1/consultancies/{id}/refuse/"),
        ("POST", "/api/v1/consultancies/{id}/accept/"),
        ("POST", "/api/v1/consultancies/{id}/decline/"),
        ("POST", "/api/v1/consultancies/{id}/sessions/"),
        ("POST", "/api/v1/consultancies/{id}/finish/"),
        ("POST", "/api/v1/consultancy-sessions/{id}/entries/"),
        ("POST", "/api/v1/consultancy-entries/{id}/correct/"),
        ("GET", "/api/v1/consultancy-statement/"),
        ("GET", "/api/v1/consultancy-rates/"),
        ("POST", "/api/v1/consultancy-rates/igpm/"),
        ("GET", "/api/v1/suggestions/"),
        ("POST", "/api/v1/suggestions/"),
        ("GET", "/api/v1/suggestions/{id}/"),
        ("POST", "/api/v1/suggestions/{id}/support/"),
        ("POST", "/api/v1/suggestions/{id}/withdraw-support/"),
        ("GET", "/api/v1/ombudsman/cases/"),
        ("POST", "/api/v1/ombudsman/cases/"),
        ("GET", "/api/v1/ombudsman/cases/{protocol}/"),
        ("POST", "/api/v1/ombudsman/cases/{protocol}/messages/"),
        ("GET", "/api/v1/downloads/"),
        ("GET", "/api/v1/downloads/{id}/file/"),
        ("GET", "/api/v1/kb/articles/"),
        ("GET", "/api/v1/kb/articles/{slug}/"),
        ("POST", "/api/v1/kb/articles/{slug}/feedback/"),
        ("GET", "/api/v1/kb/suggestions/"),
        ("POST", "/api/v1/kb/deflections/"),
        ("GET", "/api/v1/solutions/"),
    }
    [number] = schema["paths"]["/api/v1/tickets/{number}/"]["get"]["parameters"]
    assert number["schema"] == {"type": "string", "pattern": "^[0-9]{8}$"}
    assert set(schema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}
    sla = schema["components"]["schemas"]["TicketSla"]["properties"]
    assert {"response_due_at", "maintenance_due_at", "due_at", "business_seconds_left"} <= set(sla)


def test_api1_the_schema_validates_without_warnings():
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    assert yaml.safe_load(out.getvalue())["info"]["title"] == "Portal do Cliente API"


def test_api1_the_docs_page_is_public_and_served_locally():
    response = Client().get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    # Its start-up script is a file of its own (no inline script under the Content-Security-Policy).
    assert '<script src="/api/v1/docs/?script="></script>' in html
    assert "/api/v1/schema/" in Client().get("/api/v1/docs/?script=").content.decode()
    script_src = response.headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert "'unsafe-inline'" not in script_src
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "nothing may come from a CDN"

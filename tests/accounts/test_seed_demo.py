"""`manage.py seed_demo` (make run): idempotent demo data with every role."""

import pytest
from django.core.management import call_command

from accounts.models import Company, Contact, PartnerConsultant, User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_prints_every_login(capsys):
    call_command("seed_demo")
    first = capsys.readouterr().out
    counts = (Company.objects.count(), Contact.objects.count(), User.objects.count())
    call_command("seed_demo")
    assert (Company.objects.count(), Contact.objects.count(), User.objects.count()) == counts == (3, 9, 13)

    companies = list(Company.objects.order_by("state"))
    assert {c.state for c in companies} == {"SP", "MG", "RS"}
    assert {c.financial_status for c in companies} == {"regular", "pendency"}
    for company in companies:
        assert company.contacts.filter(is_company_admin=True).count() == 1
        assert company.contacts.filter(is_company_admin=False).count() == 2
    consultant = PartnerConsultant.objects.get()
    assert list(consultant.unit.companies.all()) == [Company.objects.get(state="SP")]
    assert (
        User.objects.filter(role="analyst").count() == 2 and User.objects.filter(role="leader").count() == 1
    )
    for user in User.objects.all():
        assert user.email in first
        assert user.check_password("Portal#Demo2026")
    assert "Portal#Demo2026" in first

    from tickets.models import Product, Ticket

    assert Product.objects.count() == 4  # the three of the catalogue and the CST's (subjects)
    standard = Ticket.objects.filter(consultancies__isnull=True).exclude(error_message="[demo-solução]")
    assert standard.count() == 5  # demo tickets are created on the first run only
    assert set(standard.values_list("status", flat=True)) == {
        "new",
        "in_analysis",
        "pending_client",
        "awaiting_validation",
    }
    # ACP-5: the retail company (regular, so it opens technical tickets) and its window; its contact
    # is printed with the others.
    retail = Company.objects.get(trade_name="Bom Preço Supermercados")
    assert not retail.has_financial_pendency and list(
        retail.product_lines.values_list("slug", flat=True)
    ) == ["varejo"]
    assert "otavio@bompreco.example" in first
    validating = standard.get(status="awaiting_validation")
    assert validating.company == retail and validating.acceptance_policy.window_unit == "business"
    assert (validating.acceptance_policy.window_length, validating.acceptance_policy.postponement_days) == (
        5,
        0,
    )
    boleto = standard.get(kind="financial")
    assert boleto.product.line.slug == "cst" and boleto.routine.name.startswith("Boleto")

    from consultoria.models import Consultancy, TimeEntryCorrection

    # CON-1..8: one ticket in each consultancy state, a correction, a session the partner unit pays.
    assert sorted(Consultancy.objects.values_list("status", flat=True)) == sorted(
        [*Consultancy.Status.values, "accepted"]
    )
    assert Consultancy.objects.filter(payer="unit", sessions__entries__isnull=False).exists()
    assert TimeEntryCorrection.objects.count() == 1

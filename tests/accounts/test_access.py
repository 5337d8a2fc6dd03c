"""The one access rule (accounts/access.py): who may see and act, one test per rule."""

import pytest

from accounts import access, services
from accounts.models import Company
from core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_acc6_financial_pendency_allows_only_cst_tickets(world):
    services.company_set_financial_status(
        actor=world.analyst,
        company=world.company,
        status=Company.FinancialStatus.PENDENCY,
        note="Boleto em aberto",
    )
    world.company.refresh_from_db()
    assert world.company.has_financial_pendency
    with pytest.raises(DomainError, match="pendência financeira") as error:
        access.company_assert_can_open_ticket(company=world.company, kind="technical")
    assert error.value.code == "financial_pendency"
    access.company_assert_can_open_ticket(company=world.company, kind="financial")
    access.company_assert_can_open_ticket(company=world.company, kind="administrative")
    with pytest.raises(DomainError, match="Downloads bloqueados"):
        access.company_assert_can_download(company=world.company)

    services.company_set_financial_status(actor=world.analyst, company=world.company, status="regular")
    world.company.refresh_from_db()
    access.company_assert_can_open_ticket(company=world.company, kind="technical")
    assert world.company.financial_note == ""


def test_acc4_inactive_or_unauthorised_contacts_cannot_open_tickets(world):
    world.contact.can_open_tickets = False
    with pytest.raises(DomainError, match="não tem permissão"):
        access.contact_assert_can_open_ticket(contact=world.contact)
    world.contact.user.is_active = False
    with pytest.raises(DomainError, match="inativo"):
        access.contact_assert_can_open_ticket(contact=world.contact)

"""ACC-1 under concurrency: two administrators demoting each other at the same instant.

Runs on PostgreSQL (what `make test` starts): each thread has its own connection and
transaction, released together by a barrier. The company row lock in the service serialises
them, so exactly one demotion wins and the company keeps one active administrator.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from accounts import services
from accounts.models import Contact
from core.errors import DomainError
from tests.factories import CompanyFactory, ContactFactory
from tests.helpers import race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def _outcome(error: BaseException | None) -> str:
    if error is None:
        return "ok"
    if isinstance(error, DomainError):
        return error.code
    if isinstance(error, PermissionDenied):
        return "no_longer_admin"
    return repr(error)  # unexpected: the test's assertion shows it


def _race(*calls):
    return sorted(_outcome(error) for error in race(*calls, timeout=30))


@pytest.mark.parametrize("round_", range(15))
def test_acc1_two_admins_demoting_each_other_leave_one_admin(round_):
    company = CompanyFactory()
    first = ContactFactory(company=company, admin=True)
    second = ContactFactory(company=company, admin=True)

    outcomes = _race(
        lambda: services.contact_set_admin(actor=first.user, contact=second, is_admin=False),
        lambda: services.contact_set_admin(actor=second.user, contact=first, is_admin=False),
    )

    # The loser is refused: either the count under the lock says "last admin", or it lost its own
    # administrator role to the winner an instant earlier.
    assert outcomes in (["last_admin", "ok"], ["no_longer_admin", "ok"])
    assert Contact.objects.filter(company=company, is_company_admin=True, user__is_active=True).count() == 1


@pytest.mark.parametrize("round_", range(5))
def test_acc1_demotion_racing_deactivation_leaves_one_admin(round_):
    company = CompanyFactory()
    first = ContactFactory(company=company, admin=True)
    second = ContactFactory(company=company, admin=True)

    outcomes = _race(
        lambda: services.contact_deactivate(actor=first.user, contact=second),
        lambda: services.contact_set_admin(actor=second.user, contact=first, is_admin=False),
    )

    assert outcomes in (["last_admin", "ok"], ["no_longer_admin", "ok"])
    assert Contact.objects.filter(company=company, is_company_admin=True, user__is_active=True).count() == 1

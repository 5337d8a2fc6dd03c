"""The solutions demo (SELF-3): 15+ published solutions of the demo companies, anonymised, once."""

import pytest
from django.core.management import call_command

from solutions.models import Solution
from tickets.models import Ticket

pytestmark = pytest.mark.django_db


def test_seed_demo_publishes_anonymised_solutions_once():
    call_command("seed_demo")
    count = Solution.objects.count()
    assert count >= 15
    assert Solution.objects.filter(ticket__company__trade_name="Vale Verde Comércio").exists()
    texts = " ".join(Solution.objects.values_list("problem", flat=True)) + " ".join(
        Solution.objects.values_list("solution", flat=True)
    )
    for secret in ("Bruno Lima", "529.982.247-25", "ana.admin@horizonte.example", "Metalúrgica Horizonte"):
        assert secret not in texts
    assert "[nome]" in texts and "[CPF]" in texts and "[e-mail]" in texts
    tickets = Ticket.objects.count()
    call_command("seed_demo")
    assert (Solution.objects.count(), Ticket.objects.count()) == (count, tickets)

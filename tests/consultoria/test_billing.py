"""What a consultancy session bills (CON-1, CON-7), to the centavo: pure functions, no database."""

from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consultoria.billing import (
    DOCUMENTATION_DEFECT,
    PRODUCT_DEFECT,
    BillingRule,
    adjusted_price,
    entry_minutes,
    session_line,
    totals,
)
from core.money import brl, to_centavo
from tests.helpers import at

MODULE = BillingRule(minimum_minutes=10, waived_on_product_defect=True, waived_on_documentation_defect=True)
TECHNICAL = BillingRule()
INVESTIGATIVE = BillingRule(waived_on_product_defect=True)
TELEPHONE = BillingRule()
PRICE, TAXES = Decimal("3.50"), Decimal("14.250")


def line(rule, minutes, finding="", price=PRICE, taxes=TAXES):
    return session_line(
        rule=rule, recorded_minutes=minutes, finding=finding, price_per_minute=price, tax_percentage=taxes
    )


def test_con6_entries_are_whole_minutes_rounded_up():
    start = at(2026, 11, 10, 9)
    assert entry_minutes(start, start + timedelta(minutes=7)) == 7
    assert entry_minutes(start, start + timedelta(minutes=7, seconds=1)) == 8
    assert entry_minutes(start, start + timedelta(seconds=1)) == 1
    with pytest.raises(ValueError):
        entry_minutes(start, start)


def test_con1_a_7_minute_module_session_bills_10_minutes():
    result = line(MODULE, 7)
    assert (result.recorded_minutes, result.billable_minutes, result.waived_minutes) == (7, 10, 0)
    assert result.amount == Decimal("35.00")  # 10 × R$ 3,50
    assert result.taxes == Decimal("4.99")  # 14,25 % of 35,00 = 4,9875 → 4,99
    assert result.total == Decimal("39.99")


@pytest.mark.parametrize("finding", [PRODUCT_DEFECT, DOCUMENTATION_DEFECT])
def test_con1_a_waived_module_session_bills_nothing_and_shows_its_waived_minutes(finding):
    result = line(MODULE, 7, finding)
    assert (result.billable_minutes, result.waived_minutes) == (0, 7)
    assert result.amount == result.taxes == Decimal("0.00")


def test_con1_a_session_with_no_entry_bills_nothing_even_in_module():
    result = line(MODULE, 0)
    assert (result.billable_minutes, result.waived_minutes, result.total) == (0, 0, Decimal("0.00"))


def test_con1_investigative_is_billed_unless_the_cause_is_a_product_defect():
    assert line(INVESTIGATIVE, 45).amount == Decimal("157.50")
    assert line(INVESTIGATIVE, 45, DOCUMENTATION_DEFECT).amount == Decimal("157.50")
    waived = line(INVESTIGATIVE, 45, PRODUCT_DEFECT)
    assert (waived.billable_minutes, waived.waived_minutes, waived.total) == (0, 45, Decimal("0.00"))


def test_con1_telephone_is_billed_in_full_although_a_defect_was_found():
    result = line(TELEPHONE, 23, PRODUCT_DEFECT, price=Decimal("3.90"))
    assert (result.billable_minutes, result.waived_minutes) == (23, 0)
    assert result.amount == Decimal("89.70") and result.taxes == Decimal("12.78")  # 12,78225 → 12,78


def test_con1_technical_bills_every_minute_without_a_minimum():
    assert line(TECHNICAL, 3).amount == Decimal("10.50")


def test_con7_the_igpm_adjustment_rounds_half_up_to_the_centavo():
    assert adjusted_price(Decimal("3.50"), Decimal("4.250")) == Decimal("3.65")  # 3,64875
    assert adjusted_price(Decimal("4.20"), Decimal("3.870")) == Decimal("4.36")  # 4,36254
    assert adjusted_price(Decimal("1.10"), Decimal("5.000")) == Decimal("1.16")  # 1,155 half-up


def test_con7_money_is_never_a_float_and_reads_in_reais():
    with pytest.raises(TypeError):
        to_centavo(1.5)
    assert to_centavo(Decimal("0.005")) == Decimal("0.01")
    assert brl(Decimal("1234.5")) == "R$ 1.234,50"
    assert brl(Decimal("-0.1")) == "-R$ 0,10"


minutes = st.integers(min_value=0, max_value=600)
prices = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("50"), places=2)
taxes = st.decimals(min_value=Decimal("0"), max_value=Decimal("30"), places=3)
findings = st.sampled_from(["", "no_defect", PRODUCT_DEFECT, DOCUMENTATION_DEFECT])
rules = st.sampled_from([MODULE, TECHNICAL, INVESTIGATIVE, TELEPHONE])


@given(st.lists(st.tuples(rules, minutes, findings, prices, taxes), max_size=40))
def test_con8_statement_totals_are_the_sums_of_the_rounded_lines(sessions):
    lines = [line(rule, recorded, finding, price, tax) for rule, recorded, finding, price, tax in sessions]
    result = totals(lines)
    assert result.amount == sum((item.amount for item in lines), Decimal("0.00"))
    assert result.taxes == sum((item.taxes for item in lines), Decimal("0.00"))
    assert result.total == sum((item.total for item in lines), Decimal("0.00"))
    assert result.recorded_minutes == result.billable_minutes + result.waived_minutes - sum(
        max(item.billable_minutes - item.recorded_minutes, 0) for item in lines
    )
    for item in lines:
        assert item.amount == to_centavo(item.billable_minutes * item.price_per_minute)
        assert item.amount.as_tuple().exponent == -2 and item.taxes.as_tuple().exponent == -2

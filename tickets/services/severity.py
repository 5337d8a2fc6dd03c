"""SEV-1: the severity a ticket's four answers give, and the answer that decided it.

`severity_decide` is the one source of both: the opening preview and the ticket's severity use it,
so the explanation shown can never contradict the severity stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sla.models import Severity


@dataclass(frozen=True)
class SeverityAnswers:
    """The four questions asked at opening (SEV-1)."""

    function_unusable: bool
    has_workaround: bool
    data_corruption: bool
    cosmetic: bool


class SeverityReason(StrEnum):
    """Which answer decided the severity (first match wins, in this order)."""

    DATA_CORRUPTION = "data_corruption"  # critical, whatever the other answers
    UNUSABLE_NO_WORKAROUND = "unusable_no_workaround"  # critical
    UNUSABLE_WITH_WORKAROUND = "unusable_with_workaround"  # high
    COSMETIC = "cosmetic"  # low
    USABLE = "usable"  # medium


@dataclass(frozen=True)
class SeverityDecision:
    severity: str
    reason: SeverityReason


def severity_decide(answers: SeverityAnswers) -> SeverityDecision:
    """SEV-1: data corruption, or a function that cannot be used with no workaround, is critical;
    a function usable only through a workaround is high; cosmetic problems are low; the rest medium."""
    if answers.data_corruption:
        return SeverityDecision(Severity.CRITICAL, SeverityReason.DATA_CORRUPTION)
    if answers.function_unusable and not answers.has_workaround:
        return SeverityDecision(Severity.CRITICAL, SeverityReason.UNUSABLE_NO_WORKAROUND)
    if answers.function_unusable:
        return SeverityDecision(Severity.HIGH, SeverityReason.UNUSABLE_WITH_WORKAROUND)
    if answers.cosmetic:
        return SeverityDecision(Severity.LOW, SeverityReason.COSMETIC)
    return SeverityDecision(Severity.MEDIUM, SeverityReason.USABLE)


def severity_classify(answers: SeverityAnswers) -> str:
    """The severity of `severity_decide`."""
    return severity_decide(answers).severity

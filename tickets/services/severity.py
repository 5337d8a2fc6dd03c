"""SEV-1: the severity a ticket's four answers give."""

from __future__ import annotations

from dataclasses import dataclass

from sla.models import Severity


@dataclass(frozen=True)
class SeverityAnswers:
    """The four questions asked at opening (SEV-1)."""

    function_unusable: bool
    has_workaround: bool
    data_corruption: bool
    cosmetic: bool


def severity_classify(answers: SeverityAnswers) -> str:
    """SEV-1: data corruption, or a function that cannot be used with no workaround, is critical;
    a function usable only through a workaround is high; cosmetic problems are low; the rest medium."""
    if answers.data_corruption or (answers.function_unusable and not answers.has_workaround):
        return Severity.CRITICAL
    if answers.function_unusable:
        return Severity.HIGH
    if answers.cosmetic:
        return Severity.LOW
    return Severity.MEDIUM

"""What a result of the solutions search shows: product and routine, the highlighted snippets and
the whole anonymised texts. Nothing else of the ticket (company, contact, number, files, notes)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from core import fulltext

from .models import Solution


@dataclass(frozen=True)
class SolutionResult:
    pk: int
    product: str
    routine: str
    problem_snippet: SafeString
    solution_snippet: SafeString
    problem: str
    solution: str


def solution_results(rows: Iterable[Solution]) -> list[SolutionResult]:
    """The rows of a results page (from selectors.solutions_search) as the page shows them."""
    return [
        SolutionResult(
            pk=row.pk,
            product=row.product.name,
            routine=row.routine.name,
            problem_snippet=fulltext.highlight(getattr(row, "problem_snippet", "") or row.problem[:300]),
            solution_snippet=fulltext.highlight(getattr(row, "solution_snippet", "") or row.solution[:300]),
            problem=row.problem,
            solution=row.solution,
        )
        for row in rows
    ]

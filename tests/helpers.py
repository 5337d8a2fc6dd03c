"""Plain helpers shared by the suite: import them, never copy them into a test module.

Fixtures stay in the conftest files (tests/conftest.py: `world`, `catalogue`, `open_ticket`,
`client_for`, `roles`), factories in tests/factories.py.
"""

from datetime import datetime

from core.periods import SAO_PAULO

# --- Instants ----------------------------------------------------------------------------------------------

SP = SAO_PAULO  # the project's zone: Brasília time


def at(*args, fold: int = 0) -> datetime:
    """An instant in São Paulo: `at(2026, 3, 10, 10)` is 10/03/2026 10:00 -03:00 (`fold`: a repeated hour)."""
    return datetime(*args, tzinfo=SP, fold=fold)

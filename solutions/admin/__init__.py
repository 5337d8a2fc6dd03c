"""The back-office of published solutions (SELF-3): analysts review, edit, withhold and release."""

from .solutions import SolutionAdmin

__all__ = ["SolutionAdmin"]

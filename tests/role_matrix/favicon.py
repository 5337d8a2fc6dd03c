"""The favicon: the same redirect to the static icon for everyone."""

from . import everyone

PORTAL = {"favicon": (lambda o: {}, everyone(302))}

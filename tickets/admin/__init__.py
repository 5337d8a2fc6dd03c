"""The tickets back-office: catalogue, the triage queue and work page, survey results."""

from . import catalogue, policies, queue, surveys  # noqa: F401  (registers the model admins)

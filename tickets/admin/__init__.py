"""The tickets back-office: catalogue, acceptance policies, and the queue (changelist, filters,
badges) with its work page."""

from . import catalogue, changelist, policies  # noqa: F401  (registers the model admins)

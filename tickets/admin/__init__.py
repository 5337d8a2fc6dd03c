"""The tickets back-office: catalogue, acceptance policies, and the queue (changelist, filters,
badges) with its work page, and the phone desk's menu entry."""

from . import catalogue, changelist, phone, policies, replies  # noqa: F401  (registers the model admins)

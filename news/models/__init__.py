"""The models of news and pages (SELF-4, SELF-7): news and release news, policy and procedure pages,
the software lifecycle of each product version, and "tira-dúvidas" events with their interest list."""

from .content import NewsItem, Page
from .events import Event, EventInterest
from .lifecycle import ENDING_SOON_MONTHS, LifecycleStatus, ProductLifecycle, lifecycle_status

__all__ = [
    "ENDING_SOON_MONTHS",
    "Event",
    "EventInterest",
    "LifecycleStatus",
    "NewsItem",
    "Page",
    "ProductLifecycle",
    "lifecycle_status",
]

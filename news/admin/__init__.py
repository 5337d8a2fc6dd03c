"""The back-office of news and pages (SELF-4, SELF-7): analysts and leaders write news, release
news, policy and procedure pages, the versions' lifecycle and tira-dúvidas events (with who
registered interest, read-only); leaders also remove them. Saves go through news.services."""

from .content import NewsItemAdmin, PageAdmin
from .events import EventAdmin, ProductLifecycleAdmin

__all__ = ["EventAdmin", "NewsItemAdmin", "PageAdmin", "ProductLifecycleAdmin"]

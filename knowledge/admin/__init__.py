"""The knowledge base's back-office (SELF-1, SELF-2): analysts and leaders write, preview and publish
articles with their images and video; readers' answers; the leaders' count of tickets not opened.
Importing the modules registers their pages; every write is a knowledge service."""

from .articles import ArticleAdmin, ArticleFeedbackAdmin
from .deflections import DeflectionAdmin

__all__ = ["ArticleAdmin", "ArticleFeedbackAdmin", "DeflectionAdmin"]

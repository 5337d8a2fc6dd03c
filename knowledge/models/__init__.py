"""Knowledge base rows (SELF-1, SELF-2, SELF-7): articles and their images, readers' feedback, and the
tickets a suggested article made unnecessary (deflections)."""

from .articles import ARTICLE_INDEX, Article, ArticleFeedback, ArticleImage
from .deflections import Deflection

__all__ = ["ARTICLE_INDEX", "Article", "ArticleFeedback", "ArticleImage", "Deflection"]

"""Every write of the knowledge base (SELF-1, SELF-2, SELF-7): articles saved and published by staff,
their images and videos checked, views counted, readers' feedback, and deflections."""

from .articles import (
    article_check,
    article_publish,
    article_save,
    article_unpublish,
    article_viewed,
    image_save,
    markdown_to_text,
)
from .files import check_image, check_video
from .readers import deflection_record, feedback_record

__all__ = [
    "article_check",
    "article_publish",
    "article_save",
    "article_unpublish",
    "article_viewed",
    "check_image",
    "check_video",
    "deflection_record",
    "feedback_record",
    "image_save",
    "markdown_to_text",
]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Base de conhecimento")

    def ready(self) -> None:
        from core import fulltext

        from .models import ARTICLE_INDEX

        fulltext.register(ARTICLE_INDEX)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SolutionsConfig(AppConfig):
    name = "solutions"
    verbose_name = _("Consulta de Soluções")

    def ready(self) -> None:
        from core import fulltext

        from .models import SEARCH_INDEX

        fulltext.register(SEARCH_INDEX)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultoriaConfig(AppConfig):
    name = "consultoria"
    verbose_name = _("Consultoria")

    def ready(self) -> None:
        # The services queue statement PDFs through the dispatcher the tasks module registers.
        from . import tasks

        tasks.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("E-mails")

    def ready(self) -> None:
        # The services queue work through the dispatcher the tasks module registers: tasks import
        # services, never the reverse.
        from . import tasks

        tasks.register()

from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Auditoria")

    def ready(self) -> None:
        from . import receivers, triggers

        receivers.connect()
        # SQLite rebuilds a table to alter it and the rebuild drops its triggers: put them back.
        pre_migrate.connect(triggers.lift_for_migrations, sender=self, dispatch_uid="audit.triggers.lift")
        post_migrate.connect(triggers.ensure, sender=self, dispatch_uid="audit.triggers.ensure")

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Configurações e histórico")

    def ready(self) -> None:
        # Full-text structures (trigger-kept vectors, FTS5 tables) of the apps' registered indexes.
        from django.urls import register_converter

        from . import search  # noqa: F401  (registers SQLite's unaccent function on each connection)
        from .admin import guard_every_admin
        from .fulltext import ensure_indexes
        from .ids import IdConverter
        from .translation import install as remember_translations

        remember_translations()
        register_converter(IdConverter, "id")  # `<id:pk>`: a primary key the database can hold
        guard_every_admin()  # lists and forms of the back-office: dates the calendar holds

        post_migrate.connect(ensure_indexes, sender=self, dispatch_uid="core.fulltext.ensure_indexes")

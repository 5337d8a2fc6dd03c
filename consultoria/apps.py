from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultoriaConfig(AppConfig):
    name = "consultoria"
    verbose_name = _("Consultoria")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmbudsmanConfig(AppConfig):
    name = "ombudsman"
    verbose_name = _("Ouvidoria")

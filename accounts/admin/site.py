"""The back-office site itself: its titles, and the installed packages' screens it does not use."""

from django.apps import apps
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Portal do Cliente · Back-office")
admin.site.site_title = _("Back-office")
admin.site.index_title = _("Atendimento")

# Unused back-office screens of installed packages: groups (roles live in code, accounts/backends.py),
# allauth's e-mail addresses (the login is User.email), DRF token proxies (issued by the API), and
# allauth's authenticators and sessions (each user manages their own from the profile).
for model_path in (
    "auth.Group",
    "account.EmailAddress",
    "authtoken.TokenProxy",
    "mfa.Authenticator",
    "usersessions.UserSession",
):
    if admin.site.is_registered(unused := apps.get_model(model_path)):
        admin.site.unregister(unused)

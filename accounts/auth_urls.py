"""The django-allauth views the portal uses, under Portuguese paths.

Only these: there is no self sign-up (contacts are invited, ACC-2) and the e-mail is the login,
changed only by the company administrator or the back-office.
"""

from allauth.account import views as allauth_views
from django.urls import include, path, re_path

urlpatterns = [
    path("entrar/", allauth_views.login, name="account_login"),
    path("sair/", allauth_views.logout, name="account_logout"),
    path("inativa/", allauth_views.account_inactive, name="account_inactive"),
    path("reautenticar/", allauth_views.reauthenticate, name="account_reauthenticate"),
    # The second factor (SEC-5): authenticator app, recovery codes; the open sessions (SEC-6).
    path("2fa/", include("allauth.mfa.urls")),
    path("sessoes/", include("allauth.usersessions.urls")),
    path("senha/alterar/", allauth_views.password_change, name="account_change_password"),
    path("senha/definir/", allauth_views.password_set, name="account_set_password"),
    path("senha/esqueci/", allauth_views.password_reset, name="account_reset_password"),
    path("senha/esqueci/enviado/", allauth_views.password_reset_done, name="account_reset_password_done"),
    re_path(
        r"^senha/redefinir/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        allauth_views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "senha/redefinir/concluido/",
        allauth_views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
]

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from . import views

# allauth's way to put the admin's login behind the account's (rate limits, verified e-mail).
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", views.home, name="home"),
    path("idioma/", views.set_language, name="set-language"),
    path("healthz/", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("conta/", include("accounts.auth_urls")),
    path("", include("accounts.urls")),
    path("", include("sla.urls")),
    path("", include("tickets.web.urls")),
    path("", include("statements.urls")),
    path("", include("consultoria.web.urls")),
    path("", include("surveys.urls")),
    path("", include("knowledge.urls")),
    path("", include("solutions.urls")),
    path("", include("news.urls")),
    path("", include("ideas.urls")),
    path("", include("ombudsman.urls")),
    path("", include("downloads.urls")),
    path("", include("inbox.urls")),
    path("", include("chat.urls")),
    path("api/v1/", include("portal.api_urls")),
    path("admin/", admin.site.urls),
]

handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
handler500 = "portal.views.error_500"

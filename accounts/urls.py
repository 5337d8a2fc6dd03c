from django.urls import path, re_path

from . import views

urlpatterns = [
    path("empresa/", views.CompanyDetailView.as_view(), name="company-detail"),
    path("empresa/editar/", views.CompanyUpdateView.as_view(), name="company-edit"),
    path("empresa/contatos/", views.ContactListView.as_view(), name="contact-list"),
    path("empresa/contatos/novo/", views.ContactInviteView.as_view(), name="contact-invite"),
    path("empresa/contatos/<id:pk>/", views.ContactUpdateView.as_view(), name="contact-edit"),
    re_path(
        r"^empresa/contatos/(?P<pk>[0-9]+)/(?P<action>desativar|reativar|promover|rebaixar|reenviar-convite)/$",
        views.ContactActionView.as_view(),
        name="contact-action",
    ),
    path(
        "empresa/contatos/<id:pk>/desativar/confirmar/",
        views.ContactDeactivateConfirmView.as_view(),
        name="contact-deactivate",
    ),
    path("ativar/<str:token>/", views.ActivationView.as_view(), name="contact-activate"),
    path("perfil/", views.ProfileView.as_view(), name="profile"),
    path("perfil/tokens/", views.ApiTokenListView.as_view(), name="api-tokens"),
    path("perfil/tokens/<id:pk>/revogar/", views.ApiTokenRevokeView.as_view(), name="api-token-revoke"),
]

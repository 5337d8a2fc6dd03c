from django.urls import path

from . import views

urlpatterns = [
    path("chamados/extrato/", views.StatementView.as_view(), name="ticket-statement"),
    path(
        "chamados/extrato.csv", views.StatementView.as_view(), {"export": True}, name="ticket-statement-csv"
    ),
]

"""Portal pages of the acceptance window, follow-ups, surveys and the statement (ACP, TKT-9, SRV, TKT-11)."""

from django.urls import path

from . import lifecycle_views as views

NUMBER = "chamados/<str:number>/"

urlpatterns = [
    path("pesquisa/<str:token>/", views.SurveyAnswerView.as_view(), name="survey-answer"),
    path("chamados/extrato/", views.StatementView.as_view(), name="ticket-statement"),
    path(
        "chamados/extrato.csv", views.StatementView.as_view(), {"export": True}, name="ticket-statement-csv"
    ),
    path(NUMBER + "aceitar/", views.TicketAcceptView.as_view(), name="ticket-accept"),
    path(NUMBER + "recusar/", views.TicketRejectView.as_view(), name="ticket-reject"),
    path(NUMBER + "adiar/", views.TicketPostponeView.as_view(), name="ticket-postpone"),
    path(NUMBER + "acompanhamento/", views.TicketFollowUpView.as_view(), name="ticket-follow-up"),
]

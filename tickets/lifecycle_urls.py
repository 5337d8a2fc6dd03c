"""Portal pages of the acceptance window, follow-ups, surveys and the statement (ACP, TKT-9, SRV, TKT-11)."""

from django.urls import path

from . import lifecycle_views as views

urlpatterns = [
    path("pesquisa/<str:token>/", views.SurveyAnswerView.as_view(), name="survey-answer"),
]

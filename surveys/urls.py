from django.urls import path

from . import views

urlpatterns = [
    path("pesquisa/<str:token>/", views.SurveyAnswerView.as_view(), name="survey-answer"),
]

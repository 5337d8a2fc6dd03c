from django.urls import path

from . import views

urlpatterns = [
    path("feriados/", views.holiday_calendar, name="holiday-calendar"),
]

"""Pages of the petitions pillar for citizen reception; included by ``danchu.petitions.urls``.
Public: ``petitions/units/<code>/reception/`` and booking; the rest is for the unit's
officials."""

from django.urls import path

from danchu.petitions import views_reception as views

urlpatterns = [
    path("petitions/units/<str:code>/reception/", views.reception_unit, name="reception_unit"),
    path(
        "petitions/units/<str:code>/reception/manage/",
        views.reception_manage,
        name="reception_manage",
    ),
    path(
        "petitions/units/<str:code>/reception/days/new/",
        views.reception_day_new,
        name="reception_day_new",
    ),
    path(
        "petitions/units/<str:code>/reception/document/",
        views.reception_schedule_document,
        name="reception_schedule_document",
    ),
    path(
        "petitions/units/<str:code>/reception/logbook/",
        views.reception_logbook,
        name="reception_logbook",
    ),
    path(
        "petitions/units/<str:code>/reception/logbook.<str:fmt>",
        views.reception_logbook_export,
        name="reception_logbook_export",
    ),
    path(
        "petitions/units/<str:code>/reception/logbook/new/",
        views.reception_entry_new,
        name="reception_entry_new",
    ),
    path("petitions/reception/days/<int:pk>/", views.reception_day, name="reception_day"),
    path("petitions/reception/days/<int:pk>/book/", views.reception_book, name="reception_book"),
    path(
        "petitions/reception/days/<int:pk>/postpone/",
        views.reception_day_postpone,
        name="reception_day_postpone",
    ),
    path(
        "petitions/reception/bookings/<int:pk>/cancel/",
        views.reception_booking_cancel,
        name="reception_booking_cancel",
    ),
    path("petitions/reception/entries/<int:pk>/", views.reception_entry, name="reception_entry"),
    path(
        "petitions/reception/entries/<int:pk>/answer/",
        views.reception_entry_answer,
        name="reception_entry_answer",
    ),
    path(
        "petitions/reception/entries/<int:pk>/refuse/",
        views.reception_entry_refuse,
        name="reception_entry_refuse",
    ),
    path(
        "petitions/reception/entries/<int:pk>/convert/",
        views.reception_entry_convert,
        name="reception_entry_convert",
    ),
]

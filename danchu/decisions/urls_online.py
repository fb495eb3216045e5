"""Pages of the decisions pillar for online votes and the poll on voting online; included by
danchu.decisions.urls."""

from django.urls import path

from danchu.decisions import views_online

urlpatterns: list = [
    path("decisions/<int:pk>/online/team/", views_online.online_team, name="online_team"),
    path("decisions/<int:pk>/online/poll/", views_online.online_poll, name="online_poll"),
    path(
        "decisions/<int:pk>/online/poll/open/",
        views_online.online_poll_open,
        name="online_poll_open",
    ),
    path(
        "decisions/<int:pk>/online/poll/answer/",
        views_online.online_poll_answer,
        name="online_poll_answer",
    ),
    path(
        "decisions/<int:pk>/online/poll/record/",
        views_online.online_poll_record,
        name="online_poll_record",
    ),
    path(
        "decisions/<int:pk>/online/poll/close/",
        views_online.online_poll_close,
        name="online_poll_close",
    ),
    path("decisions/<int:pk>/online/form/", views_online.online_form_change, name="online_form"),
]

"""Pages of the decisions pillar for outcomes; included by danchu.decisions.urls."""

from django.urls import path

from danchu.decisions import views_outcomes as views

urlpatterns = [
    path("decisions/<int:pk>/decision/new/", views.outcomes_draw_up, name="outcomes_draw_up"),
    path("decisions/<int:pk>/decision/send/", views.outcomes_send, name="outcomes_send"),
    path(
        "decisions/<int:pk>/decision/receive/",
        views.outcomes_receive,
        name="outcomes_receive",
    ),
    path(
        "decisions/<int:pk>/decision/recognise/",
        views.outcomes_recognise,
        name="outcomes_recognise",
    ),
    path("decisions/<int:pk>/decision/refuse/", views.outcomes_refuse, name="outcomes_refuse"),
    path(
        "decisions/<int:pk>/decision/effective/",
        views.outcomes_set_effective,
        name="outcomes_set_effective",
    ),
    path("decisions/<int:pk>/decision/annul/", views.outcomes_annul, name="outcomes_annul"),
    path(
        "decisions/<int:pk>/decision/amendment-request/",
        views.outcomes_request_amendment,
        name="outcomes_request_amendment",
    ),
    path("decisions/<int:pk>/decision/amend/", views.outcomes_amend, name="outcomes_amend"),
    path(
        "decisions/communes/<str:code>/outcomes/",
        views.outcomes_commune,
        name="outcomes_commune",
    ),
    path("decisions/<int:pk>/initiative/", views.outcomes_initiative, name="outcomes_initiative"),
    path(
        "decisions/<int:pk>/initiative/approve/",
        views.outcomes_initiative_approve,
        name="outcomes_initiative_approve",
    ),
]

"""Pages of the decisions pillar for electing and dismissing the village head and board
members (ND 59/2023 Arts 6–9); included by danchu.decisions.urls."""

from django.urls import path

from danchu.decisions import views_elections as views

urlpatterns = [
    path("decisions/elections/units/<str:code>/", views.unit_elections, name="elections_unit"),
    path("decisions/elections/units/<str:code>/new/", views.election_new, name="elections_new"),
    path(
        "decisions/elections/units/<str:code>/dismissals/new/",
        views.dismissal_new,
        name="elections_dismissal_new",
    ),
    path("decisions/elections/<int:pk>/", views.election_detail, name="elections_detail"),
    path("decisions/elections/<int:pk>/team/", views.election_team, name="elections_team"),
    path(
        "decisions/elections/<int:pk>/candidates/",
        views.election_candidate,
        name="elections_candidate",
    ),
    path("decisions/elections/<int:pk>/sent/", views.election_sent, name="elections_sent"),
    path("decisions/elections/<int:pk>/notice/", views.election_notice, name="elections_notice"),
    path("decisions/elections/<int:pk>/votes/", views.election_votes, name="elections_votes"),
    path("decisions/elections/<int:pk>/close/", views.election_close_view, name="elections_close"),
    path(
        "decisions/elections/dismissals/<int:pk>/",
        views.dismissal_detail,
        name="elections_dismissal",
    ),
    path(
        "decisions/elections/dismissals/<int:pk>/interim/",
        views.dismissal_interim,
        name="elections_interim",
    ),
]

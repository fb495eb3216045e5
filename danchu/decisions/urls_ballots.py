"""Pages of the decisions pillar for household ballots and the commune's count of villages;
included by danchu.decisions.urls."""

from django.urls import path

from danchu.decisions import views_ballots

urlpatterns: list = [
    path("decisions/<int:pk>/ballots/plan/", views_ballots.ballots_plan, name="ballots_plan"),
    path("decisions/<int:pk>/ballots/team/", views_ballots.ballots_team, name="ballots_team"),
    path(
        "decisions/<int:pk>/ballots/issue/",
        views_ballots.ballots_issue_view,
        name="ballots_issue",
    ),
    path("decisions/<int:pk>/ballots/print/", views_ballots.ballots_print, name="ballots_print"),
    path(
        "decisions/<int:pk>/ballots/print.pdf",
        views_ballots.ballots_print_pdf,
        name="ballots_print_pdf",
    ),
    path("decisions/<int:pk>/ballots/enter/", views_ballots.ballots_enter, name="ballots_enter"),
    path("decisions/<int:pk>/ballots/count/", views_ballots.ballots_count, name="ballots_count"),
    path("decisions/<int:pk>/villages/", views_ballots.ballots_commune, name="ballots_commune"),
]

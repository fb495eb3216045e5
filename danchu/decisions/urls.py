from django.urls import path

from danchu.decisions import (
    urls_ballots,
    urls_elections,
    urls_meetings,
    urls_online,
    urls_outcomes,
    urls_village_codes,
    views,
)

app_name = "decisions"

urlpatterns = [
    path("decisions/units/<str:code>/", views.village_matters, name="village_matters"),
    path("decisions/units/<str:code>/new/", views.matter_new, name="matter_new"),
    path("decisions/<int:pk>/", views.matter_detail, name="matter_detail"),
    path("decisions/<int:pk>/vote/", views.matter_vote, name="matter_vote"),
    path("decisions/<int:pk>/record/", views.matter_record, name="matter_record"),
    path("decisions/<int:pk>/open/", views.matter_open_view, name="matter_open"),
    path("decisions/<int:pk>/close/", views.matter_close_view, name="matter_close"),
]
urlpatterns += (
    urls_meetings.urlpatterns
    + urls_ballots.urlpatterns
    + urls_online.urlpatterns
    + urls_outcomes.urlpatterns
    + urls_village_codes.urlpatterns
    + urls_elections.urlpatterns
)

"""Pages of the decisions pillar for meetings; included by danchu.decisions.urls."""

from django.urls import path

from danchu.decisions import views_meetings as views

urlpatterns = [
    path("decisions/units/<str:code>/meetings/", views.meetings_list, name="meetings_list"),
    path("decisions/units/<str:code>/meetings/new/", views.meetings_new, name="meetings_new"),
    path("decisions/meetings/<int:pk>/", views.meetings_detail, name="meetings_detail"),
    path("decisions/meetings/<int:pk>/notice/", views.meetings_notice, name="meetings_notice"),
    path(
        "decisions/meetings/<int:pk>/clusters/",
        views.meetings_cluster_add,
        name="meetings_cluster_add",
    ),
    path(
        "decisions/meetings/<int:pk>/clusters/approve/",
        views.meetings_cluster_approve,
        name="meetings_cluster_approve",
    ),
    path("decisions/meetings/<int:pk>/start/", views.meetings_start, name="meetings_start"),
    path(
        "decisions/meetings/<int:pk>/attendance/",
        views.meetings_attendance,
        name="meetings_attendance",
    ),
    path("decisions/meetings/<int:pk>/speakers/", views.meetings_speaker, name="meetings_speaker"),
    path(
        "decisions/meetings/<int:pk>/secretary/",
        views.meetings_secretary,
        name="meetings_secretary",
    ),
    path("decisions/meetings/<int:pk>/method/", views.meetings_method, name="meetings_method"),
    path("decisions/meetings/<int:pk>/board/", views.meetings_board, name="meetings_board"),
    path(
        "decisions/meetings/<int:pk>/witnesses/",
        views.meetings_witnesses,
        name="meetings_witnesses",
    ),
    path("decisions/meetings/<int:pk>/tally/", views.meetings_tally, name="meetings_tally"),
    path("decisions/meetings/<int:pk>/close/", views.meetings_close, name="meetings_close"),
    path(
        "decisions/<int:pk>/meeting-documents/",
        views.meetings_documents_delivered,
        name="meetings_documents_delivered",
    ),
]

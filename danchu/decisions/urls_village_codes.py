"""Pages of the decisions pillar for village codes; included by danchu.decisions.urls."""

from django.urls import path

from danchu.decisions import views_village_codes as views

urlpatterns = [
    path(
        "decisions/units/<str:code>/village-codes/",
        views.code_list,
        name="village_codes_list",
    ),
    path(
        "decisions/units/<str:code>/village-codes/new/",
        views.code_new,
        name="village_codes_new",
    ),
    path(
        "decisions/units/<str:code>/village-codes/commune/",
        views.commune_codes,
        name="village_codes_commune",
    ),
    path("decisions/village-codes/<int:pk>/", views.code_detail, name="village_codes_detail"),
    path("decisions/village-codes/<int:pk>/edit/", views.code_edit_view, name="village_codes_edit"),
    path("decisions/village-codes/<int:pk>/post/", views.code_post_view, name="village_codes_post"),
    path("decisions/village-codes/<int:pk>/vote/", views.code_vote_view, name="village_codes_vote"),
    path(
        "decisions/village-codes/<int:pk>/dossier/",
        views.code_dossier_view,
        name="village_codes_dossier",
    ),
    path(
        "decisions/village-codes/<int:pk>/recognition/",
        views.code_recognition_view,
        name="village_codes_recognition",
    ),
    path(
        "decisions/village-codes/<int:pk>/report/",
        views.code_report_view,
        name="village_codes_report",
    ),
    path(
        "decisions/village-codes/<int:pk>/suspend/",
        views.code_suspend_view,
        name="village_codes_suspend",
    ),
    path(
        "decisions/village-codes/<int:pk>/abolish/",
        views.code_abolish_view,
        name="village_codes_abolish",
    ),
    path(
        "decisions/village-codes/<int:pk>/review/",
        views.code_review_view,
        name="village_codes_review",
    ),
    path(
        "decisions/village-codes/<int:pk>/review-day/",
        views.code_review_day_view,
        name="village_codes_review_day",
    ),
]

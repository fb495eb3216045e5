from django.urls import path

from danchu.disclosure import views_publications as views

urlpatterns = [
    # public
    path("publications/units/<str:code>/", views.unit_publications, name="unit_publications"),
    path("publications/units/<str:code>/feed/", views.unit_feed, name="unit_feed"),
    path(
        "publications/units/<str:code>/export.json",
        views.unit_export_json,
        name="unit_export_json",
    ),
    path("publications/units/<str:code>/export.csv", views.unit_export_csv, name="unit_export_csv"),
    path("publications/units/<str:code>/follow/", views.unit_follow, name="unit_follow"),
    path("publications/<int:pk>/", views.publication_detail, name="publication_detail"),
    path(
        "publications/attachments/<int:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    # officials
    path("publications/units/<str:code>/manage/", views.unit_manage, name="unit_manage"),
    path("publications/units/<str:code>/new/", views.publication_new, name="publication_new"),
    path("publications/<int:pk>/edit/", views.publication_edit, name="publication_edit"),
    path(
        "publications/<int:pk>/attachments/",
        views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "publications/attachments/<int:pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path(
        "publications/<int:pk>/publish/",
        views.publication_publish_view,
        name="publication_publish",
    ),
    path(
        "publications/<int:pk>/schedule/",
        views.publication_schedule_view,
        name="publication_schedule",
    ),
    path(
        "publications/<int:pk>/correct/",
        views.publication_correct_view,
        name="publication_correct",
    ),
    path(
        "publications/<int:pk>/channels/", views.publication_channels, name="publication_channels"
    ),
    path(
        "publications/<int:pk>/broadcasts/",
        views.publication_broadcasts,
        name="publication_broadcasts",
    ),
    path("publications/<int:pk>/relays/", views.publication_relays, name="publication_relays"),
    path("publications/<int:pk>/notice/", views.publication_notice, name="publication_notice"),
    path("publications/<int:pk>/script/", views.publication_script, name="publication_script"),
]

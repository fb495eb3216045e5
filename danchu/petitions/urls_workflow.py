"""Pages of the petitions pillar for the workflow step; included by ``danchu.petitions.urls``."""

from django.urls import path

from danchu.petitions import views_workflow as views
from danchu.petitions.views_attachments import workflow_attachment
from danchu.petitions.views_oversight import oversight_overdue, oversight_request

urlpatterns = [
    path("petitions/units/<str:code>/queue/", views.workflow_queue, name="workflow_queue"),
    path(
        "petitions/units/<str:code>/queue.<str:fmt>",
        views.workflow_queue_export,
        name="workflow_queue_export",
    ),
    path(
        "petitions/units/<str:code>/statistics/",
        views.workflow_statistics,
        name="workflow_statistics",
    ),
    path(
        "petitions/units/<str:code>/statistics.<str:fmt>",
        views.workflow_statistics_export,
        name="workflow_statistics_export",
    ),
    path("petitions/cases/<int:pk>/", views.workflow_case, name="workflow_case"),
    path("petitions/units/<str:code>/oversight/", oversight_overdue, name="oversight_overdue"),
    path(
        "petitions/cases/<int:pk>/report-request/",
        oversight_request,
        name="oversight_request",
    ),
    path(
        "petitions/cases/<int:pk>/attachments/<int:attachment_pk>/",
        workflow_attachment,
        name="workflow_attachment",
    ),
    path(
        "petitions/cases/<int:pk>/steps/<str:action>/",
        views.workflow_case_step,
        name="workflow_case_step",
    ),
]

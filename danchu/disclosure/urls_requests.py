"""Information requests (Law on Access to Information): public form and status, officials'
list, detail, actions and logbook. Every path starts with "information-requests" or sits under
"units/<code>/information-requests/"."""

from django.urls import path

from danchu.disclosure import views_requests as views

urlpatterns = [
    path(
        "units/<str:code>/information-requests/new/",
        views.request_new,
        name="request_new",
    ),
    path(
        "units/<str:code>/information-requests/",
        views.request_list,
        name="request_list",
    ),
    path(
        "units/<str:code>/information-requests/receive/",
        views.request_receive_view,
        name="request_receive",
    ),
    path(
        "units/<str:code>/information-requests/logbook.<str:fmt>",
        views.request_logbook,
        name="request_logbook",
    ),
    path("information-requests/status/", views.request_status_lookup, name="request_lookup"),
    path(
        "information-requests/status/<str:tracking_code>/",
        views.request_status,
        name="request_status",
    ),
    path("information-requests/<int:pk>/", views.request_detail, name="request_detail"),
    path(
        "information-requests/<int:pk>/extend/",
        views.request_extend_view,
        name="request_extend",
    ),
    path(
        "information-requests/<int:pk>/complex/",
        views.request_complex_view,
        name="request_mark_complex",
    ),
    path(
        "information-requests/<int:pk>/provide/",
        views.request_provide_view,
        name="request_provide",
    ),
    path(
        "information-requests/<int:pk>/refuse/",
        views.request_refuse_view,
        name="request_refuse",
    ),
]

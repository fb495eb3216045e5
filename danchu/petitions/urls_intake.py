"""Pages of the petitions pillar for the intake step; included by ``danchu.petitions.urls``."""

from django.urls import path

from danchu.petitions import views_intake as views

urlpatterns = [
    path("petitions/units/<str:code>/new/", views.intake_new, name="intake_new"),
    path("petitions/units/<str:code>/desk/", views.intake_desk, name="intake_desk"),
    path("petitions/receipt/<str:tracking_code>/", views.intake_receipt, name="intake_receipt"),
    path(
        "petitions/receipt/<str:tracking_code>/receipt.pdf",
        views.intake_receipt_pdf,
        name="intake_receipt_pdf",
    ),
    path("petitions/track/", views.intake_track, name="intake_track"),
    path("petitions/mine/", views.intake_mine, name="intake_mine"),
    path("petitions/mine/<str:tracking_code>/rate/", views.intake_rate, name="intake_rate"),
    path("petitions/cases/<int:pk>/intake/", views.intake_case, name="intake_case"),
    path("petitions/cases/<int:pk>/classify/", views.intake_classify, name="intake_classify"),
    path("petitions/cases/<int:pk>/split/", views.intake_split, name="intake_split"),
    path("petitions/cases/<int:pk>/route/", views.intake_route, name="intake_route"),
    path("petitions/cases/<int:pk>/merge/", views.intake_merge, name="intake_merge"),
    path("petitions/cases/<int:pk>/unseal/", views.intake_unseal, name="intake_unseal"),
]

from django.urls import path

from danchu.core.units import views

app_name = "units"

urlpatterns = [
    path("units/<str:code>/", views.unit_detail, name="detail"),
    path("units/<str:code>/villages/new/", views.village_new, name="village_new"),
    path("units/<str:code>/organisations/new/", views.organisation_new, name="organisation_new"),
]

from django.urls import path

from danchu.core.people import views

app_name = "people"

urlpatterns = [
    path("units/<str:code>/households/", views.household_list, name="household_list"),
    path("units/<str:code>/households/new/", views.household_new, name="household_new"),
    path("households/<int:pk>/", views.household_detail, name="household_detail"),
    path("households/<int:pk>/edit/", views.household_edit, name="household_edit"),
    path("households/<int:pk>/members/new/", views.member_new, name="member_new"),
]

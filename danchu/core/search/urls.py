from django.urls import path

from danchu.core.search import views

app_name = "search"

urlpatterns = [
    path("tim-kiem", views.results, name="results"),
]

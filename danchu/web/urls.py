from django.conf import settings
from django.urls import path

from danchu.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
    path("language/<str:code>/", views.choose_language, name="language"),
]

if settings.DANCHU_BENCH_FLOOR:
    urlpatterns.append(path("_bench/floor", views.floor, name="floor"))

from django.urls import path

from danchu.core.jobs import views

app_name = "jobs"

urlpatterns = [
    path("jobs/<int:pk>/", views.job_detail, name="detail"),
    path("jobs/<int:pk>/download/", views.job_download, name="download"),
    path("jobs/<int:pk>/retry/", views.job_retry_view, name="retry"),
]

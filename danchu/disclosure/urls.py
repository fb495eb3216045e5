from django.urls import include, path

app_name = "disclosure"

urlpatterns = [
    path("", include("danchu.disclosure.urls_publications")),
    path("", include("danchu.disclosure.urls_requests")),
    path("", include("danchu.disclosure.urls_compliance")),
]

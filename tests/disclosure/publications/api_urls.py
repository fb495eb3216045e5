"""The site's URLs plus the publications router mounted on a NinjaAPI of its own, so that the
API is tested before the lead mounts the router on /api/v1/ (danchu/api.py)."""

from django.urls import include, path
from ninja import NinjaAPI

from danchu.disclosure.api_publications import router

api = NinjaAPI(
    title="disclosure publications (tests)",
    version="test-publications",
    urls_namespace="disclosure_publications_test_api",
)
api.add_router("/", router)

urlpatterns = [
    path("test-api/", api.urls),
    path("", include("danchu.urls")),
]

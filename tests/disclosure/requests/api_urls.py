"""The site's URLs plus the information-request router mounted on its own NinjaAPI, so that the
API can be tested before the lead mounts the router on /api/v1/."""

from django.urls import path
from ninja import NinjaAPI

from danchu.disclosure.api_requests import router
from danchu.urls import handler403, handler404, handler500  # noqa: F401
from danchu.urls import urlpatterns as site_urlpatterns

api = NinjaAPI(title="test", version="requests-test", urls_namespace="disclosure_requests_test")
api.add_router("/", router)

urlpatterns = [path("api/test-requests/", api.urls), *site_urlpatterns]

from django.urls import include, path
from django.views.generic import RedirectView

from danchu.api import api

urlpatterns = [
    path("", include("danchu.web.urls")),
    path("", include("danchu.core.access.urls")),
    path("", include("danchu.core.units.urls")),
    path("", include("danchu.core.people.urls")),
    path("", include("danchu.core.jobs.urls")),
    path("", include("danchu.core.documents.urls")),
    path("", include("danchu.core.search.urls")),
    path("", include("danchu.core.notify.urls")),
    path("", include("danchu.disclosure.urls")),
    path("", include("danchu.decisions.urls")),
    path("", include("danchu.petitions.urls")),
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False), name="api-docs"),
]

handler403 = "danchu.web.views.permission_denied"
handler404 = "danchu.web.views.page_not_found"
handler500 = "danchu.web.views.server_error"

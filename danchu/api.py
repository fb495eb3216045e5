"""The danchu API, version 1 (`/api/v1/`, OpenAPI documentation at `/api/docs`)."""

from ninja import NinjaAPI

from danchu.core.people.api import router as people_router
from danchu.core.units.api import router as units_router
from danchu.decisions.api import router as decisions_router
from danchu.disclosure.api_compliance import router as disclosure_compliance_router
from danchu.disclosure.api_publications import router as disclosure_publications_router
from danchu.disclosure.api_requests import router as disclosure_requests_router
from danchu.petitions.api import router as petitions_router

api = NinjaAPI(
    title="danchu API",
    version="1",
    description="Read access to the administrative tree and, for officials, household registers.",
    urls_namespace="api",
)
api.add_router("/", units_router)
api.add_router("/", people_router)
api.add_router("/", disclosure_publications_router)
api.add_router("/", disclosure_requests_router)
api.add_router("/", disclosure_compliance_router)
api.add_router("/", decisions_router)
api.add_router("/", petitions_router)

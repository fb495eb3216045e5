"""Pages of the petitions pillar for the workflow step; included by ``danchu.petitions.urls``."""

from django.urls import path  # noqa: F401  (used as pages are added)

urlpatterns: list = []

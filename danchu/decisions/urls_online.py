"""Pages of the decisions pillar for online; included by danchu.decisions.urls."""

from django.urls import path  # noqa: F401  (used as pages are added)

urlpatterns: list = []

"""The Atom feed of a unit's publications (newest 50), for readers and aggregators."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from danchu.core.units.access import access_unit_by_code
from danchu.disclosure.permissions import VIEW_PUBLISHED
from danchu.disclosure.selectors_publications import published_in_unit
from danchu.disclosure.services_publications import body_text

FEED_SIZE = 50


class UnitPublicationsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, code: str):
        return access_unit_by_code(request.user, code, permission=VIEW_PUBLISHED)

    def title(self, unit) -> str:
        return _("Published information of %(unit)s") % {"unit": unit.name}

    def subtitle(self, unit) -> str:
        return _("What %(unit)s publishes under the Law on Grassroots Democracy.") % {
            "unit": unit.name
        }

    def link(self, unit) -> str:
        return reverse("disclosure:unit_publications", args=[unit.code])

    def items(self, unit):
        return published_in_unit(unit)[:FEED_SIZE]

    def item_title(self, publication) -> str:
        version = publication.current_version
        return version.title if version else publication.reference

    def item_description(self, publication) -> str:
        version = publication.current_version
        if version is None:
            return ""
        return version.summary or body_text(version.body)[:500]

    def item_link(self, publication) -> str:
        return reverse("disclosure:publication_detail", args=[publication.pk])

    def item_guid(self, publication) -> str:
        return f"urn:danchu:publication:{publication.reference}"

    item_guid_is_permalink = False

    def item_pubdate(self, publication):
        version = publication.current_version
        return version.published_at if version else None

    def item_updateddate(self, publication):
        return self.item_pubdate(publication)

    def item_categories(self, publication):
        return [publication.item.code]

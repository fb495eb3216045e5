"""Links that pillars add to a unit's page (AppConfig.ready()), so that the core never imports
a pillar:

    register_unit_link("disclosure.publications", _("Published information"),
                       "disclosure:publication_list", permission=VIEW_PUBLISHED,
                       levels=("commune", "organisation"))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

from danchu.core.access.registry import has_perm


@dataclass(frozen=True)
class UnitLink:
    name: str
    label: str | Promise
    url_name: str
    permission: str
    levels: tuple[str, ...]  # unit levels or kinds the link appears on
    official: bool  # shown in the officials' panel rather than to everyone


_LINKS: dict[str, UnitLink] = {}


def register_unit_link(
    name: str,
    label: str | Promise,
    url_name: str,
    *,
    permission: str,
    levels: tuple[str, ...],
    official: bool = False,
) -> None:
    _LINKS[name] = UnitLink(name, label, url_name, permission, tuple(levels), official)


def links_for(actor: Any, unit: Any) -> tuple[list[dict], list[dict]]:
    """(public links, officials' links) on ``unit``'s page that ``actor`` may follow."""
    public, official = [], []
    for link in _LINKS.values():
        if not ({unit.level, unit.kind} & set(link.levels)):
            continue
        if not has_perm(actor, link.permission, unit):
            continue
        try:
            url = reverse(link.url_name, args=[unit.code])
        except NoReverseMatch:
            continue
        (official if link.official else public).append({"label": link.label, "url": url})
    return public, official

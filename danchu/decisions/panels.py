"""Sections of the matter page contributed by each step of the procedure (meetings, ballots,
online votes, the community decision, village codes, elections). Each step registers a template
and a function giving its context, so the matter page needs no knowledge of them.

    register_panel("meetings", "decisions/meetings/panel.html", meeting_panel_context)

A context function receives (request, matter) and returns a dict, or None to show nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

PanelContext = Callable[[HttpRequest, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: PanelContext
    order: int


_PANELS: dict[str, Panel] = {}


def register_panel(name: str, template: str, context: PanelContext, *, order: int = 50) -> None:
    _PANELS[name] = Panel(name, template, context, order)


def render_panels(request: HttpRequest, matter: Any) -> list[SafeString]:
    rendered = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.name)):
        context = panel.context(request, matter)
        if context is None:
            continue
        context.setdefault("matter", matter)
        html = render_to_string(panel.template, context, request=request)
        rendered.append(mark_safe(html))  # noqa: S308 - our own rendered template
    return rendered

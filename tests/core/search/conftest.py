"""A throw-away searchable kind, "tests.notice", so that tests choose titles and texts freely.

Notices hang on units of the persona tree: ``notice(unit, title, body)`` indexes one under the
unit (one notice per unit), public unless ``public=False`` (then guarded by
people.view_household over the unit, like households).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from danchu.core.people.permissions import VIEW_HOUSEHOLD
from danchu.core.search.registry import SearchDocument, register_kind, unregister_kind
from danchu.core.search.services import search_index
from danchu.core.units.models import Unit

NOTICE = "tests.notice"


@dataclass
class NoticeText:
    title: str
    body: str
    public: bool


@pytest.fixture
def notice(db):
    texts: dict[int, NoticeText] = {}

    def document(unit: Unit) -> SearchDocument | None:
        text = texts.get(unit.pk)
        if text is None:
            return None
        return SearchDocument(
            title=text.title,
            body=text.body,
            unit=unit,
            url=f"/notices/{unit.code}/",
            public=text.public,
        )

    register_kind(
        NOTICE,
        label="Notice",
        permission=VIEW_HOUSEHOLD,
        document=document,
        queryset=lambda: Unit.objects.all(),
    )

    def add(unit: Unit, title: str, body: str = "", *, public: bool = True) -> Unit:
        texts[unit.pk] = NoticeText(title, body, public)
        search_index(unit, kind=NOTICE)
        return unit

    add.texts = texts
    yield add
    unregister_kind(NOTICE)

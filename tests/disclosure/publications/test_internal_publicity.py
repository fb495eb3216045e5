"""An agency's publicity is internal (Law 10/2022 Arts 46–48): its staff and leaders read it,
the public and the commune's officials do not; each unit publishes for itself."""

from __future__ import annotations

from datetime import date

import pytest

from danchu.core.access.errors import NotPermitted
from danchu.core.people.models import Employment, Person
from danchu.disclosure.models import CatalogueItem
from danchu.disclosure.services_publications import publication_create, publication_publish


@pytest.fixture
def agency_publication(personas, tree, django_capture_on_commit_callbacks):
    item = CatalogueItem.objects.get(regime="agency", number=7)  # asset and income declarations
    with django_capture_on_commit_callbacks(execute=True):
        draft = publication_create(
            actor=personas["agency_head_a"],
            unit=tree.agency_a,
            item=item,
            title="Kê khai tài sản, thu nhập năm 2026",
            decision_date=date(2026, 11, 2),
        )
        publication_publish(actor=personas["agency_head_a"], publication=draft)
    return draft


def _urls(publication) -> list[str]:
    return [
        f"/publications/units/{publication.unit.code}/",
        f"/publications/units/{publication.unit.code}/feed/",
        f"/publications/units/{publication.unit.code}/export.csv",
        f"/publications/{publication.pk}/",
        f"/api/v1/disclosure/units/{publication.unit.code}/publications",
    ]


def test_the_public_and_other_officials_get_404(client, personas, agency_publication):
    for url in _urls(agency_publication):
        assert client.get(url).status_code in (404, 401), url
    client.force_login(personas["officer_a"])  # the parent commune's officer
    for url in _urls(agency_publication):
        assert client.get(url).status_code == 404, url


def test_staff_and_the_head_read_it(client, personas, tree, agency_publication):
    resident = personas["resident"]
    person = Person(full_name="Nhân viên Trạm Y tế")
    person.save()
    resident.person = person
    resident.save()
    Employment.objects.create(person=person, organisation=tree.agency_a, position="Y sĩ")
    for user in (resident, personas["agency_head_a"]):
        client.force_login(user)
        assert client.get(f"/publications/{agency_publication.pk}/").status_code == 200
        assert client.get(f"/publications/units/{tree.agency_a.code}/").status_code == 200


def test_not_in_public_search(client, agency_publication):
    body = client.get("/tim-kiem?q=ke+khai+tai+san").content.decode()
    assert "Kê khai tài sản" not in body


def test_the_communes_officer_cannot_publish_for_the_agency(personas, tree):
    item = CatalogueItem.objects.get(regime="agency", number=2)
    with pytest.raises(NotPermitted):
        publication_create(
            actor=personas["officer_a"],
            unit=tree.agency_a,
            item=item,
            title="Kế hoạch công tác",
            decision_date=date(2026, 11, 2),
        )

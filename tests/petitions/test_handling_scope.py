"""Each body handles its own cases and holds its own reception (Law on Complaints Art. 17; Law
on Denunciations Arts 12–13; Law on Citizen Reception Art. 15): the commune chair and commune
officers neither see nor handle the cases of an agency under the commune, nor manage its
reception; the agency's own head does. Statistics still roll up to the commune."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from danchu.core.access.errors import NotPermitted
from danchu.core.audit.models import AuditEvent
from danchu.petitions import services_intake as intake
from danchu.petitions import services_reception as reception
from danchu.petitions import services_workflow as workflow
from danchu.petitions.errors import PetitionError
from danchu.petitions.models import Case, ReceptionEntry, ReceptionSchedule
from danchu.petitions.selectors_intake import handlers_of
from tests.petitions.intake_helpers import COMPLAINANT, receive

pytestmark = pytest.mark.django_db

COMMUNE_OFFICIALS = ["chair_a", "officer_a"]
API = "/api/v1"


def agency_case(tree, personas, kind: str = "feedback") -> Case:
    """A case sent on the web to the commune's agency, classified by the agency's head."""
    case = receive(personas["resident"], tree.agency_a, kind_hint=kind)
    return intake.case_classify(actor=personas["agency_head_a"], case=case, kind=kind)


def agency_day(tree) -> ReceptionSchedule:
    today = timezone.localdate()
    return ReceptionSchedule.objects.create(
        unit=tree.agency_a,
        leader_name="Trần Văn Trưởng",
        leader_title="Trưởng trạm",
        on=today + timedelta(days=10),
        starts_at=time(8),
        ends_at=time(9),
        place="Trạm Y tế xã An Phú",
        posted_on=today,
    )


def agency_entry(tree) -> ReceptionEntry:
    today = timezone.localdate()
    return ReceptionEntry.objects.create(
        unit=tree.agency_a,
        number=1,
        year=today.year,
        received_on=today,
        full_name="Lê Văn Dân",
        address="Số 3, Thôn Một",
        content="Trạm y tế đóng cửa sớm.",
        request="Đề nghị mở cửa đúng giờ.",
    )


def case_urls(tree, case: Case) -> list[str]:
    code = tree.agency_a.code
    return [
        reverse("petitions:workflow_case", args=[case.pk]),
        reverse("petitions:intake_case", args=[case.pk]),
        reverse("petitions:workflow_queue", args=[code]),
        reverse("petitions:workflow_queue_export", args=[code, "csv"]),
        reverse("petitions:intake_desk", args=[code]),
        f"{API}/petitions/{case.pk}",
        f"{API}/units/{code}/petitions",
    ]


def reception_urls(tree, day: ReceptionSchedule, entry: ReceptionEntry) -> list[str]:
    code = tree.agency_a.code
    return [
        reverse("petitions:reception_manage", args=[code]),
        reverse("petitions:reception_day_new", args=[code]),
        reverse("petitions:reception_logbook", args=[code]),
        reverse("petitions:reception_entry_new", args=[code]),
        reverse("petitions:reception_day", args=[day.pk]),
        reverse("petitions:reception_day_postpone", args=[day.pk]),
        reverse("petitions:reception_entry", args=[entry.pk]),
    ]


def _get(client, url: str):
    response = client.get(url)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return response


# --- seeing -------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", COMMUNE_OFFICIALS)
def test_commune_officials_get_404_for_the_agency_cases(client, tree, personas, persona):
    case = agency_case(tree, personas)
    client.force_login(personas[persona])
    for url in case_urls(tree, case):
        assert _get(client, url).status_code == 404, url


def test_the_agency_head_opens_the_agency_cases(client, tree, personas):
    case = agency_case(tree, personas)
    client.force_login(personas["agency_head_a"])
    for url in case_urls(tree, case):
        assert _get(client, url).status_code == 200, url
    listed = client.get(f"{API}/units/{tree.agency_a.code}/petitions").json()
    assert case.tracking_code in str(listed)


@pytest.mark.parametrize("persona", COMMUNE_OFFICIALS)
def test_the_unit_page_offers_the_commune_no_agency_queue(client, tree, personas, persona):
    queue = reverse("petitions:workflow_queue", args=[tree.agency_a.code])
    statistics = reverse("petitions:workflow_statistics", args=[tree.agency_a.code])
    client.force_login(personas[persona])
    page = client.get(f"/units/{tree.agency_a.code}/")
    assert page.status_code == 200
    content = page.content.decode()
    assert queue not in content
    assert statistics in content
    client.force_login(personas["agency_head_a"])
    assert queue in client.get(f"/units/{tree.agency_a.code}/").content.decode()


# --- handling -----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", COMMUNE_OFFICIALS)
def test_commune_officials_cannot_handle_an_agency_case(tree, personas, persona):
    actor = personas[persona]
    case = agency_case(tree, personas)
    before = Case.objects.filter(pk=case.pk).values().get()
    with pytest.raises(NotPermitted):
        workflow.petition_answer(actor=actor, case=case, answer="Xã trả lời thay.")
    with pytest.raises(NotPermitted):
        intake.case_classify(actor=actor, case=case, kind="recommendation")
    with pytest.raises(NotPermitted):
        intake.case_route(actor=actor, case=case, handler=actor)
    with pytest.raises(NotPermitted):
        intake.case_route(actor=actor, case=case, to_unit=tree.commune_a)
    with pytest.raises(NotPermitted):
        intake.case_receive(
            actor=actor,
            unit=tree.agency_a,
            channel="desk",
            subject="Trạm y tế đóng cửa sớm",
            content="Trạm y tế đóng cửa trước giờ.",
            sender=dict(COMPLAINANT),
            kind_hint="feedback",
            confirmed_by_citizen=True,
        )
    assert Case.objects.filter(pk=case.pk).values().get() == before
    assert Case.objects.filter(unit=tree.agency_a).count() == 1
    refused = AuditEvent.objects.filter(
        actor=actor, action__in=(intake.REFUSED_ACTION, workflow.REFUSED_ACTION)
    )
    assert refused.count() == 5


def test_the_agency_head_handles_the_agency_case(tree, personas):
    case = agency_case(tree, personas)
    answered = workflow.petition_answer(
        actor=personas["agency_head_a"], case=case, answer="Trạm sẽ mở cửa đúng giờ."
    )
    assert answered.status == "answered"


def test_a_commune_official_is_no_handler_of_an_agency_case(tree, personas):
    assert {u.pk for u in handlers_of(tree.agency_a)} == {personas["agency_head_a"].pk}
    assert {u.pk for u in handlers_of(tree.commune_a)} == {
        personas["chair_a"].pk,
        personas["officer_a"].pk,
    }
    case = agency_case(tree, personas)
    with pytest.raises(PetitionError):
        intake.case_route(actor=personas["agency_head_a"], case=case, handler=personas["chair_a"])
    assert Case.objects.get(pk=case.pk).handler_id is None


# --- reception ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", COMMUNE_OFFICIALS)
def test_commune_officials_cannot_manage_the_agency_reception(client, tree, personas, persona):
    actor = personas[persona]
    day, entry = agency_day(tree), agency_entry(tree)
    client.force_login(actor)
    for url in reception_urls(tree, day, entry):
        assert client.get(url).status_code == 404, url
    # The posted schedule stays public (Art. 24).
    public = reverse("petitions:reception_unit", args=[tree.agency_a.code])
    assert client.get(public).status_code == 200
    with pytest.raises(NotPermitted):
        reception.schedule_publish(
            actor=actor,
            unit=tree.agency_a,
            leader=None,
            leader_name="Nguyễn Văn Chủ",
            leader_title="Chủ tịch UBND xã",
            on=day.on + timedelta(days=7),
            starts_at=time(8),
            ends_at=time(9),
            place="Trạm Y tế xã An Phú",
            posted_on=timezone.localdate(),
        )
    with pytest.raises(NotPermitted):
        reception.schedule_postpone(
            actor=actor, schedule=day, new_day=day.on + timedelta(days=7), reason="Bận họp."
        )
    assert list(ReceptionSchedule.objects.values_list("pk", "status")) == [(day.pk, day.status)]


def test_the_agency_head_manages_the_agency_reception(client, tree, personas):
    day, entry = agency_day(tree), agency_entry(tree)
    client.force_login(personas["agency_head_a"])
    for url in reception_urls(tree, day, entry):
        assert client.get(url).status_code == 200, url
    # The commune's own reception stays the commune's.
    commune = reverse("petitions:reception_manage", args=[tree.commune_a.code])
    assert client.get(commune).status_code == 404


# --- statistics ---------------------------------------------------------------------------------


def test_the_commune_chair_still_sees_the_agency_in_statistics(client, tree, personas):
    agency_case(tree, personas)
    receive(personas["resident"], tree.commune_a)
    chair = personas["chair_a"]
    client.force_login(chair)
    agency = reverse("petitions:workflow_statistics", args=[tree.agency_a.code])
    assert client.get(agency).status_code == 200
    year = str(timezone.localdate().year)
    data = client.get(f"{API}/units/{tree.commune_a.code}/petitions/statistics", {"period": year})
    assert data.status_code == 200
    rows = data.json()
    assert [row["unit"]["code"] for row in rows["units"]] == ["90001", "90001-C01"]
    assert rows["totals"]["counts"]["received"] == 2
    own = client.get(f"{API}/units/{tree.agency_a.code}/petitions/statistics", {"period": year})
    assert own.status_code == 200
    assert own.json()["totals"]["counts"]["received"] == 1

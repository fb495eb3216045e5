"""`danchu petitions_alerts`: runs the workflow's deadline alerts and prints the counts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext

from danchu.core.notify.models import Notification
from danchu.petitions.models import Case
from tests.petitions.intake_helpers import receive

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("petitions_alerts", stdout=out)
    return out.getvalue()


def expected(near: int, overdue: int) -> str:
    return gettext(
        "%(near)s cases close to their deadline, %(overdue)s overdue cases escalated"
    ) % {"near": near, "overdue": overdue}


def test_the_command_alerts_once_and_prints_the_counts(personas, tree):
    today = timezone.localdate()
    near = receive(personas["officer_a"], tree.commune_a)
    late = receive(personas["officer_a"], tree.commune_a, subject="Khác", content="Khác hẳn.")
    Case.objects.filter(pk=near.pk).update(due_on=today, handler=personas["officer_a"])
    Case.objects.filter(pk=late.pk).update(due_on=today.replace(year=today.year - 1))

    assert expected(1, 1) in run()
    assert Notification.objects.filter(recipient=personas["chair_a"]).count() == 2
    assert Notification.objects.filter(recipient=personas["officer_a"]).count() == 1
    assert expected(0, 0) in run()  # once per case and deadline

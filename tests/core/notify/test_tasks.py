"""The daily digest is a huey periodic task at 07:00 Asia/Ho_Chi_Minh, also runnable directly."""

import io
from datetime import datetime

from django.core.management import call_command
from huey.contrib.djhuey import HUEY

from danchu.core.notify.models import Notification
from danchu.core.notify.tasks import daily_digest, local_crontab
from tests.core.notify.conftest import NEWS


def test_digest_is_scheduled_at_seven_in_the_morning_in_vietnam():
    seven_in_hanoi = datetime(2026, 3, 2, 0, 0) if HUEY.utc else datetime(2026, 3, 2, 7, 0)
    assert "notify.daily_digest" in {t.name for t in HUEY.read_periodic(seven_in_hanoi)}
    assert "notify.daily_digest" not in {
        t.name for t in HUEY.read_periodic(datetime(2026, 3, 2, 7, 1))
    }
    check = local_crontab(7, 0)
    if HUEY.utc:  # huey hands the scheduler UTC times: 07:00 in Hanoi is 00:00 UTC
        assert check(datetime(2026, 3, 2, 0, 0))
        assert not check(datetime(2026, 3, 2, 7, 0))
    else:
        assert check(datetime(2026, 3, 2, 7, 0))
    assert not check(datetime(2026, 3, 2, 0, 1))


def test_the_periodic_task_and_the_command_send_the_digest(personas, outbox):
    resident = personas["resident"]
    Notification.objects.create(recipient=resident, kind=NEWS, title="Tin", delivery="digest")
    assert daily_digest.call_local() == {"people": 1, "notifications": 1, "messages": 2}
    assert len(outbox["sms"]) == 1 and len(outbox["zalo"]) == 1
    Notification.objects.create(recipient=resident, kind=NEWS, title="Tin 2", delivery="digest")
    out = io.StringIO()
    call_command("notify_digest", stdout=out)
    assert "1 người, 1 thông báo, 2 tin nhắn" in out.getvalue()  # Vietnamese by default

"""Notification kinds for the tests, and SMS/Zalo backends that keep messages in memory."""

from __future__ import annotations

import pytest

from danchu.core.notify.backends import memory
from danchu.core.notify.domain.preferences import EMAIL, IN_APP, SMS, ZALO
from danchu.core.notify.registry import register_notification_kind

URGENT = "tests.deadline_near"
NEWS = "tests.news"
MEMORY_BACKEND = "danchu.core.notify.backends.memory.MemoryBackend"

register_notification_kind(URGENT, "Deadline near", urgent=True, default_channels=(IN_APP, SMS))
register_notification_kind(NEWS, "News", default_channels=(IN_APP, EMAIL, SMS, ZALO))


@pytest.fixture(autouse=True)
def _gateways_in_memory(settings):
    settings.DANCHU_SMS_BACKEND = MEMORY_BACKEND
    settings.DANCHU_ZALO_BACKEND = MEMORY_BACKEND
    settings.DANCHU_SITE_URL = "https://danchu.example"
    memory.outbox.clear()
    yield memory.outbox
    memory.outbox.clear()


@pytest.fixture
def outbox(_gateways_in_memory):
    return _gateways_in_memory

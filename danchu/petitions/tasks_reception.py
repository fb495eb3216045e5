"""Background work of citizen reception: the SMS that tell citizens who booked a slot without
an account that their reception day was postponed (``services_reception.schedule_postpone``
enqueues it after its transaction commits; the web request never sends a message itself)."""

from __future__ import annotations

from typing import Any

from danchu.core.jobs.taskapi import task


@task()
def send_reception_sms(messages: list[dict[str, Any]]) -> int:
    """Send ``messages`` (``OutgoingMessage`` fields: to, subject, body) on the notify app's SMS
    channel (``DANCHU_SMS_BACKEND``); a failing gateway is logged, not raised."""
    from danchu.core.notify.backends.base import OutgoingMessage
    from danchu.core.notify.channels import send_safely
    from danchu.core.notify.domain.preferences import SMS

    return send_safely(SMS, [OutgoingMessage(**message) for message in messages])

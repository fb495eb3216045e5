"""SMS and Zalo backends chosen by settings (console, file, memory) and e-mail through Django's
e-mail framework (the locmem backend in tests)."""

from __future__ import annotations

import io
import json

import pytest

from danchu.core.notify.backends.base import OutgoingMessage
from danchu.core.notify.backends.console import ConsoleBackend
from danchu.core.notify.channels import CHANNELS, Recipient, send_safely
from danchu.core.notify.services import notify_send

MESSAGES = [
    OutgoingMessage("0911000009", "Họp thôn", "Họp thôn tối nay lúc 19 giờ.", 9),
    OutgoingMessage("0911000010", "Họp thôn", "Họp thôn tối nay lúc 19 giờ.", 10),
]


@pytest.mark.parametrize("channel", ["sms", "zalo"])
def test_console_backend_is_chosen_by_settings(channel, settings, capsys):
    settings.DANCHU_SMS_BACKEND = settings.DANCHU_ZALO_BACKEND = (
        "danchu.core.notify.backends.console.ConsoleBackend"
    )
    assert CHANNELS[channel].send(MESSAGES) == 2
    out = capsys.readouterr().out
    assert f"--- {channel} to 0911000009: Họp thôn" in out and "0911000010" in out


def test_console_backend_writes_to_a_given_stream():
    stream = io.StringIO()
    assert ConsoleBackend(channel="sms", stream=stream).send_messages(MESSAGES[:1]) == 1
    assert "Họp thôn tối nay" in stream.getvalue()


@pytest.mark.parametrize("channel", ["sms", "zalo"])
def test_file_backend_writes_one_json_line_per_message(channel, settings, tmp_path):
    settings.DANCHU_SMS_BACKEND = settings.DANCHU_ZALO_BACKEND = (
        "danchu.core.notify.backends.files.FileBackend"
    )
    settings.DANCHU_NOTIFY_OUTBOX_DIR = str(tmp_path / "outbox")
    assert CHANNELS[channel].send(MESSAGES) == 2
    files = list((tmp_path / "outbox" / channel).glob("*.jsonl"))
    assert len(files) == 1
    lines = [json.loads(line) for line in files[0].read_text(encoding="utf-8").splitlines()]
    assert [(x["channel"], x["to"], x["user_id"]) for x in lines] == [
        (channel, "0911000009", 9),
        (channel, "0911000010", 10),
    ]
    assert lines[0]["body"] == "Họp thôn tối nay lúc 19 giờ."


def test_file_backend_defaults_to_the_var_outbox(settings, tmp_path):
    settings.DANCHU_SMS_BACKEND = "danchu.core.notify.backends.files.FileBackend"
    settings.DANCHU_NOTIFY_OUTBOX_DIR = None
    settings.VAR_DIR = tmp_path
    CHANNELS["sms"].send(MESSAGES[:1])
    assert len(list((tmp_path / "outbox" / "sms").glob("*.jsonl"))) == 1


def test_email_goes_through_djangos_email_backend(mailoutbox, settings):
    settings.DANCHU_NOTIFY_FROM_EMAIL = "thongbao@danchu.example"
    message = OutgoingMessage("dan@example.vn", "Thông báo\nmới", "Nội dung", 1)
    assert CHANNELS["email"].send([message]) == 1
    assert mailoutbox[0].to == ["dan@example.vn"]
    assert mailoutbox[0].subject == "Thông báo mới"  # no header injection
    assert mailoutbox[0].from_email == "thongbao@danchu.example"


def test_addresses_per_channel():
    person = Recipient(7, "a@b.vn", "0911000007")
    assert CHANNELS["email"].address(person) == "a@b.vn"
    assert CHANNELS["sms"].address(person) == CHANNELS["zalo"].address(person) == "0911000007"
    assert CHANNELS["email"].address(Recipient(8, None, "0911000008")) is None


def test_a_failing_gateway_is_logged_and_does_not_raise(settings, caplog):
    settings.DANCHU_SMS_BACKEND = "tests.core.notify.test_backends.BrokenGateway"
    assert send_safely("sms", MESSAGES) == 0
    assert "failed" in caplog.text


class BrokenGateway:
    def __init__(self, *, channel: str) -> None:
        pass

    def send_messages(self, messages):
        raise ConnectionError("gateway down")


def test_real_gateway_is_a_settings_change(settings, personas, django_capture_on_commit_callbacks):
    settings.DANCHU_SMS_BACKEND = "tests.core.notify.test_backends.RecordingGateway"
    RecordingGateway.sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notify_send(
            actor=None, kind="tests.deadline_near", recipients=[personas["resident"]], title="Hạn"
        )
    assert [(c, m.to) for c, m in RecordingGateway.sent] == [("sms", "0911000009")]


class RecordingGateway:
    sent: list = []

    def __init__(self, *, channel: str) -> None:
        self.channel = channel

    def send_messages(self, messages):
        self.sent.extend((self.channel, m) for m in messages)
        return len(messages)

"""Helpers for the information-request tests."""

from __future__ import annotations

from dataclasses import replace

import pytest

from danchu.disclosure.services_requests import RequestInput, request_receive

VALID = RequestInput(
    full_name="Nguyễn Thị Hà",
    address="Số 7, Thôn Một, xã An Phú",
    id_number="001090012345",
    contact="0912 345 678",
    information="Dự toán ngân sách xã năm 2026 và quyết định phân bổ",
    purpose="Giám sát ngân sách đầu tư công",
    delivery_form="email",
)


def request_input(**changes) -> RequestInput:
    return replace(VALID, **changes)


@pytest.fixture
def receive():
    """Log a request as an official (default) or as a resident online."""

    def _receive(actor, unit, *, online=False, **kwargs):
        data = kwargs.pop("data", VALID)
        if online:
            return request_receive(actor=actor, unit=unit, data=data, **kwargs)
        kwargs.setdefault("channel", "post")
        return request_receive(
            actor=actor, unit=unit, data=data, entered_by_official=True, **kwargs
        )

    return _receive

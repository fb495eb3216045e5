"""The compliance endpoint, mounted on a throwaway API by ninja's TestClient."""

from __future__ import annotations

from datetime import date

import pytest
from ninja.testing import TestClient

from danchu.disclosure.api_compliance import router
from tests.disclosure.compliance.conftest import make_publication

URL = "/disclosure/compliance/{code}?period=2026-Q2"


@pytest.fixture
def api():
    return TestClient(router)


@pytest.fixture
def late(tree):
    return make_publication(
        tree.commune_a, "commune.02", decision=date(2026, 4, 29), published=date(2026, 5, 11)
    )


@pytest.mark.parametrize(
    ("who", "code", "status"),
    [
        ("officer_a", "90001", 200),
        ("province_officer", "90001", 200),
        ("officer_b", "90001", 404),
        ("village_head_a1", "90001", 404),
        ("resident", "90001", 404),
        (None, "90001", 401),
    ],
)
def test_permission_matrix(api, personas, late, who, code, status):
    params = {"user": personas[who]} if who else {}
    assert api.get(URL.format(code=code), **params).status_code == status


def test_figures(api, personas, late):
    body = api.get(URL.format(code="90001"), user=personas["officer_a"]).json()
    assert body["counts"]["late"] == 1
    assert body["late"] == [{"reference": late.reference, "working_days_late": 1}]


def test_rollup(api, personas, late):
    response = api.get(URL.format(code="90") + "&rollup=true", user=personas["province_officer"])
    body = response.json()
    assert body["totals"]["counts"]["late"] == 1
    assert [row["unit"]["code"] for row in body["units"]] == ["90", "90001", "90001-C01", "90002"]


def test_bad_period(api, personas):
    response = api.get("/disclosure/compliance/90001?period=2026-Q9", user=personas["officer_a"])
    assert response.status_code == 422

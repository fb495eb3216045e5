from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danchu.core.documents.samples import sample_report_data
from danchu.core.documents.services import document_generate
from danchu.core.documents.standard_types import REPORT


def _generate(actor, unit, formats=("pdf", "docx")):
    return document_generate(
        actor=actor, doc_type=REPORT, unit=unit, data=sample_report_data(), formats=formats
    )


@pytest.fixture
def report(personas, tree):
    return _generate(personas["officer_a"], tree.commune_a)


def _urls(document):
    return [
        reverse("documents:detail", args=[document.pk]),
        reverse("documents:download", args=[document.pk, "pdf"]),
        reverse("documents:download", args=[document.pk, "docx"]),
        reverse("documents:print", args=[document.pk]),
    ]


def test_detail_page_shows_metadata_and_downloads(login, personas, report):
    response = login(personas["chair_a"]).get(reverse("documents:detail", args=[report.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "12/BC-UBND" in page
    for stored in report.files.all():
        assert stored.sha256 in page
    assert reverse("documents:download", args=[report.pk, "pdf"]) in page
    assert reverse("documents:print", args=[report.pk]) in page


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_download_returns_the_stored_bytes(login, personas, report, fmt):
    response = login(personas["officer_a"]).get(
        reverse("documents:download", args=[report.pk, fmt])
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    stored = report.files.get(format=fmt)
    assert body == stored.file.open("rb").read()
    assert f'filename="bao-cao-12-bc-ubnd.{fmt}"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")


def test_printable_html_view(login, personas, report):
    response = login(personas["front_a"]).get(reverse("documents:print", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    page = response.content.decode()
    assert "@page" in page and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page


def test_officer_of_another_commune_gets_404_everywhere(login, personas, report):
    client = login(personas["officer_b"])
    for url in _urls(report):
        assert client.get(url).status_code == 404, url


def test_missing_document_is_the_same_404(login, personas, report):
    client = login(personas["officer_a"])
    assert client.get(reverse("documents:detail", args=[report.pk + 1000])).status_code == 404
    assert client.get(reverse("documents:download", args=[report.pk, "odt"])).status_code == 404


def test_anonymous_is_sent_to_login(client, report):
    for url in _urls(report):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("access:login") in response["Location"]


def test_tampered_file_is_not_served(login, personas, report):
    stored = report.files.get(format="pdf")
    name = stored.file.name
    default_storage.delete(name)
    assert default_storage.save(name, ContentFile(b"%PDF-forged")) == name
    response = login(personas["officer_a"]).get(
        reverse("documents:download", args=[report.pk, "pdf"])
    )
    assert response.status_code == 500


def test_unit_list_is_scoped_and_paginated_without_query_per_row(login, personas, tree, settings):
    settings.DANCHU_PAGE_SIZE = 10
    officer = personas["officer_a"]
    _generate(officer, tree.commune_a, formats=())
    _generate(personas["officer_b"], tree.commune_b, formats=())
    client = login(officer)
    url = reverse("documents:unit_documents", args=[tree.commune_a.code])
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("12/BC-UBND") == 1
    for _ in range(3):
        _generate(officer, tree.commune_a, formats=())
    with CaptureQueriesContext(connection) as four:
        response = client.get(url)
    assert response.content.decode().count("12/BC-UBND") == 4
    assert len(four) == len(one)
    assert (
        client.get(reverse("documents:unit_documents", args=[tree.commune_b.code])).status_code
        == 404
    )

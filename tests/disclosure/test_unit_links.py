"""The disclosure pillar adds its links to unit pages through the core's link registry."""

from __future__ import annotations


def test_anyone_sees_how_to_request_information(client, tree):
    body = client.get("/units/90001/").content.decode()
    assert "/units/90001/information-requests/new/" in body
    assert '/information-requests/"' not in body  # the officials' list is not offered
    enterprise_free = client.get("/units/90001-001/").content.decode()
    assert "information-requests/new/" not in enterprise_free  # not on a village


def test_officials_get_their_links_and_others_do_not(client, personas, tree):
    client.force_login(personas["officer_a"])
    body = client.get("/units/90001/").content.decode()
    assert 'href="/units/90001/information-requests/"' in body
    assert "/units/90001/disclosure/compliance/" in body
    client.force_login(personas["officer_b"])
    body = client.get("/units/90001/").content.decode()
    assert 'href="/units/90001/information-requests/"' not in body
    assert "/disclosure/compliance/" not in body

"""Links carried by a notification must stay on this site: a path, never another host or a
``javascript:`` URL, so that a notification cannot be turned into an open redirect."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_link(url: str | None) -> str:
    """``url`` if it is a local absolute path, else the empty string."""
    url = (url or "").strip()
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return ""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return ""
    return url[:500]


def absolute(url: str, site_url: str) -> str:
    """The link as a full address for e-mail, SMS and Zalo, when the site's address is known."""
    if not url:
        return ""
    return f"{site_url.rstrip('/')}{url}" if site_url else url

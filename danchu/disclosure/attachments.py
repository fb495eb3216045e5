"""Validating attachments of publications by their content, never by their name.

Accepted: PDF, PNG, JPEG and XLSX (Law 10/2022 Art. 12 does not name formats; these are the
formats communes publish budgets, plans and lists in). The type is read from the file's first
bytes (its "magic number"); an XLSX file is a zip archive that must hold the ``xl/`` parts of
a spreadsheet. The size limit is ``DANCHU_DISCLOSURE_MAX_ATTACHMENT_BYTES`` (default 10 MB).
Nothing here touches storage: the service writes only what this module accepted.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", XLSX: "xlsx"}


class AttachmentRefused(ValueError):
    """A file the publication cannot carry; the message is for the person."""


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes
    content_type: str
    size: int
    sha256: str


def max_bytes() -> int:
    return int(getattr(settings, "DANCHU_DISCLOSURE_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_BYTES))


def _is_xlsx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)


def sniff_type(content: bytes) -> str | None:
    """The MIME type the bytes really are, among the accepted ones; None otherwise."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04") and _is_xlsx(content):
        return XLSX
    return None


def _claimed_type(name: str) -> str | None:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {"pdf": PDF, "png": PNG, "jpg": JPEG, "jpeg": JPEG, "xlsx": XLSX}.get(extension)


def _read(upload: Any, limit: int) -> bytes:
    if hasattr(upload, "seek"):
        upload.seek(0)
    if hasattr(upload, "chunks"):
        data = bytearray()
        for chunk in upload.chunks():
            data += chunk
            if len(data) > limit:
                break
        return bytes(data)
    return bytes(upload.read(limit + 1))


def safe_name(name: str) -> str:
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return "".join(c for c in base if c.isprintable())[:200] or "tep"


def check_upload(upload: Any, name: str | None = None) -> CheckedFile:
    """Read ``upload`` (a Django UploadedFile or a file object) and return it checked.

    Raises AttachmentRefused when it is empty, larger than the limit, not one of the accepted
    types by its content, or named as another type than its content (a ``.pdf`` holding a
    PNG is refused, not renamed)."""
    limit = max_bytes()
    filename = safe_name(name or getattr(upload, "name", "") or "")
    declared = getattr(upload, "size", None)
    if declared is not None and declared > limit:
        raise AttachmentRefused(_too_large(limit))
    content = _read(upload, limit)
    if len(content) > limit:
        raise AttachmentRefused(_too_large(limit))
    if not content:
        raise AttachmentRefused(_("The file is empty."))
    detected = sniff_type(content)
    if detected is None:
        raise AttachmentRefused(
            _("Only PDF, PNG, JPEG and XLSX files can be attached (checked by their content).")
        )
    claimed = _claimed_type(filename)
    if claimed is not None and claimed != detected:
        raise AttachmentRefused(
            _("The file %(name)s is not what its name says: its content is %(kind)s.")
            % {"name": filename, "kind": EXTENSIONS[detected].upper()}
        )
    if claimed is None:
        filename = f"{filename}.{EXTENSIONS[detected]}"
    return CheckedFile(
        name=filename,
        content=content,
        content_type=detected,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


def _too_large(limit: int) -> str:
    return _("The file is larger than %(size)s MB.") % {"size": f"{limit / 1024 / 1024:g}"}

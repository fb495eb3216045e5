"""Downloading a case's attachments (the scanned letter, evidence) from the officials' case page.

``GET petitions/cases/<pk>/attachments/<attachment_pk>/`` fetches the case through
``access_workflow.access_case_by_id`` (``petitions.handle`` over its unit; a 404 for another
unit's case), then the attachment of that case (a 404 for any other). A confidential attachment
— the original letter and annexes of a denunciation — opens for the case's assigned handler
only; anyone else, the unit's chair and the verifiers included, gets the same 404 as for a file
that does not exist (Law on Denunciations 25/2018/QH14 Art. 56: the originals are managed as
confidential and the identity is stripped before anything is handed to verifiers). Every
download of a confidential file is audited (``petitions.confidential_attachment_opened``) with
the case's tracking code and the file's hash, never its name or content.

The file is sent as a download, with the content type checked on upload, ``nosniff`` and
``Cache-Control: private, no-store`` (no shared or browser cache keeps a copy).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_GET

from danchu.core.access.errors import not_found
from danchu.core.audit.services import audit_record
from danchu.disclosure.attachments import EXTENSIONS
from danchu.petitions.access_workflow import access_case_by_id
from danchu.petitions.models import Attachment, Case

ATTACHMENT_OPENED = "petitions.confidential_attachment_opened"


def may_open(actor: Any, case: Case, attachment: Attachment) -> bool:
    """Whether ``actor`` (already allowed to handle ``case``) may open ``attachment``: a
    confidential one only if they are the case's assigned handler (Art. 56)."""
    if not attachment.confidential:
        return True
    actor_id = getattr(actor, "pk", None)
    return case.handler_id is not None and case.handler_id == actor_id


def download_name(attachment: Attachment) -> str:
    """The file name offered to the browser, with the extension of its checked content type
    (a confidential file's stored name is a neutral ``thu-<hash>`` without one)."""
    name = attachment.original_name or str(attachment.pk)
    extension = EXTENSIONS.get(attachment.content_type)
    if extension and not name.lower().endswith(f".{extension}"):
        name = f"{name}.{extension}"
    return name


@login_required
@require_GET
def workflow_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    case = access_case_by_id(request.user, pk)
    attachment = Attachment.objects.filter(pk=attachment_pk, case=case).first()
    if attachment is None or not may_open(request.user, case, attachment):
        raise not_found()
    handle = attachment.file.open("rb")
    if attachment.confidential:
        try:
            with transaction.atomic():
                audit_record(
                    actor=request.user,
                    action=ATTACHMENT_OPENED,
                    target=case,
                    unit=case.unit,
                    data={
                        "tracking_code": case.tracking_code,
                        "attachment": attachment.pk,
                        "sha256": attachment.sha256,
                    },
                )
        except BaseException:
            handle.close()
            raise
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(attachment),
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

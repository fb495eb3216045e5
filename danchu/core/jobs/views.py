"""A job's page: progress (polled with HTMX, or reloaded by hand), download, retry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danchu.core.jobs.access import access_job_by_id
from danchu.core.jobs.models import JobStatus
from danchu.core.jobs.registry import JobError, job_kind
from danchu.core.jobs.services import job_retry


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_job_by_id(request.user, pk)
    context = {"job": job, "label": job_kind(job.kind).label}
    if request.htmx:
        return render(request, "jobs/_status.html", context)
    return render(request, "jobs/job_detail.html", context)


@login_required
@require_GET
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = access_job_by_id(request.user, pk)
    if job.status != JobStatus.SUCCEEDED or not job.result_file:
        raise Http404
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=job.result_name)


@login_required
@require_POST
def job_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_job_by_id(request.user, pk)
    try:
        job_retry(actor=request.user, job=job)
    except JobError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The job was started again."))
    return redirect("jobs:detail", pk=job.pk)

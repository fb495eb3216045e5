"""The one way a page submits a form to a service: validate the shape, call the service, show
its refusal on the form (keeping what was typed), or confirm and redirect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse

T = TypeVar("T")


def submit_to_service(
    request: HttpRequest,
    form: forms.Form,
    run: Callable[[dict[str, Any]], T],
    *,
    refusals: tuple[type[Exception], ...],
    success: Callable[[T], tuple[str, HttpResponse]],
) -> HttpResponse | None:
    """Return the redirect after a successful POST, or None to render the form again.

    ``run`` receives the cleaned data and calls the service; an exception in ``refusals`` is
    shown as a form error. ``success`` returns the confirmation message and the redirect.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = run(form.cleaned_data)
    except refusals as exc:
        form.add_error(None, str(exc))
        return None
    message, response = success(result)
    messages.success(request, message)
    return response

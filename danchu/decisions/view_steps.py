"""What the decisions pages share: a village reached by its code, and the steps posted from a
page — a small form, or a button with no form — that call one service and come back to the page
with its answer as a message.

A page that shows its form again with the service's refusal uses
``danchu.common.form_flow.submit_to_service`` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from danchu.core.access.errors import not_found
from danchu.core.units.access import access_unit_by_code
from danchu.core.units.models import Unit
from danchu.decisions.services import DecisionError

REFUSALS = (DecisionError,)

# The confirmation: a text, a function of the service's result, or None for no message.
Done = str | Callable[[Any], str] | None


def access_village_by_code(request: HttpRequest, code: str, permission: str) -> Unit:
    """The village ``code`` if the user holds ``permission`` over it; a 404 otherwise, and for
    a unit that is not a village."""
    village = access_unit_by_code(request.user, code, permission=permission)
    if not village.is_village:
        raise not_found()
    return village


def matter_page(pk: int) -> HttpResponse:
    """Back to the matter's page, where its panels' steps are posted from."""
    return redirect("decisions:matter_detail", pk=pk)


def form_errors(form: forms.Form) -> str:
    """Every error of the form, in one line."""
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def post_button(
    request: HttpRequest, run: Callable[[], Any], *, done: Done, back: HttpResponse
) -> HttpResponse:
    """Run a step that takes no input; show the service's refusal, or ``done``; return
    ``back``."""
    try:
        result = run()
    except REFUSALS as exc:
        messages.error(request, str(exc))
    else:
        if done is not None:
            messages.success(request, done(result) if callable(done) else done)
    return back


def post_step(
    request: HttpRequest,
    form: forms.Form,
    run: Callable[[dict[str, Any]], Any],
    *,
    done: Done,
    back: HttpResponse,
    invalid: Callable[[forms.Form], str] = form_errors,
) -> HttpResponse:
    """Validate a form posted from a page and run the service with its cleaned data; show the
    form's errors (``invalid``), the service's refusal, or ``done``; return ``back``."""
    if not form.is_valid():
        messages.error(request, invalid(form))
        return back
    return post_button(request, lambda: run(form.cleaned_data), done=done, back=back)

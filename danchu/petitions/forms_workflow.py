"""Forms of the workflow pages: the queue's filters and one form per step. They check the
shape of the input only; the services check the law."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danchu.core.units.models import Unit
from danchu.petitions.domain import workflow as wf
from danchu.petitions.models import CaseChannel, CaseKind
from danchu.petitions.selectors_workflow import MINE, UNASSIGNED
from danchu.petitions.services_workflow import CONTINUE_GROUNDS, REFUSAL_GROUNDS

STATUS_LABELS = {
    wf.RECEIVED: _("Received"),
    wf.ACCEPTED: _("Accepted"),
    wf.NOT_ACCEPTED: _("Not accepted"),
    wf.TRANSFERRED: _("Transferred"),
    wf.RESOLVED: _("Resolved"),
    wf.WITHDRAWN: _("Withdrawn"),
    wf.CONCLUDED: _("Concluded"),
    wf.PUBLISHED: _("Conclusion published"),
    wf.ANSWERED: _("Answered"),
    wf.CHECKED: _("Checked"),
    wf.CLOSED: _("Closed"),
    "merged": _("Merged into another case"),
    "split": _("Split into separate cases"),
}


# What each step on a case's timeline reads as (CaseEvent.action).
STEP_LABELS = {
    "received": _("Received"),
    "confirmed_by_citizen": _("Confirmed by the citizen"),
    "classified": _("Classified"),
    "assigned": _("Handler assigned"),
    "split": _("Split into separate cases"),
    "split_from": _("Split from a letter"),
    "merged": _("Merged into another case"),
    "merged_in": _("A duplicate merged in"),
    "transferred": _("Transferred"),
    "received_by_transfer": _("Received by transfer"),
    "rated": _("Rated by the sender"),
    "terms": _("Time-limit circumstances set"),
    "notify_accused": _("The person denounced notified"),
    "report_requested": _("The superior asked for a report"),
    "overdue_report": _("Report on the delay sent"),
    wf.ACCEPT: _("Accepted"),
    wf.REFUSE: _("Not accepted"),
    wf.TRANSFER: _("Transferred"),
    wf.DIALOGUE: _("Dialogue"),
    wf.RESOLVE: _("Resolved"),
    wf.WITHDRAW: _("Withdrawn"),
    wf.WITHDRAW_CONTINUE: _("Withdrawn, processing continues"),
    wf.EXTEND: _("Extended"),
    wf.CONCLUDE: _("Concluded"),
    wf.PUBLISH: _("Conclusion published"),
    wf.ANSWER: _("Answered"),
    wf.CHECK: _("Checked"),
    wf.CLOSE: _("Closed"),
}


def status_labels() -> dict[str, str]:
    return {key: str(label) for key, label in STATUS_LABELS.items()}


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("All")), *choices]


class QueueFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_blank(CaseKind.choices))
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_blank(list(STATUS_LABELS.items()))
    )
    channel = forms.ChoiceField(
        label=pgettext_lazy("petitions", "Channel"),
        required=False,
        choices=_blank(CaseChannel.choices),
    )
    handler = forms.ChoiceField(label=_("Handler"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: Any, handlers: list[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [
            ("", _("All")),
            (MINE, _("Mine")),
            (UNASSIGNED, _("Not assigned")),
            *((str(pk), name) for pk, name in handlers),
        ]

    def filters(self) -> dict[str, Any]:
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "status": data["status"],
            "channel": data["channel"],
            "handler": data["handler"],
            "overdue": data["overdue"],
        }


class DateForm(forms.Form):
    on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today."),
    )


class AcceptForm(DateForm):
    pass


class RefuseForm(DateForm):
    grounds = forms.MultipleChoiceField(
        label=_("Grounds in the law"), widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(label=_("Reasons in writing"), widget=forms.Textarea)

    def __init__(self, *args: Any, machine: str = "complaint", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        table = REFUSAL_GROUNDS.get(machine, {})
        self.fields["grounds"].choices = [(code, label) for code, (label, _text) in table.items()]


class TransferForm(DateForm):
    to_unit = forms.CharField(label=_("Code of the competent unit"), max_length=32)
    reason = forms.CharField(label=_("Why it is transferred"), widget=forms.Textarea)

    def clean_to_unit(self) -> Unit | None:
        code = self.cleaned_data["to_unit"].strip()
        unit = Unit.objects.filter(code=code, valid_to__isnull=True).first()
        if unit is None:
            raise forms.ValidationError(_("No current unit has this code."))
        return unit


class DialogueForm(DateForm):
    participants = forms.CharField(label=_("Participants"), widget=forms.Textarea)
    opinions = forms.CharField(label=_("Each participant's opinion"), widget=forms.Textarea)
    result = forms.CharField(label=_("Result"), widget=forms.Textarea, required=False)


class ResolveForm(DateForm):
    decision = forms.CharField(label=_("Content of the decision"), widget=forms.Textarea)
    sent_on = forms.DateField(
        label=_("Sent to the parties on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class WithdrawForm(DateForm):
    signed = forms.BooleanField(label=_("Written withdrawal, signed or fingerprinted"))
    reason = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)
    continue_ground = forms.ChoiceField(
        label=_("Processing continues because (denunciations only)"),
        required=False,
        choices=[("", "—"), *((code, label) for code, (label, _text) in CONTINUE_GROUNDS.items())],
    )


class ExtendForm(DateForm):
    reason = forms.CharField(label=_("Written reason for the extension"), widget=forms.Textarea)


class ConcludeForm(DateForm):
    conclusion = forms.CharField(label=_("Conclusion"), widget=forms.Textarea)


class PublishForm(DateForm):
    place = forms.CharField(label=_("Where and how it was published"), max_length=255)


class AnswerForm(DateForm):
    answer = forms.CharField(label=_("Written answer"), widget=forms.Textarea)


class CheckForm(DateForm):
    result = forms.CharField(label=_("Result of the check"), widget=forms.Textarea)


class CloseForm(DateForm):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)


class StatisticsForm(forms.Form):
    period = forms.RegexField(
        label=pgettext_lazy("petitions", "Period"),
        regex=r"^\d{4}(-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?$",
        required=False,
        help_text=_("A year (2026), a half (2026-H1), a quarter (2026-Q2) or a month (2026-05)."),
    )


class DenunciationAcceptForm(DateForm):
    accused_summary = forms.CharField(
        label=_("Summary of the denounced content for the person denounced"),
        widget=forms.Textarea,
        help_text=_(
            "Written by you, not copied from the letter: it is sent to the person denounced "
            "and must not reveal who denounced."
        ),
    )


class ComplaintTermsForm(forms.Form):
    instance = forms.TypedChoiceField(
        label=_("Complaint"),
        coerce=int,
        choices=[(1, _("First complaint")), (2, _("Second complaint (Art. 33)"))],
    )
    complex = forms.BooleanField(label=_("Complex case (Arts 28, 37)"), required=False)
    remote = forms.BooleanField(
        label=_("Remote or hard-to-reach area (Arts 28, 37)"), required=False
    )
    first_known_on = forms.DateField(
        label=_("First decision received, or first-instance limit lapsed, on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For a second complaint: the 30 days (45 in a remote area) count from it."),
    )
    earlier_code = forms.CharField(
        label=_("Tracking code of the first-instance case (if on this platform)"),
        required=False,
        max_length=16,
    )


class DenunciationTermsForm(forms.Form):
    multi_location = forms.BooleanField(
        label=_("Verified at several places or by delegation (10 working days, Art. 24(1))"),
        required=False,
    )


class AccusedForm(forms.Form):
    full_name = forms.CharField(
        label=_("Person or body complained about or denounced"), max_length=150
    )
    address = forms.CharField(label=_("Address or workplace"), max_length=255, required=False)


class OverdueReportForm(forms.Form):
    report = forms.CharField(
        label=_("Report to the superior: the state of the case and why it is late"),
        widget=forms.Textarea,
    )

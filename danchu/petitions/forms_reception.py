"""Forms for citizen reception: they check the shape of the input; the services check the
rules (Law on Citizen Reception Arts 9, 18, 24, 25, 29)."""

from __future__ import annotations

from datetime import time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danchu.petitions.domain import reception as rules

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
KIND_HINTS = (
    ("", _("Not sure yet (classified later)")),
    ("feedback", _("Feedback")),
    ("recommendation", _("Recommendation")),
    ("complaint", _("Complaint")),
    ("denunciation", _("Denunciation")),
)


def _date(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


def _time(label, **kwargs) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        input_formats=TIME_INPUT_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        **kwargs,
    )


class ScheduleForm(forms.Form):
    """A leader's reception day, posted at least 5 working days ahead (Art. 24(4))."""

    leader_name = forms.CharField(label=_("Leader"), max_length=150)
    leader_title = forms.CharField(
        label=_("Position"), max_length=150, help_text=_("For example: Chủ tịch UBND xã.")
    )
    on = _date(_("Reception day"))
    starts_at = _time(pgettext_lazy("petitions", "From"), initial=time(7, 30))
    ends_at = _time(pgettext_lazy("petitions", "To"), initial=time(11, 30))
    place = forms.CharField(label=_("Place"), max_length=255)
    posted_on = _date(_("Posted on"), help_text=_("The day the schedule is posted."))
    slot_minutes = forms.IntegerField(
        label=_("Minutes per slot"), min_value=5, max_value=240, initial=20
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["posted_on"].initial = timezone.localdate()


class PostponeForm(forms.Form):
    new_day = _date(_("New reception day"))
    reason = forms.CharField(
        label=_("Reason for postponing"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BookingForm(forms.Form):
    """Book a slot of a leader's reception day; anyone may."""

    starts_at = forms.TypedChoiceField(label=_("Slot"), choices=(), coerce=str)
    full_name = forms.CharField(
        label=_("Your full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    topic = forms.CharField(
        label=_("What do you want to raise?"),
        max_length=500,
        help_text=_("In a few words; you will explain it in person."),
    )

    def __init__(self, *args, slots: list[time] = (), **kwargs) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].choices = [
            (slot.strftime("%H:%M"), slot.strftime("%H:%M")) for slot in slots
        ]

    def slot(self) -> time:
        hours, minutes = self.cleaned_data["starts_at"].split(":")
        return time(int(hours), int(minutes))


class EntryForm(forms.Form):
    """One line of the logbook (Art. 25(2))."""

    received_on = _date(_("Date"))
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_(
            "For a group of 5 people or more: the names of its representatives, separated by "
            "semicolons (Art. 29)."
        ),
    )
    address = forms.CharField(label=_("Address"), max_length=255)
    id_number = forms.CharField(label=_("Identity number"), max_length=20, required=False)
    people = forms.IntegerField(label=_("People"), min_value=1, max_value=10000, initial=1)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 4}))
    prior_handling = forms.CharField(
        label=_("Handled earlier by"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Which body already received or handled the matter, and how."),
    )
    request = forms.CharField(label=_("Request"), widget=forms.Textarea(attrs={"rows": 3}))
    handling = forms.CharField(
        label=_("How it was received and handled"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    schedule = forms.TypedChoiceField(
        label=_("Reception day"), required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(self, *args, schedules=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["schedule"].choices = [("", _("None (ordinary reception)"))] + [
            (s.pk, f"{s.on.strftime('%d/%m/%Y')} — {s.leader_name}") for s in schedules
        ]


class AnswerForm(forms.Form):
    leader_answer = forms.CharField(
        label=_("Leader's answer or instruction"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The answer given, or the instruction and when the citizen will be answered."),
    )


class RefuseForm(forms.Form):
    ground = forms.ChoiceField(
        label=_("Ground for refusal (Art. 9)"), choices=rules.refusal_choices()
    )


class ConvertForm(forms.Form):
    kind_hint = forms.ChoiceField(label=_("It looks like"), choices=KIND_HINTS, required=False)


class ScheduleDocumentForm(forms.Form):
    start = _date(pgettext_lazy("petitions", "First day"))
    end = _date(pgettext_lazy("petitions", "Last day"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end comes before the start."))
        return data

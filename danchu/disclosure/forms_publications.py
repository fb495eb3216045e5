"""Forms of the publication pages: they check the shape of what was typed; the services
apply the rules. Every label and message is an English msgid translated to Vietnamese."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danchu.disclosure.domain.channels import Channel

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _TextFields(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label=_("Content"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Simple formatting is kept (paragraphs, bold, lists, tables, links)."),
    )


class PublicationForm(_TextFields):
    item = forms.ModelChoiceField(label=_("Catalogue item"), queryset=None)
    decision_ref = forms.CharField(
        label=_("Decision published (number and symbol)"), max_length=120, required=False
    )
    decision_date = forms.DateField(label=_("Date of the decision"), widget=DATE)
    attachment = forms.FileField(label=_("Attachment (PDF, PNG, JPEG or XLSX)"), required=False)

    field_order = ["item", "title", "summary", "body", "decision_ref", "decision_date"]

    def __init__(self, *args, items=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items


class PublicationEditForm(_TextFields):
    decision_ref = forms.CharField(
        label=_("Decision published (number and symbol)"), max_length=120, required=False
    )
    decision_date = forms.DateField(label=_("Date of the decision"), widget=DATE)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Attachment (PDF, PNG, JPEG or XLSX)"))


class PublishForm(forms.Form):
    notify_households = forms.BooleanField(
        label=_("Also notify every household in the unit"), required=False
    )


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Publish at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class CorrectionForm(_TextFields):
    reason = forms.CharField(label=_("Reason for the correction"), max_length=255)
    attachment = forms.FileField(label=_("New attachment (PDF, PNG, JPEG or XLSX)"), required=False)
    keep_attachments = forms.BooleanField(
        label=_("Keep the attachments of the previous version"), required=False, initial=True
    )


class ChannelForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    place = forms.ModelChoiceField(
        label=_("Place"), queryset=None, required=False, help_text=_("For posting: where.")
    )
    started_on = forms.DateField(label=_("From"), widget=DATE)
    ended_on = forms.DateField(
        label=_("Until"),
        widget=DATE,
        required=False,
        help_text=_("Empty: until the end of the minimum posting period."),
    )
    posted_by = forms.CharField(label=_("Posted by"), max_length=150, required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, places=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places


class BroadcastForm(forms.Form):
    broadcast_on = forms.DateField(label=_("Broadcast on"), widget=DATE)
    read_by = forms.CharField(label=_("Read by"), max_length=150, required=False)


class RelayForm(forms.Form):
    village = forms.ModelChoiceField(label=_("Village"), queryset=None)
    method = forms.CharField(
        label=_("How"),
        max_length=120,
        help_text=_("Village meeting, notice to each household, Zalo group, …"),
    )
    relayed_on = forms.DateField(label=_("Relayed on"), widget=DATE)

    def __init__(self, *args, villages=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages

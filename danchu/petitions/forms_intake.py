"""Forms of the intake step: they check the shape of the input; the services check the law."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danchu.petitions.domain.intake import INADMISSIBLE_REASONS
from danchu.petitions.models.cases import CaseChannel

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
HINT_CHOICES = [
    ("feedback", _("Feedback: tell the authority about a problem")),
    ("recommendation", _("Recommendation: propose how to do better")),
    ("complaint", _("Complaint: a decision or act about you is wrong")),
    ("denunciation", _("Denunciation: someone broke the law (your name stays sealed)")),
]
CLASS_CHOICES = [
    ("feedback", _("Feedback")),
    ("recommendation", _("Recommendation")),
    ("complaint", _("Complaint")),
    ("denunciation", _("Denunciation")),
    ("information", _("Information for management (anonymous denunciation)")),
    ("inadmissible", _("Not admissible")),
]


class CaseForm(forms.Form):
    """The public form (web or phone), signed in or not."""

    kind_hint = forms.ChoiceField(
        label=_("What are you sending?"), choices=HINT_CHOICES, widget=forms.RadioSelect
    )
    subject = forms.CharField(label=_("Subject"), max_length=255)
    content = forms.CharField(
        label=_("Your case"),
        max_length=20000,
        help_text=_("What happened, when and where, who is concerned, and what you ask for."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    decision_known_on = forms.DateField(
        label=_("For a complaint: the day you received or learned of the decision"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("dd/mm/yyyy — a complaint is made within 90 days of it."),
    )
    anonymous = forms.BooleanField(
        label=_("Send without my name"),
        required=False,
        help_text=_(
            "An anonymous denunciation is not handled as a denunciation, only checked as "
            "information if it names the violator and gives evidence (Law on Denunciations "
            "Art. 25). A complaint needs your name."
        ),
    )
    full_name = forms.CharField(label=_("Your full name"), max_length=150, required=False)
    address = forms.CharField(label=_("Your address"), max_length=255, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    id_number = forms.CharField(label=_("Identity number"), max_length=20, required=False)
    attachment = forms.FileField(
        label=_("Scanned letter or evidence (PDF, PNG or JPEG)"), required=False
    )

    def sender(self) -> dict | None:
        data = self.cleaned_data
        if data.get("anonymous"):
            return None
        return {k: data.get(k, "") for k in ("full_name", "address", "phone", "id_number")}


class DeskForm(CaseForm):
    """An official records a case received at the desk, by post, hotline or suggestion box."""

    channel = forms.ChoiceField(
        label=pgettext_lazy("petitions", "Channel"),
        choices=[c for c in CaseChannel.choices if c[0] != CaseChannel.WEB],
        initial=CaseChannel.DESK,
    )
    received_on = forms.DateField(
        label=_("Received on"), input_formats=DATE_INPUT_FORMATS, help_text=_("dd/mm/yyyy")
    )
    kind_hint = forms.ChoiceField(
        label=_("What the citizen sends"),
        choices=[("", _("Not stated")), *HINT_CHOICES],
        required=False,
    )
    signed = forms.BooleanField(label=_("Signed or fingerprinted"), required=False, initial=True)
    group_size = forms.IntegerField(label=_("People in the group"), min_value=1, initial=1)
    representatives = forms.CharField(
        label=_("Representatives"),
        required=False,
        help_text=_(
            "One per line: full name; phone. 5–10 people: 1 or 2; more than 10: at most 5."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    representatives_in_group = forms.BooleanField(
        label=_("The representatives are among the people of the group"),
        required=False,
        initial=True,
    )
    confirmed_by_citizen = forms.BooleanField(
        label=_("The citizen read and confirmed what was written down"), required=False
    )

    field_order = ["channel", "received_on", "kind_hint", "subject", "content"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate().strftime("%d/%m/%Y")
        self.fields["full_name"].label = _("Sender's full name")
        self.fields["address"].label = _("Sender's address")
        self.fields["content"].label = _("What the citizen says or writes")

    def clean(self):
        data = super().clean()
        if data.get("channel") == CaseChannel.DESK and not data.get("confirmed_by_citizen"):
            self.add_error(
                "confirmed_by_citizen",
                _("At the desk the citizen confirms (signs or fingerprints) what was written."),
            )
        return data

    def representative_rows(self) -> list[dict]:
        rows = []
        in_group = bool(self.cleaned_data.get("representatives_in_group"))
        for line in (self.cleaned_data.get("representatives") or "").splitlines():
            if not line.strip():
                continue
            name, _sep, phone = line.partition(";")
            rows.append({"full_name": name.strip(), "phone": phone.strip(), "in_group": in_group})
        return rows


# Kinds that need the sender's name and address (Law on Complaints Art. 8; Law on
# Denunciations Art. 25): not offered for an anonymous case, which is information at most.
NAMED_KINDS = ("complaint", "denunciation")


class ClassifyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CLASS_CHOICES)
    reason = forms.ChoiceField(
        label=_("Reason not admissible"),
        required=False,
        choices=[("", "—"), *INADMISSIBLE_REASONS.items()],
    )

    def __init__(self, *args, anonymous: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if anonymous:
            self.fields["kind"].choices = [c for c in CLASS_CHOICES if c[0] not in NAMED_KINDS]


class SplitForm(forms.Form):
    """Two parts of a mixed letter (Law on Citizen Reception Art. 25(3))."""

    first_kind = forms.ChoiceField(label=_("First part: kind"), choices=HINT_CHOICES)
    first_subject = forms.CharField(label=_("First part: subject"), max_length=255)
    first_content = forms.CharField(
        label=_("First part: content"), widget=forms.Textarea(attrs={"rows": 3})
    )
    second_kind = forms.ChoiceField(label=_("Second part: kind"), choices=HINT_CHOICES)
    second_subject = forms.CharField(label=_("Second part: subject"), max_length=255)
    second_content = forms.CharField(
        label=_("Second part: content"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def parts(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "kind": data[f"{p}_kind"],
                "subject": data[f"{p}_subject"],
                "content": data[f"{p}_content"],
            }
            for p in ("first", "second")
        ]


class RouteForm(forms.Form):
    handler = forms.TypedChoiceField(
        label=_("Assign to"), required=False, coerce=int, empty_value=None
    )
    to_unit = forms.CharField(label=_("Or transfer to the unit with code"), required=False)

    def __init__(self, *args, handlers=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [("", "—")] + [
            (u.pk, u.full_name or u.get_username()) for u in handlers
        ]


class MergeForm(forms.Form):
    into = forms.IntegerField(widget=forms.HiddenInput)


class UnsealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you need the denouncer's identity"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=40)


class RateForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer?"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)

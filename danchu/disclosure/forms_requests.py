"""Forms for information requests: they check the shape of the input; the services check the
rules (Law on Access to Information Arts 24–31)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danchu.disclosure.domain.requests import DeliveryForm
from danchu.disclosure.models import RefusalGround, RequestChannel, RequestStatus
from danchu.disclosure.selectors_requests import OVERDUE
from danchu.disclosure.services_requests import RequestInput

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class RequestForm(forms.Form):
    """The request form (phiếu yêu cầu cung cấp thông tin, Art. 24), in plain words."""

    full_name = forms.CharField(
        label=_("Your full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    address = forms.CharField(
        label=_("Where you live"),
        max_length=255,
        help_text=_("House number, village or street, commune, province."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    id_number = forms.CharField(
        label=_("Identity number"),
        max_length=20,
        help_text=_(
            "The 12 digits of your citizen identity card (CCCD), or your passport number. "
            "The law asks for it to make sure the request is yours."
        ),
        widget=forms.TextInput(attrs={"inputmode": "text", "autocomplete": "off"}),
    )
    contact = forms.CharField(
        label=_("Phone number or e-mail"),
        max_length=150,
        help_text=_("So that the office can tell you when the information is ready."),
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    information = forms.CharField(
        label=_("What information do you want?"),
        max_length=5000,
        help_text=_(
            "Describe it as precisely as you can: the document, its number or date if you "
            "know them, the period it covers."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    purpose = forms.CharField(
        label=_("What do you need it for?"),
        max_length=255,
        help_text=_("For example: to check the village budget, for a land dossier."),
    )
    delivery_form = forms.ChoiceField(
        label=_("How do you want to receive it?"),
        choices=DeliveryForm.choices,
        initial=DeliveryForm.AT_OFFICE,
        widget=forms.RadioSelect,
    )

    def request_input(self) -> RequestInput:
        data = self.cleaned_data
        return RequestInput(
            full_name=data["full_name"],
            address=data["address"],
            id_number=data["id_number"],
            contact=data["contact"],
            information=data["information"],
            purpose=data["purpose"],
            delivery_form=data["delivery_form"],
        )


class OfficialRequestForm(RequestForm):
    """An official enters a request received in person, by post or fax, or by e-mail."""

    channel = forms.ChoiceField(
        label=_("Received"), choices=RequestChannel.choices, initial=RequestChannel.IN_PERSON
    )
    received_on = forms.DateField(
        label=_("Valid request received on"),
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("dd/mm/yyyy — the deadline is counted from this day."),
    )
    complex = forms.BooleanField(
        label=_("Complex information"),
        required=False,
        help_text=_(
            "Not available at once: it must be gathered, copied or consulted on (longer deadline)."
        ),
    )

    field_order = ["channel", "received_on", "complex"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate().strftime("%d/%m/%Y")
        self.fields["full_name"].label = _("Requester's full name")
        self.fields["address"].label = _("Place of residence")
        self.fields["contact"].label = _("Phone or e-mail")
        self.fields["information"].label = _("Information requested")
        self.fields["purpose"].label = _("Purpose")
        self.fields["delivery_form"].label = _("How to receive it")


class ExtendForm(forms.Form):
    extended_to = forms.DateField(
        label=_("New deadline"), input_formats=DATE_INPUT_FORMATS, help_text=_("dd/mm/yyyy")
    )
    notice = forms.CharField(
        label=_("Written notice to the requester"),
        max_length=2000,
        help_text=_("Why more time is needed; it is kept with the request."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProvideForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=20000,
        help_text=_("The information provided, or where, when and how the requester obtains it."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class RefuseForm(forms.Form):
    ground = forms.ChoiceField(
        label=_("Ground for refusal (Art. 28)"), choices=RefusalGround.choices
    )
    reason = forms.CharField(
        label=_("Written reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _status_choices() -> list[tuple[str, str]]:
    return [("", _("All")), (OVERDUE, _("Overdue")), *RequestStatus.choices]


class RequestFilterForm(forms.Form):
    """Filters of the officials' list (GET); bad values are simply ignored."""

    q = forms.CharField(label=_("Tracking code or name"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_status_choices)
    channel = forms.ChoiceField(
        label=_("Received"),
        required=False,
        choices=[("", _("All")), *RequestChannel.choices],
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2018, max_value=2100)

    def filters(self) -> dict:
        if not self.is_valid():
            return {"status": "", "channel": "", "query": "", "year": None}
        data = self.cleaned_data
        return {
            "status": data["status"],
            "channel": data["channel"],
            "query": data["q"],
            "year": data["year"],
        }

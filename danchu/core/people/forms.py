"""Household forms: they check the shape of the input; services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danchu.core.people.models import Gender, Person

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class HouseholdForm(forms.Form):
    code = forms.CharField(label=_("Household number"), max_length=40)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    joined_on = forms.DateField(
        label=_("Registered on"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("dd/mm/yyyy"),
    )


class HouseholdEditForm(forms.Form):
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    representative = forms.ModelChoiceField(
        label=_("Representative (votes for the household)"),
        queryset=Person.objects.none(),
        required=False,
    )
    left_on = forms.DateField(
        label=_("Left the village on"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("dd/mm/yyyy — only when the household has moved away or dissolved"),
    )

    def __init__(self, *args, members=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["representative"].queryset = members


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("dd/mm/yyyy"),
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", "—"), *Gender.choices], required=False
    )
    citizen_id = forms.CharField(
        label=_("Citizen identity number"), max_length=20, required=False, help_text=_("12 digits")
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    relation = forms.CharField(
        label=_("Relation to the head of household"), max_length=60, required=False
    )
    make_representative = forms.BooleanField(
        label=_("This person represents the household"), required=False
    )

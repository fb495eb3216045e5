"""Forms for the unit tree: shape only; services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danchu.core.units.domain.kinds import Kind


class VillageForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (Kind.VILLAGE, Kind.VILLAGE.label),
            (Kind.RESIDENTIAL_GROUP, Kind.RESIDENTIAL_GROUP.label),
        ],
    )
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        required=False,
        help_text=_("Leave empty to number it automatically."),
    )


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(Kind.AGENCY, Kind.AGENCY.label), (Kind.ENTERPRISE, Kind.ENTERPRISE.label)],
    )
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        required=False,
        help_text=_("For an enterprise, its tax code; leave empty to number it automatically."),
    )

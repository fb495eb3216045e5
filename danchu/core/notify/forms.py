"""Forms: shape only. The services decide."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from danchu.core.notify.channels import CHANNELS
from danchu.core.notify.domain.preferences import Choice
from danchu.core.notify.models import Mode
from danchu.core.notify.registry import NotificationKind
from danchu.core.units.models import Unit


@dataclass
class KindGroup:
    kind: NotificationKind
    channels: BoundField
    mode: BoundField


class PreferencesForm(forms.Form):
    """One group of fields per notification kind: channels (checkboxes) and when (radio)."""

    def __init__(self, *args, kinds: list[NotificationKind], current: dict[str, Choice], **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        channel_choices = [(name, channel.label) for name, channel in CHANNELS.items()]
        for kind in kinds:
            choice = current[kind.name]
            self.fields[f"{kind.name}-channels"] = forms.MultipleChoiceField(
                label=_("Channels"),
                choices=channel_choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=[c for c in CHANNELS if c in choice.channels],
            )
            self.fields[f"{kind.name}-mode"] = forms.ChoiceField(
                label=_("When"), choices=Mode.choices, widget=forms.RadioSelect, initial=choice.mode
            )

    def groups(self) -> Iterator[KindGroup]:
        for kind in self.kinds:
            yield KindGroup(kind, self[f"{kind.name}-channels"], self[f"{kind.name}-mode"])

    def choices(self) -> dict[str, tuple[list[str], str]]:
        return {
            k.name: (self.cleaned_data[f"{k.name}-channels"], self.cleaned_data[f"{k.name}-mode"])
            for k in self.kinds
        }


class AnnounceForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("To the households of"),
        queryset=Unit.objects.none(),
        help_text=_("Every member of a current household in this unit receives it."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    url = forms.CharField(
        label=_("Link on this site"),
        max_length=500,
        required=False,
        help_text=_("A path such as /units/15271/ (optional)."),
    )

    def __init__(self, *args, units: QuerySet[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

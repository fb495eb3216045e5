"""Keep the index in step with single saves and deletes of units, households and the persons
who represent households. Bulk writes (imports, seed data) send no signals: they call
``search_index_many`` or ``search_reindex`` (`danchu reindex`)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from danchu.core.people.models import Household, Person
from danchu.core.search.kinds import HOUSEHOLD, UNIT
from danchu.core.search.services import search_index, search_remove
from danchu.core.units.models import Unit


@receiver(post_save, sender=Unit, dispatch_uid="search_unit_saved")
def _unit_saved(instance: Unit, raw: bool = False, **kwargs) -> None:
    if not raw:
        search_index(instance, kind=UNIT)


@receiver(post_delete, sender=Unit, dispatch_uid="search_unit_deleted")
def _unit_deleted(instance: Unit, **kwargs) -> None:
    search_remove(instance, kind=UNIT)


@receiver(post_save, sender=Household, dispatch_uid="search_household_saved")
def _household_saved(instance: Household, raw: bool = False, **kwargs) -> None:
    if not raw:
        search_index(instance, kind=HOUSEHOLD)


@receiver(post_delete, sender=Household, dispatch_uid="search_household_deleted")
def _household_deleted(instance: Household, **kwargs) -> None:
    search_remove(instance, kind=HOUSEHOLD)


@receiver(post_save, sender=Person, dispatch_uid="search_person_saved")
def _person_saved(instance: Person, created: bool = False, raw: bool = False, **kwargs) -> None:
    """A representative's new name shows in the households they represent."""
    if raw or created:
        return
    households = Household.objects.filter(representative=instance).select_related(
        "representative", "village__parent__parent__parent"
    )
    for household in households:
        search_index(household, kind=HOUSEHOLD)

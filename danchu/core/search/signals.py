"""Keep the index in step with single saves and deletes of units, households and the persons
who represent households. Bulk writes (imports, seed data) send no signals: they call
``search_index_many`` or ``search_reindex`` (`danchu reindex`)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from danchu.core.people.models import Household, Person
from danchu.core.search.kinds import HOUSEHOLD, UNIT
from danchu.core.search.services import search_index, search_index_many, search_remove
from danchu.core.units.models import Unit


@receiver(pre_save, sender=Unit, dispatch_uid="search_unit_renaming")
def _unit_renaming(instance: Unit, raw: bool = False, **kwargs) -> None:
    """Remember the stored name: households and units below show it in their index text."""
    if raw or instance.pk is None:
        return
    instance._search_old_name = (  # type: ignore[attr-defined]
        Unit.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    )


@receiver(post_save, sender=Unit, dispatch_uid="search_unit_saved")
def _unit_saved(instance: Unit, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    search_index(instance, kind=UNIT)
    old_name = getattr(instance, "_search_old_name", None)
    if old_name is not None and old_name != instance.name:
        _reindex_below_later(instance)


def _reindex_below_later(unit: Unit) -> None:
    """A renamed unit's households and descendant units are re-indexed in the background."""
    from danchu.core.search.tasks import search_index_many_task

    units = list(Unit.objects.below(unit).values_list("pk", flat=True))
    households = list(
        Household.objects.filter(village__path__startswith=unit.path).values_list("pk", flat=True)
    )
    for kind, pks in ((UNIT, units), (HOUSEHOLD, households)):
        for start in range(0, len(pks), 5000):
            chunk = pks[start : start + 5000]
            transaction.on_commit(
                lambda kind=kind, chunk=chunk: search_index_many_task.enqueue(kind, chunk)
            )


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
    households = list(
        Household.objects.filter(representative=instance).values_list("pk", flat=True)
    )
    if households:
        search_index_many(HOUSEHOLD, households)

"""Seed the statutory catalogue (danchu/disclosure/domain/catalogue_data.py)."""

from django.db import migrations


def seed(apps, schema_editor):
    from danchu.disclosure.domain.catalogue_data import catalogue_rows

    CatalogueItem = apps.get_model("disclosure", "CatalogueItem")
    for row in catalogue_rows():
        code = row.pop("code")
        CatalogueItem.objects.update_or_create(code=code, defaults=row)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

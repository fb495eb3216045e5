"""The search index: one row per indexed object, plus the backend's full-text structure.

On SQLite, ``search_fts`` is an FTS5 table over ``title_terms`` and ``body_terms`` (external
content, kept in step by triggers); on PostgreSQL, a ``document`` tsvector column of this table
with a GIN index, filled by a trigger through ``unaccent``. Both are created in migration 0002
for their database only.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Lookup
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=64)
    object_id = models.CharField(max_length=64)
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    # The folded words of title and body (domain.folding.index_text): what the index matches.
    title_terms = models.TextField(editable=False)
    body_terms = models.TextField(editable=False, blank=True)
    unit_path = models.CharField(max_length=255, blank=True, db_index=True)
    is_public = models.BooleanField(default=False)
    url = models.CharField(max_length=500)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_per_object")
        ]

    def __str__(self) -> str:
        return self.title


class FtsMatchField(models.TextField):
    """The FTS5 table's hidden column named like the table: ``<table> MATCH 'query'``."""


@FtsMatchField.register_lookup
class FtsMatch(Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class FtsRow(models.Model):
    """The SQLite FTS5 table, joined to its entry by rowid. Never written through the ORM
    (triggers keep it in step) and absent on PostgreSQL."""

    entry = models.OneToOneField(
        SearchEntry,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="fts_row",
        db_constraint=False,
    )
    search_fts = FtsMatchField(db_column="search_fts")
    rank = models.FloatField(db_column="rank")

    class Meta:
        managed = False
        db_table = "search_fts"

    def __str__(self) -> str:
        return str(self.pk)

"""Background indexing, for code that writes in bulk (imports bypass signals):

transaction.on_commit(lambda: search_index_many_task.enqueue("people.household", ids))
transaction.on_commit(lambda: search_reindex_task.enqueue("people.household"))
"""

from __future__ import annotations

from danchu.core.jobs.taskapi import task


@task()
def search_index_many_task(kind: str, pks: list[int | str]) -> int:
    from danchu.core.search.services import search_index_many

    return search_index_many(kind, pks)


@task()
def search_reindex_task(kind: str | None = None) -> dict[str, int]:
    from danchu.core.search.services import search_reindex

    return search_reindex(kind)

"""Query counts and render times per page, in-process, against the benchmark database.

Run by run.py with DJANGO_SETTINGS_MODULE and DATABASE_URL set:
    python -m bench.harness.queries OUT.json PAGES.json
"""

from __future__ import annotations

import json
import sys
import time


def main() -> None:
    out_path, pages_path = sys.argv[1:]
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from danchu.core.access.backends import find_user_by_login

    with open(pages_path, encoding="utf-8") as handle:
        spec = json.load(handle)
    results = {}
    for group, (login, urls) in spec.items():
        client = Client()
        if login:
            client.force_login(find_user_by_login(login))
        for name, url in urls.items():
            client.get(url)  # warm caches and connections
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - started
            results[f"{group}:{name}"] = {
                "url": url,
                "status": response.status_code,
                "queries": len(ctx.captured_queries),
                "render_ms": round(elapsed * 1000, 1),
            }
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(results, handle, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()

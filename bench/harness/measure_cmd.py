"""Run one `danchu` command in this process and write its wall time and peak memory as JSON.

python -m bench.harness.measure_cmd OUT.json import-units
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main() -> None:
    out, *args = sys.argv[1:]
    from danchu.cli import main as danchu

    started = time.perf_counter()
    status = 0
    try:
        danchu(["danchu", *args])
    except SystemExit as exc:
        status = int(exc.code or 0)
    wall = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"seconds": round(wall, 3), "peak_rss_mib": round(peak_kib / 1024, 1)}, handle)
    sys.exit(status)


if __name__ == "__main__":
    main()

"""The danchu benchmark harness (bench/README.md).

python bench/run.py --quick          # the quick set, under 10 minutes on 2 cores
python bench/run.py --full           # the province-scale set
python bench/run.py --compare A B    # print the change between two results files
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import http_load, machine, postgres, results  # noqa: E402
from bench.harness.environment import production_env  # noqa: E402
from bench.harness.register_file import write_register  # noqa: E402

SETS = {
    # communes × households per commune (province 38, Thanh Hóa), register rows to import
    "quick": {
        "communes": 20,
        "households": 2500,
        "villages": 20,
        "register_rows": 100_000,
        "publications": 10_000,
    },
    "full": {
        "communes": 100,
        "households": 3000,
        "villages": 20,
        "register_rows": 330_000,
        "publications": 10_000,
    },
}
HTTP_SECONDS = 20
WARMUP_SECONDS = 3
DATABASE = "danchu_bench"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


class Bench:
    def __init__(self, set_name: str, python: str, http: bool) -> None:
        self.set_name = set_name
        self.config = SETS[set_name]
        self.python = python
        self.http = http
        self.tmp = Path(tempfile.mkdtemp(prefix="danchu-bench-"))
        self.env: dict[str, str] = {}

    def measure(self, name: str, *args: str, note: str = "") -> dict:
        out = self.tmp / f"{name}.json"
        log(f"danchu {' '.join(args)}")
        subprocess.run(
            [self.python, "-m", "bench.harness.measure_cmd", str(out), *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            timeout=3600,
        )
        figures = json.loads(out.read_text())
        if note:
            figures["note"] = note
        return figures

    def helper(self, module: str, *args: str, env: dict[str, str] | None = None) -> str:
        return subprocess.run(
            [self.python, "-m", module, *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            check=True,
            capture_output=True,
            text=True,
            timeout=600,
        ).stdout

    def run(self) -> dict:
        started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")
        postgres.ensure_server(ROOT)
        database_url = postgres.recreate(DATABASE)
        self.env = production_env(database_url, self.tmp, DANCHU_BENCH_FLOOR="1")
        c = self.config
        commands = {
            "migrate": self.measure("migrate", "migrate", "--noinput", "-v", "0"),
            "import-units": self.measure(
                "import-units", "import-units", note="34 provinces, 3,321 communes"
            ),
            "import-units (again)": self.measure(
                "import-units-again", "import-units", note="idempotent re-run"
            ),
            "seed": self.measure(
                "seed",
                "seed",
                "--communes",
                str(c["communes"]),
                "--households-per-commune",
                str(c["households"]),
                "--villages-per-commune",
                str(c["villages"]),
                note=f"{c['communes']} communes × {c['households']:,} households",
            ),  # fmt: skip
        }
        setup = json.loads(self.helper("bench.harness.fixtures"))
        register = self.tmp / "register.csv"
        households = write_register(register, setup["villages"], c["register_rows"])
        commands["import-households"] = self.measure(
            "import-households",
            "import-households",
            str(register),
            note=f"{c['register_rows']:,} rows, {households:,} households",
        )
        setup = json.loads(self.helper("bench.harness.fixtures"))
        commands["seed-publications"] = self.measure(
            "seed-publications",
            "seed_publications",
            "--unit",
            setup["commune"],
            "--count",
            str(c["publications"]),
            note=f"{c['publications']:,} publications in one commune",
        )
        log("ANALYZE (what autovacuum does after a bulk load)")
        postgres.analyze(DATABASE)
        setup = json.loads(self.helper("bench.harness.fixtures"))
        queries = self.query_counts(setup)
        pages = self.http_pages(setup) if self.http else {}
        return {
            "set": self.set_name,
            "started_at": started,
            "commit": machine.git_commit(ROOT),
            "machine": {
                **machine.describe(self.python),
                "postgresql": postgres.server_version(),
            },
            "volumes": setup["volumes"],
            "config": c,
            "http_seconds": HTTP_SECONDS,
            "commands": commands,
            "queries": queries,
            "pages": pages,
        }

    def page_urls(self, setup: dict) -> dict[str, tuple[str | None, dict[str, str]]]:
        commune, village = setup["commune"], setup["village"]
        return {
            "public": (
                None,
                {
                    "home": "/",
                    "search": "/?q=thon",
                    "province": f"/units/{setup['province']}/",
                    "commune": f"/units/{commune}/",
                    "village": f"/units/{village}/",
                    "api units": f"/api/v1/units?parent={commune}",
                    "api unit": f"/api/v1/units/{commune}",
                    "publications": f"/publications/units/{commune}/",
                    "publications page 50": f"/publications/units/{commune}/?page=50",
                    "publications feed": f"/publications/units/{commune}/feed/",
                },
            ),
            "official": (
                setup["officer_login"],
                {
                    "commune households": f"/units/{commune}/households/",
                    "commune households page 20": f"/units/{commune}/households/?page=20",
                    "village households": f"/units/{village}/households/",
                    "household search": f"/units/{commune}/households/?q=nguyen",
                    "household": f"/households/{setup['household']}/",
                    "account": "/account/",
                    "api households": f"/api/v1/units/{commune}/households",
                    "api household": f"/api/v1/households/{setup['household']}",
                },
            ),
        }

    def query_counts(self, setup: dict) -> dict:
        spec = self.tmp / "pages.json"
        spec.write_text(json.dumps(self.page_urls(setup)), encoding="utf-8")
        out = self.tmp / "queries.json"
        log("query counts per page (public page cache off, to count real work)")
        self.helper(
            "bench.harness.queries",
            str(out),
            str(spec),
            env={"DANCHU_PUBLIC_PAGE_CACHE_SECONDS": "0"},
        )
        return json.loads(out.read_text(encoding="utf-8"))

    def http_pages(self, setup: dict) -> dict:
        wrk = http_load.ensure_wrk()
        log("collectstatic")
        self.helper("danchu.cli", "collectstatic", "--noinput", "-v", "0")
        commune, village = setup["commune"], setup["village"]
        cookie = {"Cookie": f"sessionid={setup['session_cookie']}"}
        # A visitor carrying any personal cookie bypasses the public page cache.
        uncached = {"Cookie": "csrftoken=bench"}
        targets = {
            "floor": ("/_bench/floor", None),
            "commune page": (f"/units/{commune}/", None),
            "village page": (f"/units/{village}/", None),
            "home": ("/", None),
            "commune page (uncached)": (f"/units/{commune}/", uncached),
            "village page (uncached)": (f"/units/{village}/", uncached),
            "commune households (official)": (f"/units/{commune}/households/", cookie),
            "api units": (f"/api/v1/units?parent={commune}", None),
            "publications list": (f"/publications/units/{commune}/", None),
            "publications list (uncached)": (f"/publications/units/{commune}/", uncached),
        }
        pages = {}
        with http_load.gunicorn(self.python, self.env, http_load.free_port()) as base:
            for name, (path, headers) in targets.items():
                log(f"wrk {name} {path}")
                http_load.run_wrk(wrk, base + path, seconds=WARMUP_SECONDS, headers=headers)
                pages[name] = http_load.run_wrk(
                    wrk, base + path, seconds=HTTP_SECONDS, headers=headers
                ).as_dict()
        floor = pages["floor"]["requests_per_second"] or 1.0
        for figures in pages.values():
            figures["share_of_floor"] = round(figures["requests_per_second"] / floor, 3)
        return pages


def print_comparison(old_path: Path, new_path: Path) -> None:
    old = json.loads(old_path.read_text(encoding="utf-8"))
    new = json.loads(new_path.read_text(encoding="utf-8"))
    print(f"Change from {old_path.name} to {new_path.name}:")
    lines = results.compare(old, new)
    print("\n".join(f"  {line}" for line in lines) if lines else "  no figure changed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true", help="the quick set (default)")
    group.add_argument("--full", action="store_true", help="the province-scale set")
    group.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP load part")
    args = parser.parse_args()
    if args.compare:
        print_comparison(*args.compare)
        return
    set_name = "full" if args.full else "quick"
    result = Bench(set_name, sys.executable, http=not args.no_http).run()
    path = results.write(result)
    result["file"] = path.name
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    results.update_readme(result)
    log(f"results written to {path.relative_to(ROOT)}")
    before = results.previous(path, set_name)
    if before is not None:
        print_comparison(before, path)


if __name__ == "__main__":
    main()

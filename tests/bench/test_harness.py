"""The benchmark harness's pure parts: reading wrk's output, comparing results files."""

from __future__ import annotations

from bench.harness.http_load import parse_wrk
from bench.harness.results import compare, flatten, summary_markdown

WRK_OUTPUT = """Running 20s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
WRK_JSON {"requests": 40000, "duration_us": 20000000, "errors_connect": 0, "errors_read": 1, "errors_write": 0, "errors_timeout": 2, "non_2xx_3xx": 3, "p50_us": 6500, "p95_us": 9100, "p99_us": 12040, "max_us": 30000, "mean_us": 6700.0}
"""


def test_parse_wrk():
    result = parse_wrk(WRK_OUTPUT)
    assert result.requests_per_second == 2000.0
    assert (result.p50_ms, result.p95_ms, result.p99_ms) == (6.5, 9.1, 12.04)
    assert result.errors == 6


def test_compare_lists_changed_figures_only():
    old = {"commands": {"seed": {"seconds": 10.0, "peak_rss_mib": 80}}, "pages": {}, "queries": {}}
    new = {"commands": {"seed": {"seconds": 5.0, "peak_rss_mib": 80}}, "pages": {}, "queries": {}}
    assert compare(old, new) == ["commands.seed.seconds: 10 → 5 (-50.0%)"]


def test_flatten_ignores_text_and_booleans():
    assert flatten({"a": {"b": 1, "c": "x", "d": True}}) == {"a.b": 1.0}


def test_summary_names_machine_and_volumes():
    result = {
        "set": "quick",
        "started_at": "2026-11-26T17:00:00",
        "commit": "abc1234",
        "file": "x.json",
        "machine": {
            "cpu": "CPU",
            "cores": 2,
            "memory_gib": 23.5,
            "python": "Python 3.11",
            "django": "5.2",
            "postgresql": "15",
            "wrk": "wrk 4",
        },
        "volumes": {
            "provinces": 34,
            "communes": 3321,
            "villages": 400,
            "households": 50000,
            "persons": 60000,
        },
        "http_seconds": 20,
        "commands": {"seed": {"seconds": 9.1, "peak_rss_mib": 78.0, "note": "20 communes"}},
        "pages": {},
        "queries": {"public:home": {"status": 200, "queries": 2, "render_ms": 5.0}},
    }
    text = summary_markdown(result)
    assert "2 cores" in text and "50,000 households" in text and "| seed | 9.1 | 78.0 |" in text

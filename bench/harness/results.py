"""Results files: write, find the previous one, compare, and summarise in bench/README.md."""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent.parent / "results"
README = Path(__file__).resolve().parent.parent / "README.md"


def write(result: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = result["started_at"].replace(":", "").replace("-", "")[:15]
    name = f"{stamp}-{result['set']}-{result['commit']}.json"
    path = RESULTS / name
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def previous(path: Path, set_name: str) -> Path | None:
    candidates = sorted(p for p in RESULTS.glob(f"*-{set_name}-*.json") if p.name < path.name)
    return candidates[-1] if candidates else None


def flatten(data: dict, prefix: str = "") -> dict[str, float]:
    flat: dict[str, float] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            flat[name] = float(value)
    return flat


def compare(old: dict, new: dict) -> list[str]:
    """Lines 'figure: old → new (±x%)' for every figure present in both runs."""
    a = flatten({k: old.get(k, {}) for k in ("commands", "pages", "queries")})
    b = flatten({k: new.get(k, {}) for k in ("commands", "pages", "queries")})
    lines = []
    for key in sorted(a.keys() & b.keys()):
        before, after = a[key], b[key]
        if before == after:
            continue
        change = f"{(after - before) / before * 100:+.1f}%" if before else "new"
        lines.append(f"{key}: {before:g} → {after:g} ({change})")
    return lines


def summary_markdown(result: dict) -> str:
    m, v = result["machine"], result["volumes"]
    out = [
        f"Latest `{result['set']}` run: {result['started_at']} UTC, commit `{result['commit']}`, "
        f"file `results/{result['file']}`.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['python']}, "
        f"Django {m['django']}, PostgreSQL {m['postgresql']}, {m['wrk']}.",
        "",
        f"Data: {v['provinces']} provinces, {v['communes']} commune-level units, "
        f"{v['villages']} villages, {v['households']:,} households, {v['persons']:,} persons.",
        "",
        "| command | seconds | peak memory (MiB) | note |",
        "|---|---:|---:|---|",
    ]
    for name, c in result["commands"].items():
        out.append(f"| {name} | {c['seconds']} | {c['peak_rss_mib']} | {c.get('note', '')} |")
    if result.get("pages"):
        out += [
            "",
            "HTTP at 16 connections for "
            f"{result['http_seconds']} s each, gunicorn 2 workers, DEBUG off:",
            "",
            "| page | req/s | share of floor | p50 ms | p95 ms | p99 ms | errors |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for name, p in result["pages"].items():
            out.append(
                f"| {name} | {p['requests_per_second']} | {p['share_of_floor']:.0%} | "
                f"{p['p50_ms']} | {p['p95_ms']} | {p['p99_ms']} | {p['errors']} |"
            )
    out += ["", "| page (in-process) | status | queries | render ms |", "|---|---:|---:|---:|"]
    for name, q in result["queries"].items():
        out.append(f"| {name} | {q['status']} | {q['queries']} | {q['render_ms']} |")
    return "\n".join(out)


def update_readme(result: dict) -> None:
    """Replace the figures between this set's markers in bench/README.md."""
    start = f"<!-- figures:{result['set']}:start -->"
    end = f"<!-- figures:{result['set']}:end -->"
    text = README.read_text(encoding="utf-8")
    if start not in text or end not in text:
        return
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    README.write_text(f"{head}{start}\n{summary_markdown(result)}\n{end}{tail}", encoding="utf-8")

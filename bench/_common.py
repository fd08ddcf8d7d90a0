"""Shared helpers of the benchmarks: statistics and the output format of SPEC §5."""

from __future__ import annotations

import argparse
import json
import statistics


def figures(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    p95_index = max(0, round(0.95 * len(ordered)) - 1)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[p95_index], 2),
        "max_ms": round(ordered[-1], 2),
    }


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--database-url", help="default: a demo SQLite database it builds")
    p.add_argument("--json", action="store_true", help="print one JSON object last")
    return p


def report(
    results: dict[str, dict[str, float]],
    as_json: bool,
    *,
    notes: dict[str, str] | None = None,
    notes_header: str = "",
) -> None:
    """The table (``notes``: text after a figure's columns, e.g. its budget), and with
    ``as_json`` the JSON object as the last line."""
    notes = notes or {}
    width = max(len(name) for name in results)
    head = f"{'figure':<{width}}  {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}"
    print(f"{head}  {notes_header}".rstrip())
    for name, fig in results.items():
        line = f"{name:<{width}}  {fig['p50_ms']:>9.1f} {fig['p95_ms']:>9.1f} {fig['max_ms']:>9.1f}"
        print(f"{line}  {notes.get(name, '')}".rstrip())
    if as_json:
        print(json.dumps(results))

"""Parse benchmark: documents per second and peak memory on the reference plan and a 50,000-character work plan.

Run from the project root: `.venv/bin/python bench/parse_bench.py` (add `--rounds N` for longer runs).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_workplan import work_plan  # noqa: E402

from tongxin.parser import parse_text  # noqa: E402

REFERENCE = ROOT / "tongxin" / "examples" / "chifeng-2019-united-front-70th-plan.txt"
TARGETS_MS = {"reference plan": 5.0, "50,000-character work plan": 100.0}


def measure(text: str, rounds: int) -> dict[str, float]:
    parse_text(text)  # warm caches (regex compilation happens at import; this warms the normaliser's too)
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        parse_text(text)
        timings.append(time.perf_counter() - start)
    tracemalloc.start()
    parse_text(text)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median = statistics.median(timings)
    return {"chars": len(text), "median_ms": median * 1000, "best_ms": min(timings) * 1000,
            "docs_per_s": 1 / median, "peak_mib": peak / 2**20}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    cases = {"reference plan": REFERENCE.read_text(encoding="utf-8"), "50,000-character work plan": work_plan()}
    header = f"{'document':28s} {'chars':>7s} {'median ms':>10s} {'best ms':>8s} {'docs/s':>8s} {'peak MiB':>9s} {'target':>8s}"
    print(header)
    print("-" * len(header))
    ok = True
    for name, text in cases.items():
        r = measure(text, args.rounds)
        passed = r["median_ms"] < TARGETS_MS[name]
        ok &= passed
        print(f"{name:28s} {r['chars']:7.0f} {r['median_ms']:10.2f} {r['best_ms']:8.2f} {r['docs_per_s']:8.1f} "
              f"{r['peak_mib']:9.2f} {'<' + str(TARGETS_MS[name]) + ' ms':>8s} {'ok' if passed else 'SLOW'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Parse benchmark: documents per second and peak memory, on the reference plan and a 50,000-character work plan.

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
    """Wall-clock and CPU time per parse (CPU time stays honest on a busy machine), and peak traced memory."""
    parse_text(text)  # warm caches (regex compilation happens at import; this warms the normaliser's too)
    wall, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.thread_time()
        parse_text(text)
        cpu.append(time.thread_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    tracemalloc.start()
    parse_text(text)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    cpu_median = statistics.median(cpu)
    return {"chars": len(text), "wall_ms": statistics.median(wall) * 1000, "cpu_ms": cpu_median * 1000,
            "best_ms": min(cpu) * 1000, "docs_per_s": 1 / cpu_median, "peak_mib": peak / 2**20}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    cases = {"reference plan": REFERENCE.read_text(encoding="utf-8"), "50,000-character work plan": work_plan()}
    header = (f"{'document':28s} {'chars':>7s} {'CPU ms':>8s} {'best ms':>8s} {'wall ms':>8s} {'docs/s':>8s}"
              f" {'peak MiB':>9s} {'target':>10s}")
    print(header)
    print("-" * len(header))
    ok = True
    for name, text in cases.items():
        r = measure(text, args.rounds)
        passed = r["cpu_ms"] < TARGETS_MS[name]
        ok &= passed
        print(f"{name:28s} {r['chars']:7.0f} {r['cpu_ms']:8.2f} {r['best_ms']:8.2f} {r['wall_ms']:8.2f} {r['docs_per_s']:8.1f} "
              f"{r['peak_mib']:9.2f} {'<' + str(TARGETS_MS[name]) + ' ms':>10s} {'ok' if passed else 'SLOW'}")
    print("CPU ms and docs/s: median CPU time of one parse; best ms: fastest CPU time; wall ms: median elapsed time "
          "(all higher on a busy machine).")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

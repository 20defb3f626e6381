"""Parse benchmark: documents per second and peak memory, on the reference plan and a 50,000-character work plan;
with --scaling, parse time of generated plans from 100 KB to 2 MB and of a 20,000-item plan (it must grow linearly).

Run from the project root: `.venv/bin/python bench/parse_bench.py` (add `--rounds N` for longer runs,
`--scaling` for the size series).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_workplan import DEADLINES, OBJECTS, SENTENCES, VERBS, work_plan  # noqa: E402

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


_CN = "一二三四五六七八九"
_PLACES = ["发展改革", "财政", "商务", "工业和信息化", "教育", "科技", "公安", "民政", "司法", "人力资源社会保障", "自然资源",
           "生态环境", "住房城乡建设", "交通运输", "农业农村", "文化和旅游", "卫生健康", "应急管理", "市场监管", "数据"]


def _cn(n: int) -> str:
    """1–99 as Chinese numerals (十一, 二十三)."""
    tens, ones = divmod(n, 10)
    return ((_CN[tens - 1] if tens > 1 else "") + "十" if tens else "") + (_CN[ones - 1] if ones else "")


def scaled_plan(target_bytes: int, *, max_items: int | None = None, per_group: int = 30, short: bool = False,
                seed: int = 1) -> tuple[str, int]:
    """A division-of-labour plan of about target_bytes (UTF-8): 一、 → （一） → 1. items, each with owners and a
    deadline. Unit names come from a family of similar names (第N片区X局 / X中心 / X服务中心) that grows with the
    plan, so that duplicate-name detection has work to do. short=True writes one-line items (for the 20,000-item case)."""
    rng = random.Random(seed)
    kinds = ("局", "委", "中心", "服务中心", "管理所")
    lines = ["某某市重点工作任务分工方案", "为确保全年目标任务顺利完成，制定本方案。", "一、重点任务"]
    size = sum(len(line.encode()) + 1 for line in lines)
    top = group = items = 0
    while size < target_bytes and (max_items is None or items < max_items):
        new: list[str] = []
        if items % (per_group * 90) == 0:
            top, group = top + 1, 0
            new.append(f"{_cn(top + 1)}、{rng.choice(OBJECTS)}")
        if items % per_group == 0:
            group += 1
            new.append(f"（{_cn(group)}）{rng.choice(OBJECTS)}")
        items += 1
        # Each stretch of 50 items has its own district, so the number of distinct names grows with the plan.
        district = f"第{items // 50 + 1}片区"
        lead, *others = (f"{district}{rng.choice(_PLACES)}{rng.choice(kinds)}" for _ in range(3))
        task = f"{items % per_group + 1}.{rng.choice(VERBS)}{rng.choice(OBJECTS)}"
        if short:
            new.append(f"{task}。（{lead}负责）")
        else:
            new.append(f"{task}。{rng.choice(SENTENCES)}，{rng.choice(DEADLINES)}完成。"
                       f"（牵头单位：{lead}；配合单位：{'、'.join(others)}）")
        lines.extend(new)
        size += sum(len(line.encode()) + 1 for line in new)
    return "\n".join(lines), items


def scaling(rounds: int) -> bool:
    """Parse time per size; linear growth keeps ms per 100 KB flat."""
    print(f"{'plan':26s} {'KB':>6s} {'chars':>8s} {'items':>7s} {'found':>7s} {'CPU ms':>9s} {'ms/100KB':>9s}"
          f" {'peak MiB':>9s}")
    per_100kb = []
    cases = [(f"{kb} KB work plan", scaled_plan(kb * 1000)) for kb in (100, 250, 500, 1000, 2000)]
    cases.append(("20,000 one-line items", scaled_plan(10**9, max_items=20_000, short=True, per_group=50)))
    for name, (text, items) in cases:
        r = measure(text, rounds)
        found = len(parse_text(text).activities)
        kb = len(text.encode()) / 1000
        per_100kb.append(r["cpu_ms"] / kb * 100)
        print(f"{name:26s} {kb:6.0f} {r['chars']:8.0f} {items:7d} {found:7d} {r['cpu_ms']:9.0f} "
              f"{per_100kb[-1]:9.1f} {r['peak_mib']:9.1f}")
    spread = max(per_100kb[:5]) / min(per_100kb[:5])
    print(f"ms per 100 KB from 100 KB to 2 MB varies by a factor of {spread:.2f} (linear: close to 1)")
    return spread < 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--scaling", action="store_true", help="parse time from 100 KB to 2 MB and 20,000 items")
    args = parser.parse_args()
    if args.scaling:
        return 0 if scaling(max(1, min(args.rounds, 3))) else 1
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

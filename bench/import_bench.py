"""Import benchmark: a 1,000-activity plan from upload to published, stage by stage, on a scratch SQLite database.

    TONGXIN_DATA_DIR=/tmp/tx-import .venv/bin/python bench/import_bench.py [--items 1000]

Stages run as in production: the upload request stores the file and queues the reading; the task worker
(`db_worker --batch`, a process of its own) reads and parses it; the review page is opened (first and last page);
the publish request queues the publishing and the worker publishes. Targets: under 60 s in all, under 300 MB
peak resident memory in every process (the web side's Python allocations are also traced with tracemalloc).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S, TARGET_MB = 60.0, 300.0
UNITS = ["市发展改革委", "市财政局", "市教育局", "市科技局", "市民政局", "市委宣传部", "市侨联", "市工商联", "市台办"]
CN = "一二三四五六七八九十"


def _cn(k: int) -> str:
    if k <= 10:
        return CN[k - 1]
    if k < 100:
        return ("" if k < 20 else CN[k // 10 - 1]) + "十" + (CN[k % 10 - 1] if k % 10 else "")
    return CN[k // 100 - 1] + "百" + ("零" + _cn(k % 100) if 0 < k % 100 < 10 else _cn(k % 100) if k % 100 else "")


def plan_text(items: int) -> str:
    """Numbered activities in groups of ten under （一）（二）… (the group headings are items of their own too)."""
    lines = [
        "某某市委统战部2019年系列活动方案",
        "一、指导思想",
        "以习近平新时代中国特色社会主义思想为指导。",
        "二、活动安排",
    ]
    for i in range(items):
        if i % 10 == 0:
            lines.append(f"（{_cn(i // 10 + 1)}）第{i // 10 + 1}组活动")
        lead, coop = UNITS[i % 9], UNITS[(i + 4) % 9]
        lines.append(
            f"{i % 10 + 1}.举办第{i + 1}期专题学习会。2019年{i % 12 + 1}月中旬，在市民中心举办。"
            f"（责任单位：{lead}；配合单位：{coop}）"
        )
    lines += ["三、工作要求", "（一）加强组织领导。", "联系人：王小明，联系电话：5551234"]
    return "\n".join(lines)


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongxin.settings")
    os.environ.pop("TASKS_BACKEND", None)  # the database queue, as `tongxin serve` runs it
    import django

    django.setup()


def rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def run_worker() -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tongxin.cli", "db_worker", "--batch", "--no-startup-delay"],
        check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - start


def parse_allocations(text: str) -> int:
    """Peak Python allocation of parsing the plan (traced apart: tracemalloc would slow the timed stages)."""
    from tongxin.parser import parse_text

    tracemalloc.start()
    parse_text(text, filename="大方案.txt")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=1000)
    args = ap.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ.setdefault("TONGXIN_DATA_DIR", tempfile.mkdtemp(prefix="tongxin-import-bench-"))
    setup_django()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from tongxin.accounts.models import User
    from tongxin.plans.models import Plan, PlanImport

    call_command("migrate", verbosity=0)
    if Plan.objects.exists():
        print("拒绝运行：数据库里已有方案（请用空的 TONGXIN_DATA_DIR）")
        return 2
    admin = User.objects.create_user(username=f"bench-{time.time_ns()}", password="bench-pass-2019", role="admin")
    client = Client(SERVER_NAME="localhost")
    client.force_login(admin)
    client.get(reverse("plans:list"))  # a running server has its URLs, apps and templates loaded already
    data = plan_text(args.items).encode()
    stages: dict[str, float] = {}
    t0 = time.perf_counter()

    start = time.perf_counter()
    client.post(reverse("ingest:import"), {"file": SimpleUploadedFile("大方案.txt", data)})
    record = PlanImport.objects.latest("pk")
    stages["上传（保存文件、排队）"] = time.perf_counter() - start
    stages["读取和识别（后台任务）"] = run_worker()
    record.refresh_from_db()
    assert record.status == "draft", (record.status, record.error)
    items = len(record.draft["activities"])

    start = time.perf_counter()
    url = reverse("ingest:review", args=[record.pk])
    first = client.get(url)
    last = client.get(url, {"page": 10_000})
    stages["核对页（首页和末页）"] = time.perf_counter() - start
    assert first.status_code == last.status_code == 200

    start = time.perf_counter()
    client.post(reverse("ingest:publish", args=[record.pk]))
    stages["发布（请求）"] = time.perf_counter() - start
    stages["发布（后台任务）"] = run_worker()
    record.refresh_from_db()
    assert record.status == "published", (record.status, record.error)
    published = record.plan.activities.count()
    total = time.perf_counter() - t0
    traced = parse_allocations(data.decode())

    web_mb, worker_mb = rss_mb(resource.RUSAGE_SELF), rss_mb(resource.RUSAGE_CHILDREN)
    print(f"方案：{len(data) / 1024:.0f} KB，{items} 项（{args.items} 项活动及其分组标题），发布 {published} 项")
    for name, seconds in stages.items():
        print(f"  {name:<16} {seconds:7.2f} s")
    print(f"  {'合计':<16} {total:7.2f} s   （目标 < {TARGET_S:.0f} s）")
    print(f"核对页大小：首页 {len(first.content) / 1024:.0f} KB，末页 {len(last.content) / 1024:.0f} KB")
    print(f"内存峰值：网站进程 RSS {web_mb:.0f} MB，后台任务进程 RSS {worker_mb:.0f} MB（目标 < {TARGET_MB:.0f} MB）；"
          f"识别本身的 Python 分配峰值 {traced / 1048576:.0f} MB（tracemalloc）")  # fmt: skip
    ok = total < TARGET_S and max(web_mb, worker_mb) < TARGET_MB and published == items
    print("结果：" + ("达标" if ok else "未达标"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

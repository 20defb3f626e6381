"""Directory import benchmark: a 通讯录 of 300 units and 2,000 people and accounts, read, checked and written.

    TONGXIN_DATA_DIR=/tmp/tx-bench .venv/bin/python bench/directory_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tongxin_bench .venv/bin/python bench/directory_bench.py

The scratch database is emptied first (its name must contain "bench"). The file is built in memory with openpyxl,
then imported through the same service as `tongxin users import` and the import screen: once as a dry run (read +
check), once for real (read + check + write in one transaction). Accounts get no password (invite links) or one
shared initial password hashed once; for comparison the script times one PBKDF2 hash and multiplies it by 2,000,
which is what hashing each account's own password would cost. A 100,000-row file is refused early: timed too.
Target: the real import under 10 s.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import database_label, refuse_unless_scratch, setup_django  # noqa: E402

UNITS, PEOPLE = 300, 2000
TARGET_S = 10
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(i: int) -> str:
    body = f"150402198{i % 10}{(i // 10) % 10}0{1 + i % 9}{i % 10000:04d}"[:17].ljust(17, "0")
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _W, strict=True)) % 11]


def build_file() -> bytes:
    from openpyxl import Workbook

    from tongxin.orgs.directory_io.layout import TABLES

    # A normal workbook (not write-only) writes the <dimension> element, as Excel and WPS do.
    wb = Workbook()
    wb.remove(wb.active)
    heads = {k: [main for main, _o in cols.values()] for k, (_l, cols) in TABLES.items()}
    units = wb.create_sheet("单位")
    units.append(heads["units"])
    names = [f"基准单位{i:03d}" for i in range(UNITS - 3)]
    for i, name in enumerate(names):
        parent = names[i // 10] if i >= 30 else ""
        units.append(
            [name, "", "外部单位", parent, f"基准简称{i:03d}", "", 50 + i, f"联系人{i}", f"0476-{8000000 + i}", i]
        )
    for k in range(3):
        members = "、".join(names[k * 20 : k * 20 + 20])
        units.append([f"基准集合{k}", "", "单位集合", "", "", members, "", "", "", ""])
    people = wb.create_sheet("人员")
    people.append(heads["people"])
    accounts = wb.create_sheet("账号")
    accounts.append(heads["accounts"])
    for i in range(PEOPLE):
        org = names[i % len(names)]
        people.append([f"人员{i:04d}", "男" if i % 2 else "女", org, "干事", "", "无党派人士" if i % 3 == 0 else "",
                       "", f"139{i:08d}", id_number(i), ""])  # fmt: skip
        accounts.append([f"user{i:04d}", f"人员{i:04d}", org, "科室/单位", f"139{i:08d}", ""])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def huge_file() -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("人员")
    ws.append(["姓名", "单位", "手机"])
    for i in range(100_000):
        ws.append([f"人{i}", "某单位", ""])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def main() -> int:
    setup_django()
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.core.management import call_command

    from tongxin.accounts.models import User
    from tongxin.orgs.models import Organisation, Person
    from tongxin.orgs.services import directory_import

    refuse_unless_scratch()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    data = build_file()
    print(f"通讯录文件：单位 {UNITS}、人员 {PEOPLE}、账号 {PEOPLE}，{len(data) // 1024} KB（{database_label()}）")

    started = time.perf_counter()
    dry = directory_import(actor="基准", name="bench.xlsx", data=data, dry_run=True)
    dry_s = time.perf_counter() - started
    assert dry.ok, [str(p) for p in dry.problems[:5]]
    print(f"只检查（读取 + 检查）：{dry_s:.2f} 秒")

    started = time.perf_counter()
    result = directory_import(actor="基准", name="bench.xlsx", data=data)
    real_s = time.perf_counter() - started
    assert result.ok and result.outcome is not None
    counts = (Organisation.objects.count(), Person.objects.count(), User.objects.count())
    print(
        f"导入（读取 + 检查 + 写入，邀请链接）：{real_s:.2f} 秒 → 单位 {counts[0]}、人员 {counts[1]}、账号 {counts[2]}"
    )

    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    shared = directory_import(actor="基准", name="bench.xlsx", data=data, initial_password="Bench-start-2019")
    shared_s = time.perf_counter() - started
    assert shared.ok
    print(f"导入（统一初始密码，只计算一次哈希）：{shared_s:.2f} 秒")

    hasher = PBKDF2PasswordHasher()
    started = time.perf_counter()
    hasher.encode("Bench-start-2019", hasher.salt())
    one = time.perf_counter() - started
    print(
        f"对照：逐个账号计算 PBKDF2（{hasher.iterations:,} 次迭代）约需 {one * PEOPLE:.0f} 秒（单个 {one * 1000:.0f} ms × {PEOPLE}）"
    )

    big = huge_file()
    started = time.perf_counter()
    refused = directory_import(actor="基准", name="huge.xlsx", data=big)
    print(f"10 万行文件被拒绝：{time.perf_counter() - started:.2f} 秒 — {refused.problems[0]}")

    ok = real_s < TARGET_S and shared_s < TARGET_S
    print(f"目标 < {TARGET_S} 秒：{'达到' if ok else '未达到'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

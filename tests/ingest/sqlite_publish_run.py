"""Run by test_sqlite_concurrency in a subprocess with its own file-based SQLite database (TONGXIN_DATA_DIR):
publish a 500-item plan through the background job while another thread keeps saving progress reports.

Prints one JSON line: saves made, saves failed (with the errors), the longest save, and the publish's duration.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(items: int) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongxin.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    assert connection.vendor == "sqlite" and connection.settings_dict["NAME"] != ":memory:"
    from tests.ingest.conftest import numbered_plan
    from tongxin.accounts.models import User
    from tongxin.activities.models import Activity
    from tongxin.ingest.services import (
        plan_import_parse,
        plan_import_publish_run,
        plan_import_publish_start,
        plan_import_upload,
    )
    from tongxin.orgs.models import Organisation
    from tongxin.plans.models import Plan, PlanImport
    from tongxin.supervision.services.reports import report_submit

    unit = Organisation.objects.create(name="党外干部和民主党派科", kind="section")
    admin = User.objects.create_user(username="admin", password="x" * 12, role=User.Role.ADMIN)
    member = User.objects.create_user(username="dangwai", password="x" * 12, role=User.Role.UNIT, organisation=unit)
    other = Plan.objects.create(title="另一方案", year=2019, identity_key="2019:另一方案", status="published")
    activity = Activity.objects.create(plan=other, title="双月读书会活动", number="一")

    def upload(text: str) -> PlanImport:
        record = plan_import_upload(user=admin, name="大方案.txt", data=text.encode())
        plan_import_parse(plan_import=PlanImport.objects.get(pk=record.pk))
        return PlanImport.objects.get(pk=record.pk)

    def publish(record: PlanImport) -> float:
        start = time.perf_counter()
        plan_import_publish_start(user=admin, plan_import=record, merges={})
        plan_import_publish_run(plan_import=PlanImport.objects.get(pk=record.pk), merges={}, user_id=admin.pk)
        return time.perf_counter() - start

    first = upload(numbered_plan(items))
    # The corrected version renames every tenth item: the update path matches changed titles too.
    second = upload(numbered_plan(items).replace("0期专题学习会", "0期专题学习会（调整）"))

    done = threading.Event()
    saves, errors, longest = [0], [], [0.0]

    def keep_saving() -> None:
        try:
            while not done.is_set():
                start = time.perf_counter()
                try:
                    report_submit(actor=member, activity=activity, org=unit, summary=f"第{saves[0] + 1}次报送开展情况")
                    saves[0] += 1
                except Exception as exc:  # what a user would see as a 500
                    errors.append(f"{type(exc).__name__}: {exc}")
                longest[0] = max(longest[0], time.perf_counter() - start)
                time.sleep(0.01)
        finally:
            connection.close()

    writer = threading.Thread(target=keep_saving)
    writer.start()
    time.sleep(0.3)  # the writer is saving before the publish starts
    published = [round(publish(first), 3), round(publish(second), 3)]
    time.sleep(0.3)
    done.set()
    writer.join()
    records = PlanImport.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk")
    plan = records[1].plan
    return {
        "status": [r.status for r in records],
        "error": [r.error for r in records],
        "version": plan.version if plan else None,
        "activities": plan.activities.exclude(state="cancelled").count() if plan else 0,
        "saves": saves[0],
        "errors": errors[:5],
        "longest_save_s": round(longest[0], 3),
        "publish_s": published,
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 500), ensure_ascii=False))

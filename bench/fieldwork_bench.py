"""Field work benchmark: the campaign, household and venue pages (and their API) at two sizes, with query counts.

    createdb -h 127.0.0.1 -U postgres fieldwork_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fieldwork_bench .venv/bin/python bench/fieldwork_bench.py

Full size is 5,000 households (with a visit and two difficulties each), 1,000 venues of five religions in a
four-phase campaign (their checklist items, an inspection per venue and phase) and 50,000 problems in every state.
The base programme comes from bench/generate.py at a small scale (units, users, a published plan); field work's
rows are added with bulk_create from a seeded generator. Each page is requested N times with Django's test client
as the persona who uses it: p50/p95 in ms and the queries of one request, which must not grow with size.
Target: p95 < 200 ms. The database is emptied first, so its name must contain "bench".
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import database_label, prepare, setup_django  # noqa: E402
from supervision_bench import PAGE_TARGET_MS, percentile  # noqa: E402

FULL = {"households": 5_000, "venues": 1_000, "problems": 50_000}
BASE_SCALE = 0.02  # the programme around it: 10 activities, 400 tasks, 2,000 reports, 4 units of bench users
RELIGIONS = ["buddhism", "taoism", "islam", "catholic", "protestant"]
PHASES = ["学习动员", "自查不足", "整改提高", "总结评估"]
CHECKLISTS = {
    "学习动员": ["学习记录", "动员会议记录"],
    "自查不足": ["自查报告"],
    "整改提高": ["整改报告"],
    "总结评估": ["总结报告"],
}


def generate(scale: float, seed: int = 2019) -> dict:
    """Field work rows on top of the base programme; returns the ids the pages need."""
    import datetime as dt
    from decimal import Decimal

    from django.db import transaction

    from tongxin.accounts.models import User
    from tongxin.activities.models import Activity, Assignment
    from tongxin.fieldwork.models import (
        Campaign,
        CampaignPhase,
        CheckItem,
        Difficulty,
        Household,
        Inspection,
        Problem,
        Venue,
        Visit,
    )

    rng = random.Random(seed)
    n = {k: max(1, round(v * scale)) for k, v in FULL.items()}
    unit_user = User.objects.filter(role="unit", organisation__isnull=False).order_by("id").first()
    admin = User.objects.filter(role="admin").order_by("id").first()
    units = list({u.organisation_id for u in User.objects.filter(role="unit", organisation__isnull=False)})
    visits_act, campaign_act = Activity.objects.order_by("id")[:2]
    for act, kinds in ((visits_act, ["visits", "training"]), (campaign_act, ["campaign"])):
        Activity.objects.filter(pk=act.pk).update(kinds=kinds)
        Assignment.objects.bulk_create([Assignment(activity=act, role="cooperating", organisation_id=u) for u in units])
    with transaction.atomic():
        households = Household.objects.bulk_create(
            [
                Household(
                    activity=visits_act,
                    unit_id=units[i % len(units)],
                    head_name=f"户主{i}",
                    id_number=f"150404{1950 + i % 50}0101{i % 10000:04d}"[:18],
                    phone=f"138{i:08d}",
                    town=f"乡镇{i % 20}",
                    village=f"村{i % 200}",
                    causes="因病",
                )
                for i in range(n["households"])
            ],
            batch_size=2000,
        )
        Visit.objects.bulk_create(
            [
                Visit(
                    activity=visits_act,
                    household=h,
                    unit_id=h.unit_id,
                    visited_on=dt.date(2019, 7, 1 + i % 30),
                    content="入户走访",
                )
                for i, h in enumerate(households)
            ],
            batch_size=2000,
        )
        Difficulty.objects.bulk_create(
            [
                Difficulty(
                    household=h,
                    description="困难",
                    state=rng.choice(["open", "helping", "resolved"]),
                    money=Decimal(rng.randint(0, 3000)),
                )
                for h in households
                for _ in range(2)
            ],
            batch_size=2000,
        )
        campaign = Campaign.objects.create(activity=campaign_act, title="教风整治")
        phases = [
            CampaignPhase.objects.create(campaign=campaign, order=i, name=name, checklist=CHECKLISTS[name])
            for i, name in enumerate(PHASES)
        ]
        venues = Venue.objects.bulk_create(
            [
                Venue(campaign=campaign, name=f"场所{i}", religion=RELIGIONS[i % 5], unit_id=units[i % len(units)])
                for i in range(n["venues"])
            ],
            batch_size=2000,
        )
        CheckItem.objects.bulk_create(
            [
                CheckItem(phase=p, venue=v, name=name, done_at=admin.date_joined if rng.random() < 0.7 else None)
                for v in venues
                for p in phases
                for name in p.checklist
            ],
            batch_size=2000,
        )
        inspections = Inspection.objects.bulk_create(
            [Inspection(venue=v, phase=p, inspected_on=dt.date(2019, 5, 1)) for v in venues for p in phases[1:3]],
            batch_size=2000,
        )
        states = ["found", "rectifying", "submitted", "signed_off", "signed_off"]
        Problem.objects.bulk_create(
            [
                Problem(
                    inspection=insp,
                    venue_id=insp.venue_id,
                    phase_id=insp.phase_id,
                    description=f"问题{i}",
                    category="财务管理",
                    state=rng.choice(states),
                    deadline=dt.date(2019, 8, 1 + i % 28),
                )
                for i, insp in ((i, inspections[i % len(inspections)]) for i in range(n["problems"]))
            ],
            batch_size=5000,
        )
    from django.db import connection

    if connection.vendor == "postgresql":  # what autovacuum does soon after a bulk load: statistics, visibility map
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    household = Household.objects.filter(unit_id=unit_user.organisation_id).order_by("id").first()
    venue = Venue.objects.filter(unit_id=unit_user.organisation_id).order_by("id").first()
    return {
        "counts": n,
        "admin": admin.pk,
        "unit_user": unit_user.pk,
        "campaign": campaign.pk,
        "visits_act": visits_act.pk,
        "campaign_act": campaign_act.pk,
        "household": household.pk,
        "venue": venue.pk,
    }


def time_page(url: str, user_id: int, n: int) -> dict:
    """Wall p50/p95, and the median of the request's own CPU time and of its SQL time: on a shared, loaded machine
    the wall time mostly measures the queue for a core, the other two what the page costs."""
    import statistics
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tongxin.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    if client.get(url).status_code != 200:
        return {"status": client.get(url).status_code}
    walls, cpus, sqls, count = [], [], [], 0
    for _ in range(n):
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            walls.append((time.perf_counter() - started) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, url
        sqls.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        count = len(queries)
    return {
        "status": 200,
        "p50": statistics.median(walls),
        "p95": percentile(walls, 0.95),
        "cpu": statistics.median(cpus),
        "sql": statistics.median(sqls),
        "queries": count,
    }


def pages(ids: dict) -> list[tuple[str, str, int]]:
    return [
        ("专项整治页（管理员）", f"/m/fieldwork/campaign/{ids['campaign']}/", ids["admin"]),
        ("专项整治页（单位）", f"/m/fieldwork/campaign/{ids['campaign']}/", ids["unit_user"]),
        ("场所页（单位）", f"/m/fieldwork/venue/{ids['venue']}/", ids["unit_user"]),
        ("帮扶户列表（管理员）", f"/m/fieldwork/households/{ids['visits_act']}/", ids["admin"]),
        ("帮扶户列表（单位）", f"/m/fieldwork/households/{ids['visits_act']}/", ids["unit_user"]),
        ("帮扶户档案（单位）", f"/m/fieldwork/household/{ids['household']}/", ids["unit_user"]),
        ("活动页·整治面板", f"/activities/{ids['campaign_act']}/", ids["admin"]),
        ("活动页·帮扶面板", f"/activities/{ids['visits_act']}/", ids["admin"]),
        ("API /api/campaigns", "/api/campaigns", ids["admin"]),
        ("API /api/households", "/api/households", ids["admin"]),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="走访与整治基准测试（会清空并重建基准数据库）")
    parser.add_argument("-n", type=int, default=30, help="每页请求次数，默认 30")
    parser.add_argument("--scales", default="0.1,1", help="规模列表，默认 0.1,1")
    args = parser.parse_args(argv)
    setup_django()
    rows = []
    for scale in [float(s) for s in args.scales.split(",")]:
        print(f"\n## 规模 {scale:.0%}", flush=True)
        prepare(BASE_SCALE, log=lambda m: None)
        ids = generate(scale)
        print(f"  {ids['counts']}", flush=True)
        gc.collect()
        for name, url, user_id in pages(ids):
            r = time_page(url, user_id, args.n)
            assert r["status"] == 200, (url, r)
            print(
                f"  {name}: p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, CPU {r['cpu']:.1f} ms, "
                f"SQL {r['sql']:.1f} ms, {r['queries']} 次查询",
                flush=True,
            )
            rows.append((name, scale, ids["counts"], r))
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n数据库：{database_label()}；CPU {os.cpu_count()} 核，负载 {load}；目标 p95 < {PAGE_TARGET_MS} ms。\n")
    print("| 页面 | 规模 | 户 / 场所 / 问题 | p50 ms | p95 ms | CPU ms | SQL ms | 查询数 |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for name, scale, c, r in rows:
        flag = "" if r["p95"] < PAGE_TARGET_MS else " ⚠"
        print(
            f"| {name} | {scale:.0%} | {c['households']} / {c['venues']} / {c['problems']} | {r['p50']:.1f} "
            f"| {r['p95']:.1f}{flag} | {r['cpu']:.1f} | {r['sql']:.1f} | {r['queries']} |"
        )
    for name in dict.fromkeys(r[0] for r in rows):
        counts = [r[3]["queries"] for r in rows if r[0] == name]
        if len(set(counts)) > 1:
            print(f"\n⚠ {name} 的查询数随规模变化：{counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

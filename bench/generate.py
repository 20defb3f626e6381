"""Generate a large programme into a scratch database for benchmarks: units, leaders, activities, tasks, reports.

    TONGXIN_DATA_DIR=/tmp/tx-bench .venv/bin/python bench/generate.py            # SQLite, full size
    createdb -h 127.0.0.1 -U postgres tongxin_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tongxin_bench .venv/bin/python bench/generate.py --scale 0.1

Full size is 500 activities, 20 000 tasks and 100 000 reports across 200 units (with sessions, assignments, urges,
approvals, evidence rows and inbox messages). Everything is written with bulk_create from a seeded random generator,
so the same scale gives the same programme. The command empties the database first, so it refuses to run unless the
database's name contains "bench".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FULL = {"activities": 500, "tasks": 20_000, "reports": 100_000, "units": 200, "leaders": 20}
YEAR = 2019
TODAY = dt.date(YEAR, 8, 15)
BATCH = 2000
PASSWORD = "bench-pass-2019"

KINDS = ["meeting", "training", "visits", "call:proposal", "call:essay", "quiz", "event", "campaign", "publicity"]
DOING = [
    "组织召开专题会议",
    "开展集中学习",
    "走访慰问党外人士",
    "举办专题培训",
    "征集意见建议",
    "开展宣传报道",
    "组织实地调研",
]
WHERE = ["市委统战部会议室", "市民中心", "社会主义学院", "各旗县区", "五当召", "市图书馆", "红山区"]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongxin.settings")
    os.environ.setdefault("TONGXIN_TODAY", TODAY.isoformat())
    import django

    django.setup()


@dataclass
class Programme:
    """What a benchmark needs to know about the generated programme: ids to sign in as and to open."""

    plan_id: int
    admin_id: int
    leader_user_id: int
    unit_user_id: int
    unit_id: int
    counts: dict[str, int] = field(default_factory=dict)


def sizes(scale: float) -> dict[str, int]:
    """The full size times `scale`, keeping at least one of everything and the leaders as they are."""
    out = {k: max(1, round(v * scale)) for k, v in FULL.items()}
    out["leaders"] = FULL["leaders"] if scale >= 0.1 else max(1, round(FULL["leaders"] * scale))
    return out


@contextmanager
def stamped_by_us() -> Iterator[None]:
    """Let bulk_create keep the times we give instead of "now": a programme's history spans the whole year."""
    from tongxin.activities.models import Activity
    from tongxin.notify.models import Notification
    from tongxin.supervision.models import Approval, Evidence, ProgressReport, Task, Urge

    fields = [
        Activity._meta.get_field("created_at"),
        Activity._meta.get_field("updated_at"),
        Task._meta.get_field("created_at"),
        Task._meta.get_field("updated_at"),
        ProgressReport._meta.get_field("submitted_at"),
        Evidence._meta.get_field("uploaded_at"),
        Urge._meta.get_field("at"),
        Approval._meta.get_field("created_at"),
        Notification._meta.get_field("created_at"),
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def day_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def generate(
    *,
    activities: int,
    tasks: int,
    reports: int,
    units: int,
    leaders: int,
    seed: int = YEAR,
    log=lambda message: None,
) -> Programme:
    """Write one published plan of the given size; the database should hold no other plan (see `main`)."""
    from django.db import transaction

    rng = random.Random(seed)
    with transaction.atomic(), stamped_by_us():
        people = _people(rng, units=units, leaders=leaders)
        log(f"单位 {units}，领导 {leaders}，账号 {len(people['unit_users']) + len(people['leader_users']) + 2}")
        plan, acts = _activities(rng, people, activities)
        log(f"活动 {len(acts)}")
        task_rows = _tasks(rng, acts, tasks)
        log(f"任务 {len(task_rows)}")
        n_reports, n_evidence = _reports(rng, acts, task_rows, reports)
        log(f"开展情况 {n_reports}，附件 {n_evidence}")
        n_urges, n_approvals = _urges_and_approvals(rng, acts, task_rows, people)
        n_notes = _inbox(rng, people)
        log(f"催办 {n_urges}，请示报备 {n_approvals}，消息 {n_notes}")
    unit_user = people["unit_users"][len(people["unit_users"]) // 2]
    return Programme(
        plan_id=plan.pk,
        admin_id=people["admin"].pk,
        leader_user_id=people["leader_users"][0].pk,
        unit_user_id=unit_user.pk,
        unit_id=unit_user.organisation_id,
        counts={
            "activities": len(acts),
            "tasks": len(task_rows),
            "reports": n_reports,
            "units": units,
            "leaders": leaders,
            "evidence": n_evidence,
            "urges": n_urges,
            "approvals": n_approvals,
        },
    )


def _people(rng: random.Random, *, units: int, leaders: int) -> dict:
    from django.contrib.auth.hashers import make_password

    from tongxin.accounts.models import User
    from tongxin.orgs.models import Organisation, Person

    dept = Organisation.objects.create(name="基准市委统战部", kind=Organisation.Kind.DEPARTMENT)
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"基准单位{i:03d}",
                kind=Organisation.Kind.SECTION if i % 5 == 0 else Organisation.Kind.UNIT,
                parent=dept if i % 5 == 0 else None,
                sort_order=i,
            )
            for i in range(units)
        ],
        batch_size=BATCH,
    )
    persons = Person.objects.bulk_create(
        [Person(name=f"基准领导{i:02d}", kind=Person.Kind.LEADER, title="副部长") for i in range(leaders)]
    )
    hashed = make_password(PASSWORD)  # one hash for all: hashing is slow on purpose
    admin = User.objects.create(username="bench-admin", password=hashed, role=User.Role.ADMIN, display_name="管理员")
    User.objects.create(username="bench-viewer", password=hashed, role=User.Role.VIEWER, display_name="只读")
    leader_users = User.objects.bulk_create(
        [
            User(username=f"bench-leader{i:02d}", password=hashed, role=User.Role.LEADER, person=p, display_name=p.name)
            for i, p in enumerate(persons)
        ]
    )
    unit_users = User.objects.bulk_create(
        [
            User(
                username=f"bench-unit{i:03d}", password=hashed, role=User.Role.UNIT, organisation=o, display_name=o.name
            )
            for i, o in enumerate(orgs)
        ],
        batch_size=BATCH,
    )
    return {"admin": admin, "orgs": orgs, "persons": persons, "leader_users": leader_users, "unit_users": unit_users}


@dataclass
class _Act:
    activity: object
    responsible: list
    cooperating: list
    sessions: list


def _activities(rng: random.Random, people: dict, n: int):
    from tongxin.activities.models import Activity, Assignment, Session, TimeWindow
    from tongxin.plans.models import Plan

    plan = Plan.objects.create(
        title=f"基准测试方案（{n}项活动）",
        year=YEAR,
        issuer="基准市委统战部",
        identity_key=f"bench:{YEAR}:{n}",
        status=Plan.Status.PUBLISHED,
        published_at=at(dt.date(YEAR, 1, 2)),
    )
    created = at(dt.date(YEAR, 1, 2))
    rows = []
    for i in range(n):
        start = day_in(rng, dt.date(YEAR, 1, 1), dt.date(YEAR, 11, 1))
        end = min(start + dt.timedelta(days=rng.choice([0, 1, 7, 30, 60, 120])), dt.date(YEAR, 12, 31))
        rows.append(
            Activity(
                plan=plan,
                number=str(i + 1),
                order=i,
                title=f"基准活动{i + 1}：{rng.choice(DOING)}",
                kinds=[rng.choice(KINDS)],
                paragraph=f"（{i + 1}）{rng.choice(DOING)}。" * 3,
                places=[rng.choice(WHERE)],
                starts_on=start,
                ends_on=end,
                created_at=created,
                updated_at=created,
            )
        )
    activities = Activity.objects.bulk_create(rows, batch_size=BATCH)
    TimeWindow.objects.bulk_create(
        [
            TimeWindow(activity=a, start=a.starts_on, end=a.ends_on, text=f"{a.starts_on.month}月{a.starts_on.day}日起")
            for a in activities
        ],
        batch_size=BATCH,
    )
    sessions = Session.objects.bulk_create(
        [
            Session(
                activity=a,
                order=k,
                title=f"第{k + 1}场",
                start=day_in(rng, a.starts_on, a.ends_on),
                end=a.ends_on,
                place=rng.choice(WHERE),
            )
            for a in activities
            for k in range(rng.randint(0, 4))
        ],
        batch_size=BATCH,
    )
    by_activity: dict[int, list] = {}
    for s in sessions:
        by_activity.setdefault(s.activity_id, []).append(s)
    orgs, persons = people["orgs"], people["persons"]
    acts, assignments = [], []
    for i, a in enumerate(activities):
        picked = rng.sample(orgs, min(len(orgs), rng.randint(1, 4)))
        responsible, cooperating = picked[: max(1, len(picked) // 2)], picked[max(1, len(picked) // 2) :]
        lead = persons[i % len(persons)]
        assignments.append(Assignment(activity=a, role=Assignment.Role.LEAD, person=lead, name_as_written=lead.name))
        for order, o in enumerate(responsible):
            assignments.append(
                Assignment(
                    activity=a, role=Assignment.Role.RESPONSIBLE, organisation=o, order=order, name_as_written=o.name
                )
            )
        for order, o in enumerate(cooperating):
            assignments.append(
                Assignment(
                    activity=a, role=Assignment.Role.COOPERATING, organisation=o, order=order, name_as_written=o.name
                )
            )
        acts.append(_Act(a, responsible, cooperating, by_activity.get(a.pk, [])))
    Assignment.objects.bulk_create(assignments, batch_size=BATCH)
    return plan, acts


def _share(total: int, parts: int, i: int) -> int:
    """Part i of `total` split as evenly as possible into `parts`."""
    return total // parts + (1 if i < total % parts else 0)


def _tasks(rng: random.Random, acts: list[_Act], total: int) -> list:
    from tongxin.supervision.models import Task

    rows = []
    for i, act in enumerate(acts):
        a = act.activity
        for j in range(_share(total, len(acts), i)):
            owner = act.responsible[j % len(act.responsible)]
            session = act.sessions[j % len(act.sessions)] if act.sessions and j % 3 == 1 else None
            if j == 0:
                kind, title = Task.Kind.IMPL_PLAN, f"报送细化实施方案：{a.title}"
                due = max(a.starts_on - dt.timedelta(days=14), dt.date(YEAR, 1, 1))
            elif session is not None:
                kind, title, due = Task.Kind.SESSION, f"举办并报送：{session.title}（{a.title}）", session.end
            elif j % 3 == 2:
                month = rng.randint(1, 12)
                kind, title = Task.Kind.PERIODIC, f"月度进展报送（{YEAR}-{month:02d}）：{a.title}"
                due = dt.date(YEAR, month, 25)
            else:
                kind, title = Task.Kind.RESULTS, f"报送开展情况和成效（{j}）：{a.title}"
                due = a.ends_on + dt.timedelta(days=7)
            original = due
            if rng.random() < 0.05:
                due = due + dt.timedelta(days=14)  # an approved extension
            state, done_at = _task_state(rng, due)
            rows.append(
                Task(
                    activity=a,
                    session=session,
                    kind=kind,
                    title=title[:300],
                    owner_org=owner,
                    due=due,
                    original_due=original,
                    state=state,
                    done_at=done_at,
                    period=f"{due:%Y-%m}",
                    created_at=at(dt.date(YEAR, 1, 2)),
                    updated_at=at(min(due, TODAY)),
                    last_urged_at=at(TODAY - dt.timedelta(days=rng.randint(1, 20)))
                    if state == Task.State.OPEN and due < TODAY and rng.random() < 0.5
                    else None,
                )
            )
    return Task.objects.bulk_create(rows, batch_size=BATCH)


def _task_state(rng: random.Random, due: dt.date):
    from tongxin.supervision.models import Task

    roll = rng.random()
    if due < TODAY:
        if roll < 0.7:
            return Task.State.DONE, at(due + dt.timedelta(days=rng.randint(-10, 5)), 16)
        return (Task.State.OPEN if roll < 0.85 else Task.State.SUBMITTED if roll < 0.95 else Task.State.RETURNED), None
    if roll < 0.02:
        return Task.State.CANCELLED, None
    if roll < 0.12:
        return Task.State.DONE, at(TODAY - dt.timedelta(days=rng.randint(1, 30)), 16)
    return Task.State.OPEN, None


def _reports(rng: random.Random, acts: list[_Act], tasks: list, total: int) -> tuple[int, int]:
    from tongxin.supervision.models import Evidence, ProgressReport

    tasks_of: dict[int, list] = {}
    for t in tasks:
        tasks_of.setdefault(t.activity_id, []).append(t)
    written = evidence = 0
    batch: list = []

    def flush():
        nonlocal written, evidence
        saved = ProgressReport.objects.bulk_create(batch, batch_size=BATCH)
        files = [
            Evidence(
                report=r,
                file=f"evidence/bench/{r.pk}-{k}.png",
                original_name=f"现场{k + 1}.png",
                content_type="image/png",
                size=48_000 + k,
                uploaded_at=r.submitted_at,
            )
            for r in saved
            if r.pk % 7 == 0
            for k in range(1 + r.pk % 2)
        ]
        Evidence.objects.bulk_create(files, batch_size=BATCH)
        written += len(saved)
        evidence += len(files)
        batch.clear()

    states = (
        [ProgressReport.State.ACCEPTED] * 7 + [ProgressReport.State.SUBMITTED] * 2 + [ProgressReport.State.RETURNED]
    )
    for i, act in enumerate(acts):
        a, orgs = act.activity, act.responsible + act.cooperating
        own_tasks = tasks_of.get(a.pk, [])
        for j in range(_share(total, len(acts), i)):
            held = day_in(rng, a.starts_on, min(a.ends_on, TODAY)) if a.starts_on <= TODAY else None
            sent = (held or TODAY - dt.timedelta(days=rng.randint(0, 200))) + dt.timedelta(days=rng.randint(0, 5))
            state = rng.choice(states)
            task = own_tasks[j % len(own_tasks)] if own_tasks and j % 4 == 0 else None
            batch.append(
                ProgressReport(
                    activity=a,
                    session=act.sessions[j % len(act.sessions)] if act.sessions and j % 5 == 0 else None,
                    task=task,
                    org=orgs[j % len(orgs)],
                    summary=f"{rng.choice(DOING)}，{rng.choice(DOING)}，参加人员反响良好，取得了预期效果。第{j + 1}次报送。",
                    held_on=held,
                    place=rng.choice(WHERE) if held else "",
                    participants=rng.randint(5, 300) if held else None,
                    media_links=f"https://news.example.com/bench/{a.pk}/{j}" if j % 5 == 0 else "",
                    state=state,
                    review_comment="请补充现场照片" if state == ProgressReport.State.RETURNED else "",
                    reviewed_at=at(sent + dt.timedelta(days=1)) if state != ProgressReport.State.SUBMITTED else None,
                    submitted_at=at(sent, 9 + j % 8),
                )
            )
            if len(batch) >= BATCH * 5:
                flush()
    if batch:
        flush()
    return written, evidence


def _urges_and_approvals(rng: random.Random, acts: list[_Act], tasks: list, people: dict) -> tuple[int, int]:
    from tongxin.supervision.models import Approval, Task, Urge

    late = [t for t in tasks if t.state == Task.State.OPEN and t.due < TODAY]
    urges = [
        Urge(
            task=t,
            by=people["admin"],
            by_name="管理员",
            to_org_id=t.owner_org_id,
            channels=["inbox"],
            note="请尽快报送",
            escalation=k == 2,
            at=at(t.due + dt.timedelta(days=3 + 7 * k), 9),
        )
        for t in late
        for k in range(1 + t.pk % 3)
    ]
    Urge.objects.bulk_create(urges, batch_size=BATCH)
    kinds = [Approval.Kind.REQUEST, Approval.Kind.FILING, Approval.Kind.EXTENSION]
    approvals = []
    for i, act in enumerate(acts):
        for k in range(2):
            kind = kinds[(i + k) % 3]
            pending = (i + k) % 3 == 0
            approvals.append(
                Approval(
                    kind=kind,
                    activity=act.activity,
                    org=act.responsible[0],
                    requested_by=None,
                    title=f"关于{act.activity.title}的{Approval.Kind(kind).label}",
                    body="特此申请。",
                    state=Approval.State.PENDING
                    if pending
                    else (Approval.State.ACKNOWLEDGED if kind == Approval.Kind.FILING else Approval.State.APPROVED),
                    created_at=at(max(act.activity.starts_on - dt.timedelta(days=10), dt.date(YEAR, 1, 2))),
                )
            )
    Approval.objects.bulk_create(approvals, batch_size=BATCH)
    return len(urges), len(approvals)


def _inbox(rng: random.Random, people: dict) -> int:
    from tongxin.notify.models import Notification

    users = [people["admin"], *people["leader_users"], *people["unit_users"]]
    notes = [
        Notification(
            recipient=u,
            kind="task.urge",
            title=f"【催办】基准事项{k}",
            url="/supervision/",
            created_at=at(TODAY - dt.timedelta(days=k)),
            read_at=at(TODAY) if k > 5 else None,
        )
        for u in users
        for k in range(20)
    ]
    Notification.objects.bulk_create(notes, batch_size=BATCH)
    return len(notes)


def database_label() -> str:
    from django.db import connection

    return f"{connection.vendor}:{connection.settings_dict['NAME']}"


def refuse_unless_scratch() -> None:
    """The benchmark empties the database: only one whose name says it is a bench database."""
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    if "bench" not in name:
        sys.exit(
            f"拒绝运行：基准测试会清空数据库，而当前数据库是 {name}。"
            "请用 TONGXIN_DATA_DIR=/tmp/tx-bench 或 DATABASE_URL=…/tongxin_bench 指向一个名字含 bench 的数据库。"
        )


def prepare(scale: float, *, log=print) -> Programme:
    """Empty the scratch database (migrating it first if new) and generate the programme at `scale`."""
    from django.core.management import call_command

    refuse_unless_scratch()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    programme = generate(**sizes(scale), log=log)
    log(f"生成用时 {time.perf_counter() - started:.1f} 秒（{database_label()}）")
    return programme


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成基准测试用的大型方案（会清空数据库）")
    parser.add_argument("--scale", type=float, default=1.0, help="相对完整规模的比例，默认 1（500 项活动）")
    args = parser.parse_args(argv)
    setup_django()
    programme = prepare(args.scale)
    print(programme)
    return 0


if __name__ == "__main__":
    sys.exit(main())

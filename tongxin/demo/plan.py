"""Demo accounts, one per role, created by `tongxin serve` on an empty database; the directory the demo needs."""

from __future__ import annotations

import datetime as dt

DEMO_PASSWORD = "tongxin2019"
# What a reviewer decides about the parser's possible duplicates in the reference plan.
DEMO_MERGES = {"党外知识分子联络服务中心": "党外知识分子联络中心", "党外干部和人事党派科": "党外干部和民主党派科"}
DEMO_PLAN_TITLE = "全市统一战线庆祝新中国成立70周年系列活动方案"

# The collectives the plan names, mapped once to their member units (see demo_directory).
SECTIONS_COLLECTIVE = "部机关各科室"
PARTIES_COLLECTIVE = "各民主党派市委〈总支〉办公室"
# The eight democratic parties as the city has them: city committees, and general branches (总支) where a party is
# small there — the plan's "各民主党派市委（总支）" stands for all eight.
PARTIES = [
    ("minge", "民革赤峰市委", "民革"),
    ("minmeng", "民盟赤峰市委", "民盟"),
    ("minjian", "民建赤峰市委", "民建"),
    ("minjin", "民进赤峰市委", "民进"),
    ("nonggong", "农工党赤峰市委", "农工党"),
    ("zhigong", "致公党赤峰市总支", "致公党"),
    ("jiusan", "九三学社赤峰市委", "九三学社"),
    ("taimeng", "台盟赤峰市总支", "台盟"),
]

# (username, display name, role, unit name or None, leader name or None, what it shows)
DEMO_ACCOUNTS_SPEC = [
    ("admin", "部办公室管理员", "admin", "办公室", None, "部门管理员：导入、发布、通讯录、全部功能"),
    ("zhangsh", "张圣合", "leader", None, "张圣合", "牵头领导：看自己牵头的活动"),
    ("wulj", "乌力吉", "leader", None, "乌力吉", "牵头领导"),
    (
        "dangwai",
        "党外干部和民主党派科",
        "unit",
        "党外干部和民主党派科",
        None,
        "责任科室：本科室的活动（含“部机关各科室”的）",
    ),
    ("zongjiao", "宗教业务科", "unit", "宗教业务科", None, "责任科室"),
    ("qiaolian", "市侨联", "member_org", "市侨联", None, "配合单位（成员组织）"),
    ("viewer", "只读查看", "viewer", None, None, "只读：能看不能改"),
] + [
    (username, name, "member_org", name, None, f"民主党派（{short}）：本党派在活动二的任务和灯")
    for username, name, short in PARTIES
]

DEMO_ACCOUNTS = [
    {"username": u, "password": DEMO_PASSWORD, "description": desc} for u, _n, _r, _o, _p, desc in DEMO_ACCOUNTS_SPEC
]

# A handful of non-Party figures (党外人士) for the people screen: (name, gender, unit, title, category, party, phone).
DEMO_FIGURES = [
    ("李文华", "女", "民盟赤峰市委", "主委", "party_member", "民盟", "13847601234"),
    ("王建国", "男", "民建赤峰市委", "副主委", "party_member", "民建", "13904761288"),
    ("赵敏", "女", None, "赤峰学院教授", "non_party", "", "15004765566"),
    ("孙立新", "男", None, "律师事务所主任", "new_strata", "", "18647608899"),
    ("马志强", "男", None, "市伊斯兰教协会副会长", "religious", "", "13500476677"),
    ("包·巴特尔", "男", None, "市政协委员", "ethnic", "", "13214761010"),
    ("陈嘉欣", "女", "市侨联", "归侨企业家", "overseas", "", "13947602020"),
]


def example_plan_path():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "examples" / "chifeng-2019-united-front-70th-plan.txt"


DEMO_TODAY = "2019-08-15"
PLAN_PUBLISHED_AT = dt.datetime(2019, 1, 2, 10, 0)


def demo_load(*, stage: str = "plan") -> dict:
    """Run the reference plan through the real import, then create the department's units and one account per role.

    Stages: "plan" — the plan just published; "running" — replayed to mid-August 2019 (reports, late and urged
    tasks, an approved extension), seen with "today" pinned to DEMO_TODAY."""
    from django.db import transaction

    from tongxin.accounts.models import User
    from tongxin.core import clock
    from tongxin.ingest.services import plan_import_create, plan_import_publish
    from tongxin.orgs.models import Organisation, Person

    path = example_plan_path()
    # The plan is imported as it was at the start of 2019, so nothing in the demo is stamped after its pinned today.
    with clock.travel(PLAN_PUBLISHED_AT), transaction.atomic():
        _parties()
        record = plan_import_create(user="演示数据", name=path.name, data=path.read_bytes())
        # The reference plan's web copy lost its title line; a reviewer types it in, as the demo does here.
        if not record.draft.get("title") or record.draft["title"] == path.stem:
            record.draft["title"] = DEMO_PLAN_TITLE
        _reviewer_adds_parties_to_training(record.draft)
        record.save(update_fields=["draft"])
        plan = plan_import_publish(user="演示数据", plan_import=record, merges=DEMO_MERGES)
        dept, _ = Organisation.objects.get_or_create(
            name="市委统战部",
            defaults={"kind": Organisation.Kind.DEPARTMENT, "type": "department", "short_name": "统战部"},
        )
        Organisation.objects.filter(kind=Organisation.Kind.SECTION, parent__isnull=True).update(parent=dept)
        for username, display, role, unit, leader, _desc in DEMO_ACCOUNTS_SPEC:
            org = None
            if unit:
                org, _ = Organisation.objects.get_or_create(name=unit, defaults={"parent": dept})
            person = Person.objects.filter(name=leader, kind=Person.Kind.LEADER).first() if leader else None
            if not User.objects.filter(username=username).exists():
                user = User.objects.create_user(
                    username=username, password=DEMO_PASSWORD, display_name=display, role=role
                )
                user.organisation = org
                user.person = person
                user.save()
        _figures()
    if stage in ("running", "closing"):
        from tongxin.demo.running import demo_stage_running

        demo_stage_running()
        demo_directory_running(plan)
    # "closing" replays the rest of 2019 on top of "running": the modules' autumn, for the year-end summary.
    for step in ("running", "closing") if stage == "closing" else (stage,):
        demo_run_module_stages(plan, step)
    return {"plan": plan, "accounts": DEMO_ACCOUNTS}


def demo_run_module_stages(plan, stage: str) -> None:
    """Each activity module's own demo for this stage (see tongxin.core.modules), after the core stages."""
    from tongxin.core import modules

    for module in modules.all_modules():
        step = module.demo_stages.get(stage)
        if step is not None:
            step(plan)


def _parties() -> None:
    """The six party committees and the collective the plan names them by, mapped before the plan is imported, so
    the import finds the collective by its name (or an alias) and its work fans out to each party."""
    from tongxin.orgs.models import Organisation, OrganisationAlias
    from tongxin.orgs.services import organisation_create, organisation_set_members

    actor = "演示数据"
    parties = []
    for order, (_u, name, short) in enumerate(PARTIES):
        org = Organisation.objects.filter(name=name).first() or organisation_create(
            actor=actor, name=name, short_name=short, type="party", kind="member", sort_order=100 + order
        )
        parties.append(org)
    collective = Organisation.objects.filter(name=PARTIES_COLLECTIVE).first() or organisation_create(
        actor=actor, name=PARTIES_COLLECTIVE, kind="collective", type="collective"
    )
    for alias in ("各民主党派市委（总支）", "各民主党派市委(总支)"):
        OrganisationAlias.objects.get_or_create(name=alias, defaults={"organisation": collective})
    organisation_set_members(actor=actor, collective=collective, members=parties)


def _reviewer_adds_parties_to_training(draft: dict) -> None:
    """Activity 二's text has the parties select the trainees ("由各民主党派市委(总支)选调"); the parser reads only the
    bracketed roles, so the reviewer adds them as cooperating units, as anyone may on the review screen."""
    for item in draft.get("activities", []):
        if item.get("number") == "二" and PARTIES_COLLECTIVE not in (item.get("cooperating") or []):
            item["cooperating"] = [*(item.get("cooperating") or []), PARTIES_COLLECTIVE]


def _figures() -> None:
    from tongxin.orgs.models import Organisation, Person
    from tongxin.orgs.services import person_create

    for name, gender, unit, title, category, party, phone in DEMO_FIGURES:
        if Person.objects.filter(name=name, kind=Person.Kind.FIGURE).exists():
            continue
        org = Organisation.objects.filter(name=unit).first() if unit else None
        person_create(
            actor="演示数据", name=name, gender=gender, organisation=org, title=title, kind=Person.Kind.FIGURE,
            category=category, party=party, phone=phone,
        )  # fmt: skip


def demo_directory_running(plan) -> None:
    """After the replay: 部机关各科室 is mapped to the department's sections (the half-year the office reported for
    the collective stays where it was reported), and each party is asked, through the collective, for its trainees
    for activity 二 — one task and one light per party; most answered on time, one late, one still owing."""
    from tongxin.accounts.models import User
    from tongxin.demo.running import replay_at
    from tongxin.orgs.models import Organisation
    from tongxin.orgs.services import organisation_set_members
    from tongxin.supervision.models import Task
    from tongxin.supervision.services import report_accept, report_submit, tasks_create_for

    sections = Organisation.objects.filter(name=SECTIONS_COLLECTIVE).first()
    if sections is not None and not sections.members.exists():
        members = Organisation.objects.filter(kind=Organisation.Kind.SECTION, parent__name="市委统战部")
        with replay_at(dt.date(2019, 7, 1), 9):
            organisation_set_members(actor="演示数据", collective=sections, members=list(members))
    training = plan.activities.get(number="二")
    parties = Organisation.objects.get(name=PARTIES_COLLECTIVE)
    title = "选调骨干成员及优秀年轻干部参加培训班，报送名单"
    if Task.objects.filter(activity=training, title=title).exists():
        return
    admin = User.objects.get(username="admin")
    with replay_at(dt.date(2019, 5, 6), 10):
        tasks = tasks_create_for(
            actor=admin, activity=training, title=title, owner_org=parties, due=dt.date(2019, 5, 31)
        )
    users = {u.organisation_id: u for u in User.objects.filter(organisation__in=[t.owner_org for t in tasks])}
    answered = {
        "民革赤峰市委": 27, "民盟赤峰市委": 28, "民建赤峰市委": 29, "民进赤峰市委": 30, "农工党赤峰市委": 37,
        "九三学社赤峰市委": 29, "台盟赤峰市总支": 36,
    }  # fmt: skip
    for task in tasks:
        day = answered.get(task.owner_org.name)
        if day is None:
            continue  # 致公党赤峰市总支 has not sent its list: its light is red
        sent = dt.date(2019, 5, day) if day <= 31 else dt.date(2019, 6, day - 31)
        with replay_at(sent, 16):
            report = report_submit(
                actor=users[task.owner_org_id],
                activity=training,
                org=task.owner_org,
                task=task,
                summary=f"{task.owner_org.short_name or task.owner_org.name}报送参训人员名单 6 人",
            )
        with replay_at(sent + dt.timedelta(days=1), 9, 30):
            report_accept(actor=admin, report=report, comment="已收到。")

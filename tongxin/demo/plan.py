"""Demo accounts, one per role, created by `tongxin serve` on an empty database."""

from __future__ import annotations

import datetime as dt

DEMO_PASSWORD = "tongxin2019"
# What a reviewer decides about the parser's possible duplicates in the reference plan.
DEMO_MERGES = {"党外知识分子联络服务中心": "党外知识分子联络中心", "党外干部和人事党派科": "党外干部和民主党派科"}
DEMO_PLAN_TITLE = "全市统一战线庆祝新中国成立70周年系列活动方案"

# (username, display name, role, unit name or None, leader name or None, what it shows)
DEMO_ACCOUNTS_SPEC = [
    ("admin", "部办公室管理员", "admin", "办公室", None, "部门管理员：导入、发布、全部功能"),
    ("zhangsh", "张圣合", "leader", None, "张圣合", "牵头领导：看自己牵头的活动"),
    ("wulj", "乌力吉", "leader", None, "乌力吉", "牵头领导"),
    ("dangwai", "党外干部和民主党派科", "unit", "党外干部和民主党派科", None, "责任科室：只看本科室的活动"),
    ("zongjiao", "宗教业务科", "unit", "宗教业务科", None, "责任科室"),
    ("qiaolian", "市侨联", "member_org", "市侨联", None, "配合单位（成员组织）"),
    ("viewer", "只读查看", "viewer", None, None, "只读：能看不能改"),
]

DEMO_ACCOUNTS = [
    {"username": u, "password": DEMO_PASSWORD, "description": desc} for u, _n, _r, _o, _p, desc in DEMO_ACCOUNTS_SPEC
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
    from tongxin.orgs.models import Organisation, Person
    from tongxin.plans.services import plan_import_create, plan_import_publish

    path = example_plan_path()
    # The plan is imported as it was at the start of 2019, so nothing in the demo is stamped after its pinned today.
    with clock.travel(PLAN_PUBLISHED_AT), transaction.atomic():
        record = plan_import_create(user="演示数据", name=path.name, data=path.read_bytes())
        # The reference plan's web copy lost its title line; a reviewer types it in, as the demo does here.
        if not record.draft.get("title") or record.draft["title"] == path.stem:
            record.draft["title"] = DEMO_PLAN_TITLE
            record.save(update_fields=["draft"])
        plan = plan_import_publish(user="演示数据", plan_import=record, merges=DEMO_MERGES)
        dept, _ = Organisation.objects.get_or_create(
            name="市委统战部", defaults={"kind": Organisation.Kind.DEPARTMENT, "short_name": "统战部"}
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
    if stage == "running":
        from tongxin.demo.running import demo_stage_running

        demo_stage_running()
    demo_run_module_stages(plan, stage)
    return {"plan": plan, "accounts": DEMO_ACCOUNTS}


def demo_run_module_stages(plan, stage: str) -> None:
    """Each activity module's own demo for this stage (see tongxin.core.modules), after the core stages."""
    from tongxin.core import modules

    for module in modules.all_modules():
        step = module.demo_stages.get(stage)
        if step is not None:
            step(plan)

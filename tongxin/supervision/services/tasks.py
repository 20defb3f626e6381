"""Tasks: generated from the plan, created by hand, moved by optimistic-locked updates, and from reporting rules."""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import transaction
from django.db.models import F

from tongxin.activities.models import Activity, Assignment
from tongxin.audit.services import audit_record
from tongxin.core import clock
from tongxin.core.text import quoted
from tongxin.notify.webhooks import webhook_event
from tongxin.supervision.models import ReportingRule, Task
from tongxin.supervision.services.errors import ConcurrentUpdate, SupervisionError

IMPL_PLAN_LEAD_DAYS = 14  # the refined implementation plan is due two weeks before an activity starts
RESULTS_AFTER_DAYS = 7  # the results report is due a week after an activity or session ends


def _responsible_orgs(activity: Activity, keep: frozenset = frozenset()) -> list:
    orgs = [
        a.organisation for a in activity.assignments.all() if a.role == Assignment.Role.RESPONSIBLE and a.organisation
    ]
    if not orgs and activity.owner_org:
        orgs = [activity.owner_org]
    return _fan_out(orgs, keep)


def _fan_out(orgs: list, keep: frozenset = frozenset()) -> list:
    """A collective mapped to its members (部机关各科室 → each section) gives each member its own task; a placeholder
    name (各有关单位) gets none. A collective in `keep` already holds this activity's tasks from before it was mapped:
    it keeps them, and gets the rest there too, so nobody is asked twice for the same thing."""
    out: list = []
    for org in orgs:
        members = [] if org.pk in keep else [m for m in org.members.all() if m.is_active]
        for unit in members or ([] if org.is_placeholder else [org]):
            if unit not in out:
                out.append(unit)
    return out


def _collectives_holding_tasks(activities) -> dict[int, frozenset]:
    """Per activity, the mapped collectives that already own tasks on it (generated before the mapping)."""
    rows = (
        Task.objects.filter(activity__in=activities, owner_org__members__isnull=False)
        .values_list("activity_id", "owner_org_id")
        .distinct()
    )
    out: dict[int, set] = {}
    for act_id, org_id in rows:
        out.setdefault(act_id, set()).add(org_id)
    return {k: frozenset(v) for k, v in out.items()}


def _planned_tasks(activity: Activity, keep: frozenset = frozenset()) -> list[Task]:
    """The tasks a plan implies for one activity: an implementation plan, each session held, a results report."""
    start, end = activity.starts_on, activity.ends_on
    if end is None:
        return []
    out: list[Task] = []
    for org in _responsible_orgs(activity, keep):
        if start is not None:
            due = max(start - dt.timedelta(days=IMPL_PLAN_LEAD_DAYS), start.replace(month=1, day=1))
            out.append(
                Task(kind=Task.Kind.IMPL_PLAN, title=f"报送细化实施方案：{activity.title}", due=due, owner_org=org)
            )
        for s in activity.sessions.all():
            if s.end and s.state != "cancelled":
                out.append(
                    Task(kind=Task.Kind.SESSION, session=s, title=f"举办并报送：{s.title}", due=s.end, owner_org=org)
                )
        out.append(
            Task(
                kind=Task.Kind.RESULTS,
                title=f"报送开展情况和成效：{activity.title}",
                due=end + dt.timedelta(days=RESULTS_AFTER_DAYS),
                owner_org=org,
            )
        )
    return out


@transaction.atomic
def tasks_generate_for_plan(*, actor, plan) -> int:
    """Create the plan's implied tasks that do not exist yet (safe to run again after a re-import)."""
    acts = (
        plan.activities.exclude(state=Activity.State.CANCELLED)
        .prefetch_related("assignments__organisation__members", "owner_org__members", "sessions")
        .select_related("owner_org")
    )
    existing = set(
        Task.objects.filter(activity__plan=plan)
        .exclude(kind__in=[Task.Kind.MANUAL, Task.Kind.PERIODIC])
        .values_list("activity_id", "session_id", "kind", "owner_org_id")
    )
    held = _collectives_holding_tasks(acts)
    new: list[Task] = []
    for act in acts:
        for t in _planned_tasks(act, held.get(act.pk, frozenset())):
            key = (act.pk, t.session_id, t.kind, t.owner_org_id)
            if key not in existing:
                t.activity = act
                t.original_due = t.due
                t.created_by = actor if getattr(actor, "is_authenticated", False) else None
                existing.add(key)
                new.append(t)
    Task.objects.bulk_create(new, batch_size=1000)
    if new:
        audit_record(
            actor=actor, action="task.generate", target=plan, summary=f"按方案生成任务 {len(new)} 项", plan_id=plan.pk
        )
    return len(new)


@transaction.atomic
def task_create(
    *,
    actor,
    activity: Activity,
    title: str,
    owner_org,
    due: dt.date,
    kind: str = Task.Kind.MANUAL,
    owner_user=None,
    session=None,
) -> Task:
    if not title.strip():
        raise SupervisionError("请填写事项名称。")
    task = Task.objects.create(
        activity=activity,
        session=session,
        kind=kind,
        title=title.strip()[:300],
        owner_org=owner_org,
        owner_user=owner_user,
        due=due,
        original_due=due,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="task.create",
        target=task,
        summary=f"新建任务{quoted(task.title)}，截止 {due:%Y-%m-%d}，责任单位 {owner_org}",
        plan_id=activity.plan_id,
    )
    return task


def tasks_create_for(*, actor, activity: Activity, title: str, owner_org, due: dt.date) -> list[Task]:
    """A task for a unit, or one for each member when the unit is a collective (各民主党派市委〈总支〉办公室)."""
    with transaction.atomic():
        return [
            task_create(actor=actor, activity=activity, title=title, owner_org=unit, due=due)
            for unit in _fan_out([owner_org])
        ]


UPDATABLE = {"title", "owner_org", "owner_user", "due", "state"}


def task_update(*, actor, task: Task, expected_version: int, **changes) -> Task:
    """Change a task only if nobody changed it since `expected_version` was read; otherwise ConcurrentUpdate."""
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise SupervisionError(f"不能修改这些字段：{', '.join(sorted(unknown))}")
    with transaction.atomic():
        before = {k: getattr(task, k) for k in changes}
        values = {
            ("owner_org_id" if k == "owner_org" else "owner_user_id" if k == "owner_user" else k): (
                v.pk if hasattr(v, "pk") else v
            )
            for k, v in changes.items()
        }
        if changes.get("state") == Task.State.DONE:
            values["done_at"] = clock.now()
        updated = Task.objects.filter(pk=task.pk, version=expected_version).update(
            version=F("version") + 1, updated_at=clock.now(), **values
        )
        if not updated:
            raise ConcurrentUpdate()
        task.refresh_from_db()
        audit_record(
            actor=actor,
            action="task.update",
            target=task,
            summary="修改任务：" + "，".join(f"{Task._meta.get_field(k).verbose_name}" for k in changes),
            changes={k: [before[k], getattr(task, k)] for k in changes},
            plan_id=task.activity.plan_id,
        )
        if "state" in changes and before["state"] != task.state:
            webhook_event(event="task.state_changed", data={"task_id": task.pk, "state": task.state})
    return task


def task_set_due(*, actor, task: Task, due: dt.date, reason: str) -> Task:
    """Move a deadline (after an approved extension); both dates stay in the history."""
    old = task.due
    task = task_update(actor=actor, task=task, expected_version=task.version, due=due)
    audit_record(
        actor=actor,
        action="task.extend",
        target=task,
        summary=f"截止日期由 {old:%Y-%m-%d} 延至 {due:%Y-%m-%d}：{reason}",
        changes={"due": [old, due]},
        plan_id=task.activity.plan_id,
    )
    return task


@transaction.atomic
def rule_create(
    *, actor, plan, title: str, every_months: int, day_of_month: int, starts_on: dt.date, ends_on: dt.date
) -> ReportingRule:
    if not 1 <= day_of_month <= 31 or every_months < 1 or starts_on > ends_on:
        raise SupervisionError("报送规则不完整：截止日应在 1–31 之间，周期至少 1 个月，开始日期不能晚于结束日期。")
    rule = ReportingRule.objects.create(
        plan=plan,
        title=title,
        every_months=every_months,
        day_of_month=day_of_month,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    audit_record(
        actor=actor,
        action="rule.create",
        target=rule,
        summary=f"设置报送规则{quoted(title)}：每{every_months}个月{day_of_month}日前",
        plan_id=plan.pk,
    )
    return rule


def _rule_due_dates(rule: ReportingRule) -> list[tuple[str, dt.date]]:
    out = []
    y, m = rule.starts_on.year, rule.starts_on.month
    while (y, m) <= (rule.ends_on.year, rule.ends_on.month):
        day = min(rule.day_of_month, calendar.monthrange(y, m)[1])
        due = dt.date(y, m, day)
        if rule.starts_on <= due <= rule.ends_on:
            out.append((f"{y}-{m:02d}", due))
        m += rule.every_months
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return out


def _rule_applies(act: Activity, due: dt.date) -> bool:
    """A periodic report is owed from the month an activity starts until a month after it ends."""
    if act.starts_on and due < act.starts_on:
        return False
    return act.ends_on is None or due <= act.ends_on + dt.timedelta(days=31)


@transaction.atomic
def rules_generate_due(*, today: dt.date, horizon_days: int = 14, actor="报送规则") -> int:
    """Create the periodic report tasks that fall due within `horizon_days`, once per rule, activity, unit and period."""
    created = 0
    for rule in ReportingRule.objects.filter(is_active=True, starts_on__lte=today + dt.timedelta(days=horizon_days)):
        periods = [(p, d) for p, d in _rule_due_dates(rule) if d <= today + dt.timedelta(days=horizon_days)]
        if not periods:
            continue
        acts = (
            rule.plan.activities.exclude(state__in=[Activity.State.CANCELLED, Activity.State.DONE])
            .prefetch_related("assignments__organisation__members", "owner_org__members")
            .select_related("owner_org")
        )
        have = set(Task.objects.filter(rule=rule).values_list("activity_id", "owner_org_id", "period"))
        held = _collectives_holding_tasks(acts)
        new = [
            Task(
                activity=act,
                rule=rule,
                period=period,
                kind=Task.Kind.PERIODIC,
                owner_org=org,
                due=due,
                original_due=due,
                title=f"{rule.title}（{period}）：{act.title}",
            )
            for act in acts
            for org in _responsible_orgs(act, held.get(act.pk, frozenset()))
            for period, due in periods
            if (act.pk, org.pk, period) not in have and _rule_applies(act, due)
        ]
        Task.objects.bulk_create(new, batch_size=1000)
        created += len(new)
        if new:
            audit_record(
                actor=actor,
                action="rule.generate",
                target=rule,
                summary=f"生成报送任务 {len(new)} 项",
                plan_id=rule.plan_id,
            )
    return created

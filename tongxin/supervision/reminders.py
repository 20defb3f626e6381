"""The reminder job: generate due periodic reports, remind units of due-soon and overdue tasks, escalate, deliver."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from tongxin.accounts.models import User
from tongxin.core import clock
from tongxin.notify.models import Channel, Delivery
from tongxin.notify.services import deliveries_send_due, notify
from tongxin.supervision import status
from tongxin.supervision.models import Task
from tongxin.supervision.services import rules_generate_due, task_escalate

ACTOR = "督办提醒"
LISTED = 30  # tasks listed in one message; the rest are counted ("另有 N 项")


@dataclass
class UnitReminder:
    org: object
    overdue: list[Task]
    soon: list[Task]
    recipients: int


@dataclass
class ReminderRun:
    today: dt.date
    dry_run: bool = False
    generated: int = 0
    units: list[UnitReminder] = field(default_factory=list)
    escalated: list[Task] = field(default_factory=list)
    sent: int = 0  # deliveries sent in this run (in a dry run: due to be sent)
    retrying: int = 0
    failed: int = 0
    pending_by_kind: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        text = f"提醒 {len(self.units)} 个单位，逾期上报 {len(self.escalated)} 项，发送 {self.sent} 条"
        return f"（试运行）{text}" if self.dry_run else text

    def as_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "generated": self.generated,
            "units": len(self.units),
            "escalated": len(self.escalated),
            "sent": self.sent,
            "retrying": self.retrying,
            "failed": self.failed,
        }

    def lines(self) -> list[str]:
        """What the run did (or, in a dry run, would do), in Chinese, one line per fact."""
        verb = "将" if self.dry_run else "已"
        out = [f"{self.today:%Y-%m-%d}" + ("（试运行：不写入数据库，不发送）" if self.dry_run else "")]
        if self.generated:
            out.append(f"{verb}生成定期报送任务 {self.generated} 项")
        for u in self.units:
            who = f"{u.recipients} 人" if u.recipients else "该单位还没有账号"
            out.append(f"{verb}提醒 {u.org}（{who}）：{_counts(u)}")
            out += [f"  · {_task_line(t, self.today)}" for t in u.overdue + u.soon]
        for t in self.escalated:
            out.append(f"{verb}上报牵头领导：{t.title}（{t.owner_org}，截止 {t.due:%Y-%m-%d}）")
        if self.dry_run and self.pending_by_kind:
            labels = dict(Channel.Kind.choices)
            parts = [f"{labels.get(k, k)} {n} 条" for k, n in sorted(self.pending_by_kind.items())]
            out.append("将发送：" + "，".join(parts))
        return out


def reminders_run(*, today: dt.date, dry_run: bool = False, now: dt.datetime | None = None) -> ReminderRun:
    """The whole job for `today`. A dry run does everything inside one transaction and rolls it back, so what it
    prints is exactly what a real run would do, and nothing is written or sent."""
    if dry_run:
        with transaction.atomic():
            run = _remind(today=today, dry_run=True)
            now = now or clock.now()  # after the reminders, so their own deliveries count as due
            due = Delivery.objects.filter(
                Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True), state=Delivery.State.PENDING
            )
            run.pending_by_kind = dict(Counter(due.values_list("channel_kind", flat=True)))
            run.sent = sum(run.pending_by_kind.values())
            transaction.set_rollback(True)
        return run
    run = _remind(today=today, dry_run=False)
    delivered = deliveries_send_due(now=now or clock.now())
    run.sent, run.retrying, run.failed = delivered.sent, delivered.retrying, delivered.failed
    return run


def _remind(*, today: dt.date, dry_run: bool) -> ReminderRun:
    run = ReminderRun(today=today, dry_run=dry_run)
    run.generated = rules_generate_due(today=today, actor=ACTOR)
    run.units = _remind_units(today=today)
    if run.units:
        _notify_department_robots(run)
    run.escalated = _escalate(today=today)
    return run


def _open_tasks():
    """Tasks the unit still owes: open or returned, in a published plan, of an activity that is not cancelled."""
    return Task.objects.filter(
        state__in=[Task.State.OPEN, Task.State.RETURNED], activity__plan__status="published"
    ).exclude(activity__state="cancelled")


def _remind_units(*, today: dt.date) -> list[UnitReminder]:
    soon_until = today + dt.timedelta(days=settings.TONGXIN_YELLOW_DAYS)
    not_reminded = Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today)
    tasks = (
        status.annotate_tasks(_open_tasks().filter(not_reminded, due__lte=soon_until), today=today)
        .select_related("owner_org", "owner_user")
        .order_by("owner_org__sort_order", "owner_org__name", "due", "pk")
    )
    by_org: dict[int, list[Task]] = defaultdict(list)
    for task in tasks:
        by_org[task.owner_org_id].append(task)
    users_by_org: dict[int, list[User]] = defaultdict(list)
    for user in User.objects.filter(organisation_id__in=by_org, is_active=True):
        users_by_org[user.organisation_id].append(user)
    out = []
    for org_id, org_tasks in by_org.items():
        reminder = _remind_unit(today=today, tasks=org_tasks, users=users_by_org[org_id], not_reminded=not_reminded)
        if reminder:
            out.append(reminder)
    return out


def _remind_unit(*, today: dt.date, tasks: list[Task], users: list[User], not_reminded: Q) -> UnitReminder | None:
    """One message for one unit listing its tasks; the tasks are marked reminded in the same transaction."""
    with transaction.atomic():
        fresh = Task.objects.filter(not_reminded, pk__in=[t.pk for t in tasks])
        if connection.features.has_select_for_update:
            # A second job running at the same moment waits here, then finds the tasks already reminded.
            fresh = fresh.select_for_update()
        fresh_ids = set(fresh.values_list("pk", flat=True))
        tasks = [t for t in tasks if t.pk in fresh_ids]
        if not tasks:
            return None
        Task.objects.filter(pk__in=fresh_ids).update(last_reminded_on=today)
        org = tasks[0].owner_org
        owners = [t.owner_user for t in tasks if t.owner_user_id]  # usually already among the unit's users
        reminder = UnitReminder(
            org=org,
            overdue=[t for t in tasks if t.light == status.RED],
            soon=[t for t in tasks if t.light == status.YELLOW],
            recipients=len({u.pk for u in users + owners if u.is_active}),
        )
        notify(
            users=users + owners,
            orgs=[org],
            department_robots=False,  # department-wide robots get one digest, not one post per unit
            kind="reminder.overdue" if reminder.overdue else "reminder.due_soon",
            title=f"【督办提醒】{org}：{_counts(reminder)}",
            body=_unit_body(reminder, today),
            url=f"/supervision/units/{org.pk}/",
        )
    return reminder


def _notify_department_robots(run: ReminderRun) -> None:
    """Group robots allow about 20 posts a minute, so the department-wide ones get the day's reminders in one post."""
    body = "\n".join(f"{u.org}：{_counts(u)}" for u in run.units)
    notify(
        users=[],
        kind="reminder.digest",
        title=f"【督办提醒】{run.today:%Y-%m-%d}：{len(run.units)} 个单位有逾期或即将到期的任务",
        body=body,
        url="/supervision/",
    )


def _escalate(*, today: dt.date) -> list[Task]:
    """Tasks overdue by TONGXIN_ESCALATE_DAYS or more go to their activity's lead leaders, once each."""
    late_since = today - dt.timedelta(days=settings.TONGXIN_ESCALATE_DAYS)
    candidates = (
        _open_tasks()
        .filter(due__lte=late_since, escalated_at__isnull=True)
        .select_related("owner_org", "activity")
        .prefetch_related("activity__assignments")
        .order_by("due", "pk")
    )
    return [task for task in candidates if task_escalate(task=task, actor=ACTOR) is not None]


def _counts(reminder: UnitReminder) -> str:
    parts = []
    if reminder.overdue:
        parts.append(f"已逾期 {len(reminder.overdue)} 项")
    if reminder.soon:
        parts.append(f"即将到期 {len(reminder.soon)} 项")
    return "，".join(parts)


def _task_line(task: Task, today: dt.date) -> str:
    days = (task.due - today).days
    if days < 0:
        when = f"已逾期 {-days} 天"
    elif days == 0:
        when = "今天到期"
    else:
        when = f"还剩 {days} 天"
    return f"{task.title}（截止 {task.due:%Y-%m-%d}，{when}）"


def _unit_body(reminder: UnitReminder, today: dt.date) -> str:
    lines = []
    for label, tasks in (("已逾期", reminder.overdue), ("即将到期", reminder.soon)):
        if tasks:
            lines.append(f"{label}：")
            lines += [f"{i}. {_task_line(t, today)}" for i, t in enumerate(tasks[:LISTED], 1)]
            if len(tasks) > LISTED:
                lines.append(f"……另有 {len(tasks) - LISTED} 项，请登录查看。")
    return "\n".join(lines)

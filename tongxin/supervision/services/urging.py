"""催办 and escalation: recorded (who urged whom, when, how), then delivered through the configured channels."""

from __future__ import annotations

from django.db import transaction

from tongxin.audit.services import audit_record
from tongxin.core import clock
from tongxin.notify.services import notify
from tongxin.supervision.models import Task, Urge
from tongxin.supervision.recipients import lead_leader_users, unit_users
from tongxin.supervision.services.errors import SupervisionError


def _channels(org) -> list[str]:
    from tongxin.notify.models import Channel

    kinds = ["inbox"]
    active = Channel.objects.filter(is_active=True)
    kinds += sorted({c.kind for c in active if c.org_id in (None, org.pk)})
    return kinds


def task_urge(*, actor, task: Task, note: str = "") -> Urge:
    if task.is_closed:
        raise SupervisionError("该任务已完成，无需催办。")
    by_name = getattr(actor, "label", None) or str(actor or "系统")
    with transaction.atomic():
        urge = Urge.objects.create(
            task=task,
            by=actor if getattr(actor, "is_authenticated", False) else None,
            by_name=by_name,
            to_org=task.owner_org,
            channels=_channels(task.owner_org),
            note=note.strip()[:500],
        )
        Task.objects.filter(pk=task.pk).update(last_urged_at=urge.at)
        audit_record(
            actor=actor,
            action="task.urge",
            target=task,
            summary=f"催办 {task.owner_org}：{task.title}（截止 {task.due:%Y-%m-%d}）"
            + (f"，{note.strip()}" if note.strip() else ""),
            plan_id=task.activity.plan_id,
        )
        notify(
            users=unit_users(task.owner_org),
            orgs=[task.owner_org],
            kind="task.urge",
            title=f"【催办】{task.title}",
            body=f"截止日期 {task.due:%Y-%m-%d}。{note}".strip(),
            url=f"/supervision/tasks/{task.pk}/",
        )
    return urge


def task_escalate(*, task: Task, actor="系统") -> Urge | None:
    """Tell the activity's lead leaders that a task is long overdue; once per task."""
    leaders = lead_leader_users(task.activity)
    with transaction.atomic():
        if not Task.objects.filter(pk=task.pk, escalated_at__isnull=True).update(escalated_at=clock.now()):
            return None
        urge = Urge.objects.create(
            task=task,
            by_name=str(actor),
            to_org=task.owner_org,
            channels=_channels(task.owner_org),
            note="逾期未完成，已报牵头领导",
            escalation=True,
        )
        audit_record(
            actor=actor,
            action="task.escalate",
            target=task,
            summary=f"逾期上报牵头领导：{task.title}（{task.owner_org}，截止 {task.due:%Y-%m-%d}）",
            plan_id=task.activity.plan_id,
        )
        # Escalations go to the leaders, not to the department-wide robot (the reminder run summarises those).
        notify(
            users=leaders,
            kind="task.escalate",
            department_robots=False,
            title=f"【逾期上报】{task.owner_org}：{task.title}",
            body=f"截止日期 {task.due:%Y-%m-%d}，至今未完成。",
            url=f"/supervision/tasks/{task.pk}/",
        )
    return urge

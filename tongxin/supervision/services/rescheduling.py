"""Deadlines that follow an activity's dates: when an activity or a session moves, the open tasks whose deadline was
derived from the old date move with it; a cancelled session's open task is cancelled; added sessions and units get
their tasks. Connected to the activities' signals, so activities never import supervision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F
from django.dispatch import receiver

from tongxin.activities.services.hooks import (
    Consequence,
    ScheduleChange,
    schedule_changed,
    schedule_preview,
    structure_changed,
)
from tongxin.audit.services import audit_record
from tongxin.core import clock
from tongxin.supervision.models import Task
from tongxin.supervision.services.tasks import IMPL_PLAN_LEAD_DAYS, RESULTS_AFTER_DAYS, tasks_generate_for_plan

# Only work not yet handed in moves; a submitted or finished task keeps the deadline it was judged against.
MOVABLE_STATES = (Task.State.OPEN, Task.State.RETURNED)
GENERATED_KINDS = (Task.Kind.IMPL_PLAN, Task.Kind.SESSION, Task.Kind.RESULTS)


def impl_plan_due(start: dt.date) -> dt.date:
    """As generation sets it: two weeks before the start, but not before the start's year begins."""
    return max(start - dt.timedelta(days=IMPL_PLAN_LEAD_DAYS), start.replace(month=1, day=1))


def results_due(end: dt.date) -> dt.date:
    return end + dt.timedelta(days=RESULTS_AFTER_DAYS)


@dataclass(frozen=True)
class TaskMove:
    task: Task
    old: dt.date
    new: dt.date


def _derived(old: dt.date | None, new: dt.date | None, rule) -> tuple[dt.date, dt.date] | None:
    if old is None or new is None:
        return None
    return rule(old), rule(new)


def _move_for(task: Task, change: ScheduleChange) -> dt.date | None:
    """The new deadline, if this task's deadline was derived from a date that moves."""
    if task.due != task.original_due:  # moved by hand or by an approved extension: a person decided it
        return None
    pair = None
    if task.kind == Task.Kind.IMPL_PLAN and change.start:
        pair = _derived(*change.start, impl_plan_due)
    elif task.kind == Task.Kind.RESULTS and change.end:
        pair = _derived(*change.end, results_due)
    elif task.kind == Task.Kind.SESSION and task.session_id in change.sessions:
        pair = _derived(*change.sessions[task.session_id], lambda d: d)
    if pair and task.due == pair[0] and pair[1] != pair[0]:
        return pair[1]
    return None


def tasks_to_move(*, change: ScheduleChange) -> list[TaskMove]:
    if not change:
        return []
    tasks = Task.objects.filter(
        activity_id=change.activity.pk, state__in=MOVABLE_STATES, kind__in=GENERATED_KINDS
    ).select_related("owner_org")
    out = []
    for t in tasks:
        new = _move_for(t, change)
        if new:
            out.append(TaskMove(task=t, old=t.due, new=new))
    return out


def tasks_reschedule(*, actor, change: ScheduleChange) -> list[TaskMove]:
    """Move the deadlines that hung on the old dates; both the deadline and the original deadline follow, since the
    schedule moved rather than the unit asking for more time. A task changed meanwhile keeps its deadline."""
    moved = []
    for m in tasks_to_move(change=change):
        updated = Task.objects.filter(pk=m.task.pk, version=m.task.version).update(
            due=m.new, original_due=m.new, version=F("version") + 1, updated_at=clock.now()
        )
        if not updated:
            continue
        audit_record(
            actor=actor,
            action="task.reschedule",
            target=m.task,
            summary=f"活动日期调整，截止日期由 {m.old:%Y-%m-%d} 改为 {m.new:%Y-%m-%d}",
            changes={"due": [m.old, m.new], "original_due": [m.old, m.new]},
            plan_id=change.activity.plan_id,
        )
        moved.append(m)
    return moved


def tasks_follow_structure(*, actor, activity, cancelled_session_ids: list[int]) -> None:
    """A cancelled session's open tasks are cancelled; new sessions and units get the tasks generation gives them,
    once the department has generated the plan's tasks (before that, generation will include them anyway)."""
    for task in Task.objects.filter(session_id__in=cancelled_session_ids, state__in=MOVABLE_STATES):
        updated = Task.objects.filter(pk=task.pk, version=task.version).update(
            state=Task.State.CANCELLED, version=F("version") + 1, updated_at=clock.now()
        )
        if updated:
            audit_record(
                actor=actor,
                action="task.cancel",
                target=task,
                summary="场次已取消，任务随之取消",
                changes={"state": [task.state, Task.State.CANCELLED]},
                plan_id=activity.plan_id,
            )
    generated = Task.objects.filter(activity__plan_id=activity.plan_id, kind__in=GENERATED_KINDS).exists()
    if generated:
        tasks_generate_for_plan(actor=actor, plan=activity.plan)


@receiver(schedule_preview, dispatch_uid="supervision.rescheduling.preview")
def _preview(sender, *, change: ScheduleChange, **kwargs) -> list[Consequence]:
    return [
        Consequence(label=m.task.title, owner=str(m.task.owner_org), old=m.old, new=m.new)
        for m in tasks_to_move(change=change)
    ]


@receiver(schedule_changed, dispatch_uid="supervision.rescheduling.apply")
def _apply(sender, *, actor, change: ScheduleChange, **kwargs) -> None:
    tasks_reschedule(actor=actor, change=change)


@receiver(structure_changed, dispatch_uid="supervision.rescheduling.structure")
def _structure(sender, *, actor, activity, cancelled_session_ids: list[int], **kwargs) -> None:
    tasks_follow_structure(actor=actor, activity=activity, cancelled_session_ids=cancelled_session_ids)

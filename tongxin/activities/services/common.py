"""What every activity-editing service shares: its errors, the version check, and telling the people involved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import F, Q
from django.urls import reverse

from tongxin.accounts.models import User
from tongxin.activities.models import Activity, Assignment
from tongxin.activities.services.hooks import consequences_of
from tongxin.core import clock
from tongxin.notify.services import notify

# The same words tasks use (supervision's ConcurrentUpdate), so a stale edit reads alike everywhere.
CONFLICT_MESSAGE = "该事项刚刚被其他人修改过，您的修改没有保存。请刷新页面查看最新内容后再操作。"

Changes = dict[str, list]  # field label → [old, new], as the audit entry stores it


class ActivityError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ConcurrentEdit(ActivityError):
    """Someone else changed the activity (or one of its sessions or phases) since it was read; nothing was written."""

    def __init__(self, message: str = CONFLICT_MESSAGE):
        super().__init__(message)


def lock(activity: Activity, expected_version: int) -> None:
    """Claim the next version, or refuse: an activity, its sessions and its phases are edited as one thing."""
    updated = Activity.objects.filter(pk=activity.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=clock.now()
    )
    if not updated:
        raise ConcurrentEdit()
    activity.version = expected_version + 1


def shown(value) -> str:
    """A value as a person reads it in a message or the history."""
    if value is None or value == "" or value == []:
        return "（空）"
    if isinstance(value, list | tuple):
        return "、".join(shown(v) for v in value)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def span_label(start: dt.date | None, end: dt.date | None) -> str:
    if start and end and start != end:
        return f"{start:%Y-%m-%d}至{end:%Y-%m-%d}"
    return shown(end or start)


def describe(changes: Changes) -> list[str]:
    return [f"{label}：{shown(old)} → {shown(new)}" for label, (old, new) in changes.items()]


def affected_users(activity: Activity, *, actor) -> list[User]:
    """The people of the responsible and cooperating units and the lead leaders; not the one who made the change."""
    org_ids, person_ids = set(), set()
    for a in Assignment.objects.filter(activity=activity):
        if a.role == Assignment.Role.LEAD and a.person_id:
            person_ids.add(a.person_id)
        elif a.organisation_id:
            org_ids.add(a.organisation_id)
    if activity.owner_org_id:
        org_ids.add(activity.owner_org_id)
    users = User.objects.filter(Q(organisation_id__in=org_ids) | Q(person_id__in=person_ids), is_active=True)
    actor_id = getattr(actor, "pk", None)
    return [u for u in users if u.pk != actor_id]


def tell(*, actor, activity: Activity, title: str, lines: Iterable[str]) -> None:
    notify(
        users=affected_users(activity, actor=actor),
        kind="activity.change",
        title=title,
        body="\n".join(lines),
        url=reverse("activities:detail", args=[activity.pk]),
        department_robots=False,
    )


def move_lines(change) -> list[str]:
    """The deadlines that follow a date change, as lines of the message (read before the receivers move them)."""
    from_hooks = consequences_of(change) if change else []
    return [f"任务截止日期随之调整：{c.label}（{c.owner}）{c.old:%Y-%m-%d} → {c.new:%Y-%m-%d}" for c in from_hooks]


def headline(subject: str, changes: Changes) -> str:
    """One change reads "第三期读书会地点改为…"; several read "…已调整：时间、地点"."""
    if len(changes) == 1:
        label, (_old, new) = next(iter(changes.items()))
        return f"{subject}{label}改为{shown(new)}"
    return f"{subject}已调整：{'、'.join(changes)}"

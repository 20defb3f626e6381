"""Where the floors above hear about an activity's changes: signals carrying what moved, so activities never imports
supervision (its deadlines follow the dates) or any activity module.

A receiver of `schedule_preview` returns a list of `Consequence` for the confirmation step; `schedule_changed` and
`structure_changed` are sent inside the editing service's transaction, so what the receivers write commits or rolls
back with the edit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.dispatch import Signal

from tongxin.activities.models import Activity

DateMove = tuple[dt.date | None, dt.date | None]  # (old, new)

# kwargs: change (ScheduleChange). Receivers return list[Consequence].
schedule_preview = Signal()
# kwargs: actor, change (ScheduleChange).
schedule_changed = Signal()
# kwargs: actor, activity, cancelled_session_ids (list[int]); sent when sessions, owners or the activity itself
# were added or cancelled, so generated work can be created or closed.
structure_changed = Signal()


@dataclass(frozen=True)
class ScheduleChange:
    """How an activity's dates move: its first and last day, and the last day of each moved session."""

    activity: Activity
    start: DateMove | None = None
    end: DateMove | None = None
    sessions: dict[int, DateMove] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.start or self.end or self.sessions)


@dataclass(frozen=True)
class Consequence:
    """One thing that follows a date change, shown before saving: e.g. a task whose deadline moves."""

    label: str
    owner: str
    old: dt.date
    new: dt.date


def consequences_of(change: ScheduleChange) -> list[Consequence]:
    if not change:
        return []
    out: list[Consequence] = []
    for _receiver, result in schedule_preview.send(sender=Activity, change=change):
        out.extend(result or [])
    return out


def announce_schedule(*, actor, change: ScheduleChange) -> None:
    if change:
        schedule_changed.send(sender=Activity, actor=actor, change=change)


def announce_structure(*, actor, activity: Activity, cancelled_session_ids: list[int] | None = None) -> None:
    structure_changed.send(
        sender=Activity, actor=actor, activity=activity, cancelled_session_ids=cancelled_session_ids or []
    )

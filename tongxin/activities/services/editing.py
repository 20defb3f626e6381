"""Editing a published activity: its title, windows, place, owners and kinds, and its phases' dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from tongxin.activities.models import COMPONENT_LABELS, Activity, Assignment, Phase, TimeWindow
from tongxin.activities.services.common import (
    ActivityError,
    Changes,
    describe,
    headline,
    lock,
    move_lines,
    span_label,
    tell,
)
from tongxin.activities.services.hooks import ScheduleChange, announce_schedule, announce_structure
from tongxin.audit.services import audit_record

OWNER_ROLES = {
    Assignment.Role.LEAD: "牵头领导",
    Assignment.Role.RESPONSIBLE: "责任单位",
    Assignment.Role.COOPERATING: "配合单位",
}


@dataclass(frozen=True)
class WindowInput:
    """A window as typed: its days (start None for a deadline such as 7月底前) and the words it was typed in."""

    start: dt.date | None
    end: dt.date
    text: str

    @property
    def label(self) -> str:
        return self.text or (f"{self.start:%Y-%m-%d}至{self.end:%Y-%m-%d}" if self.start else f"{self.end:%Y-%m-%d}前")


def window_inputs(activity: Activity) -> list[WindowInput]:
    return [WindowInput(w.start, w.end, w.text) for w in activity.windows.all() if w.end]


def _owners(activity: Activity, role: str) -> list:
    rows = Assignment.objects.filter(activity=activity, session__isnull=True, role=role).select_related(
        "person", "organisation"
    )
    return [a.person or a.organisation for a in rows]


def _check(title, windows, kinds) -> None:
    if title is not None and not title.strip():
        raise ActivityError("请填写活动名称。")
    for w in windows or []:
        if w.start and w.start > w.end:
            raise ActivityError(f"“{w.label}”：结束日期不能早于开始日期。")
    unknown = set(kinds or []) - set(COMPONENT_LABELS)
    if unknown:
        raise ActivityError(f"未知的活动类型：{'、'.join(sorted(unknown))}")


def _changes(activity: Activity, proposed: dict) -> Changes:
    current = {
        "title": activity.title,
        "windows": window_inputs(activity),
        "places": list(activity.places),
        "kinds": list(activity.kinds),
        **{role: _owners(activity, role) for role in OWNER_ROLES},
    }
    labels = {"title": "名称", "windows": "时间", "places": "地点", "kinds": "类型", **OWNER_ROLES}
    out: Changes = {}
    for key, new in proposed.items():
        if new is None or new == current[key]:
            continue
        if key in OWNER_ROLES and {(h._meta.model_name, h.pk) for h in new} == {
            (h._meta.model_name, h.pk) for h in current[key]
        }:
            continue
        old = current[key]
        if key == "windows":
            old, new = [w.label for w in old], [w.label for w in new]
        elif key == "kinds":
            old, new = [str(COMPONENT_LABELS[k]) for k in old], [str(COMPONENT_LABELS[k]) for k in new]
        out[labels[key]] = [old, new]
    return out


def activity_schedule_change(activity: Activity, windows: list[WindowInput] | None) -> ScheduleChange:
    """What new windows would do to the activity's first and last day (and so to the deadlines hung on them)."""
    if windows is None or windows == window_inputs(activity):
        return ScheduleChange(activity=activity)
    start = min((w.start or w.end for w in windows), default=None)
    end = max((w.end for w in windows), default=None)
    return ScheduleChange(
        activity=activity,
        start=(activity.starts_on, start) if start != activity.starts_on else None,
        end=(activity.ends_on, end) if end != activity.ends_on else None,
    )


def _set_owners(activity: Activity, role: str, holders: list) -> None:
    rows = list(Assignment.objects.filter(activity=activity, session__isnull=True, role=role))
    keep = {(h._meta.model_name, h.pk) for h in holders}
    for a in rows:
        if ("person", a.person_id) not in keep and ("organisation", a.organisation_id) not in keep:
            a.delete()
    have = {("person", a.person_id) for a in rows} | {("organisation", a.organisation_id) for a in rows}
    for order, h in enumerate(holders):
        if (h._meta.model_name, h.pk) not in have:
            Assignment.objects.create(
                activity=activity, role=role, order=order, name_as_written=h.name, **{h._meta.model_name: h}
            )


def _set_windows(activity: Activity, windows: list[WindowInput]) -> None:
    """A window typed as it was keeps its row (the plan's evidence span and its 拟定 flag); the others are replaced."""
    rows = {(w.start, w.end, w.text): w for w in TimeWindow.objects.filter(activity=activity)}
    kept = []
    for order, w in enumerate(windows):
        row = rows.pop((w.start, w.end, w.text), None) or TimeWindow(
            activity=activity, start=w.start, end=w.end, text=w.text
        )
        row.order = order
        kept.append(row)
    TimeWindow.objects.filter(pk__in=[r.pk for r in rows.values()]).delete()
    for row in kept:
        row.save()
    activity.starts_on = min((w.start or w.end for w in windows), default=None)
    activity.ends_on = max((w.end for w in windows), default=None)


@transaction.atomic
def activity_update(
    *,
    actor,
    activity: Activity,
    expected_version: int,
    title: str | None = None,
    windows: list[WindowInput] | None = None,
    places: list[str] | None = None,
    kinds: list[str] | None = None,
    leads: list | None = None,
    responsible: list | None = None,
    cooperating: list | None = None,
) -> Changes:
    """Change what is given (None leaves a part as it is); a place ends 地点待定. Returns the changes made."""
    _check(title, windows, kinds)
    title = title.strip()[:500] if title is not None else None
    places = [p.strip() for p in places if p.strip()] if places is not None else None
    owners = {
        Assignment.Role.LEAD: leads,
        Assignment.Role.RESPONSIBLE: responsible,
        Assignment.Role.COOPERATING: cooperating,
    }
    changes = _changes(activity, {"title": title, "windows": windows, "places": places, "kinds": kinds, **owners})
    if not changes:
        return changes
    lock(activity, expected_version)
    schedule = activity_schedule_change(activity, windows)
    subject = f"“{activity.title}”"
    if title is not None:
        activity.title = title
    if windows is not None and "时间" in changes:
        _set_windows(activity, windows)
    if places is not None:
        activity.places = places
        activity.place_pending = activity.place_pending and not places
    if kinds is not None:
        activity.kinds = kinds
    activity.save(update_fields=["title", "places", "place_pending", "kinds", "starts_on", "ends_on", "updated_at"])
    for role, holders in owners.items():
        if holders is not None and OWNER_ROLES[role] in changes:
            _set_owners(activity, role, holders)
    lines = describe(changes)
    audit_record(
        actor=actor,
        action="activity.update",
        target=activity,
        summary="修改活动：" + "；".join(lines),
        changes=changes,
        plan_id=activity.plan_id,
    )
    tell(actor=actor, activity=activity, title=headline(subject, changes), lines=lines + move_lines(schedule))
    announce_schedule(actor=actor, change=schedule)
    if {"责任单位", "配合单位"} & set(changes):
        announce_structure(actor=actor, activity=activity)
    return changes


@transaction.atomic
def phase_update(*, actor, phase: Phase, expected_version: int, start: dt.date | None, end: dt.date | None) -> Changes:
    if start and end and start > end:
        raise ActivityError("结束日期不能早于开始日期。")
    changes: Changes = {}
    if (phase.start, phase.end) != (start, end):
        changes[f"阶段“{phase.name}”时间"] = [span_label(phase.start, phase.end), span_label(start, end)]
    if not changes:
        return changes
    activity = phase.activity
    lock(activity, expected_version)
    phase.start, phase.end = start, end
    phase.save(update_fields=["start", "end"])
    lines = describe(changes)
    audit_record(
        actor=actor,
        action="phase.update",
        target=activity,  # the activity is what is edited (one version); its page lists this entry
        summary="修改阶段：" + "；".join(lines),
        changes=changes,
        plan_id=activity.plan_id,
    )
    tell(actor=actor, activity=activity, title=f"“{activity.title}”{phase.name}时间调整", lines=lines)
    return changes

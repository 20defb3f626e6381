"""Editing an activity's sessions after publishing: move one, change its place or people, add one, cancel one."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from tongxin.activities.models import Activity, Session
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


def _check(*, title: str, start, end, start_time, end_time) -> None:
    if not title.strip():
        raise ActivityError("请填写场次主题。")
    if start and end and start > end:
        raise ActivityError("结束日期不能早于开始日期。")
    same_day = start is None or end is None or start == end
    if start_time and end_time and same_day and start_time > end_time:
        raise ActivityError("结束时间不能早于开始时间。")


def _label(field: str) -> str:
    return str(Session._meta.get_field(field).verbose_name)


def _time_label(start_time, end_time) -> str:
    if not (start_time or end_time):
        return ""
    return "—".join(t.strftime("%H:%M") for t in (start_time, end_time) if t)


def session_schedule_change(session: Session, *, start, end) -> ScheduleChange:
    """Moving a session's last day moves the deadline of its "held and reported" task."""
    if end == session.end:
        return ScheduleChange(activity=session.activity)
    return ScheduleChange(activity=session.activity, sessions={session.pk: (session.end, end)})


@transaction.atomic
def session_update(
    *,
    actor,
    session: Session,
    expected_version: int,
    title: str,
    start: dt.date | None,
    end: dt.date | None,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    place: str = "",
    speakers: str = "",
    guests: str = "",
    participants: str = "",
) -> Changes:
    if session.state == Session.State.CANCELLED:
        raise ActivityError("该场次已取消，不能再修改。")
    _check(title=title, start=start, end=end, start_time=start_time, end_time=end_time)
    typed = {"title": title, "place": place, "speakers": speakers, "guests": guests, "participants": participants}
    typed = {k: v.strip() for k, v in typed.items()}
    changes: Changes = {_label(k): [getattr(session, k), v] for k, v in typed.items() if v != getattr(session, k)}
    if (session.start, session.end) != (start, end):
        changes["日期"] = [span_label(session.start, session.end), span_label(start, end)]
    if (session.start_time, session.end_time) != (start_time, end_time):
        changes["时间"] = [_time_label(session.start_time, session.end_time), _time_label(start_time, end_time)]
    if not changes:
        return changes
    activity = session.activity
    lock(activity, expected_version)
    schedule = session_schedule_change(session, start=start, end=end)
    subject = session.title
    for k, v in typed.items():
        setattr(session, k, v)
    session.start, session.end, session.start_time, session.end_time = start, end, start_time, end_time
    session.save()
    lines = describe(changes)
    audit_record(
        actor=actor,
        action="session.update",
        target=activity,  # the activity is what is edited (one version); its page lists this entry
        summary=f"修改场次“{subject}”：" + "；".join(lines),
        changes=changes,
        plan_id=activity.plan_id,
    )
    lines = [f"活动：{activity.title}", *lines, *move_lines(schedule)]
    tell(actor=actor, activity=activity, title=headline(subject, changes), lines=lines)
    announce_schedule(actor=actor, change=schedule)
    return changes


@transaction.atomic
def session_add(
    *,
    actor,
    activity: Activity,
    expected_version: int,
    title: str,
    start: dt.date | None,
    end: dt.date | None,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    place: str = "",
    speakers: str = "",
    guests: str = "",
    participants: str = "",
) -> Session:
    _check(title=title, start=start, end=end, start_time=start_time, end_time=end_time)
    lock(activity, expected_version)
    last = activity.sessions.order_by("-order").values_list("order", flat=True).first() or 0
    session = Session.objects.create(
        activity=activity,
        order=last + 1,
        title=title.strip()[:500],
        start=start,
        end=end or start,
        start_time=start_time,
        end_time=end_time,
        place=place.strip(),
        speakers=speakers.strip(),
        guests=guests.strip(),
        participants=participants.strip(),
    )
    when = span_label(session.start, session.end)
    audit_record(
        actor=actor,
        action="session.add",
        target=activity,  # the activity is what is edited (one version); its page lists this entry
        summary=f"新增场次“{session.title}”（{when}）",
        changes={"场次": [None, session.title], "日期": [None, when]},
        plan_id=activity.plan_id,
    )
    lines = [f"日期：{when}", f"地点：{session.place or '待定'}"]
    tell(actor=actor, activity=activity, title=f"“{activity.title}”新增场次“{session.title}”", lines=lines)
    announce_structure(actor=actor, activity=activity)  # its "held and reported" task is generated
    return session


@transaction.atomic
def session_cancel(*, actor, session: Session, expected_version: int, reason: str) -> Session:
    if not reason.strip():
        raise ActivityError("请填写取消原因。")
    if session.state == Session.State.CANCELLED:
        raise ActivityError("该场次已取消。")
    activity = session.activity
    lock(activity, expected_version)
    before = session.state
    session.state = Session.State.CANCELLED
    session.cancel_reason = reason.strip()[:300]
    session.save(update_fields=["state", "cancel_reason"])
    audit_record(
        actor=actor,
        action="session.cancel",
        target=activity,  # the activity is what is edited (one version); its page lists this entry
        summary=f"取消场次“{session.title}”：{session.cancel_reason}",
        changes={"状态": [before, session.state], "取消原因": [None, session.cancel_reason]},
        plan_id=activity.plan_id,
    )
    tell(
        actor=actor,
        activity=activity,
        title=f"{session.title}已取消",
        lines=[f"活动：{activity.title}", f"取消原因：{session.cancel_reason}"],
    )
    announce_structure(actor=actor, activity=activity, cancelled_session_ids=[session.pk])
    return session

"""Writes for activities: a unit's own activity (自选动作) and an activity's state."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from tongxin.activities.models import Activity, Assignment, TimeWindow
from tongxin.activities.services.common import ActivityError
from tongxin.activities.services.hooks import announce_structure
from tongxin.audit.services import audit_record


@transaction.atomic
def activity_add_own(
    *,
    actor,
    plan,
    org,
    title: str,
    kinds: list[str],
    start: dt.date | None,
    end: dt.date | None,
    place: str = "",
    description: str = "",
) -> Activity:
    """A unit adds an activity of its own to a plan; it owns it (responsible) and sees it like the plan's own."""
    if not title.strip():
        raise ActivityError("请填写活动名称。")
    if start and end and start > end:
        raise ActivityError("结束日期不能早于开始日期。")
    if plan.status != "published":
        raise ActivityError("方案尚未发布，不能添加自选动作。")
    last = plan.activities.order_by("-order").values_list("order", flat=True).first() or 0
    act = Activity.objects.create(
        plan=plan,
        origin=Activity.Origin.OWN,
        owner_org=org,
        title=title.strip()[:500],
        kinds=kinds or ["other"],
        paragraph=description.strip(),
        places=[place.strip()] if place.strip() else [],
        order=last + 1,
        starts_on=start or end,
        ends_on=end or start,
    )
    if start or end:
        TimeWindow.objects.create(activity=act, start=start, end=end or start, text="")
    Assignment.objects.create(
        activity=act, role=Assignment.Role.RESPONSIBLE, organisation=org, name_as_written=org.name
    )
    audit_record(
        actor=actor, action="activity.add_own", target=act, summary=f"{org} 添加自选动作“{act.title}”", plan_id=plan.pk
    )
    # Its tasks are generated like any other activity's (supervision listens).
    announce_structure(actor=actor, activity=act)
    return act


@transaction.atomic
def activity_set_state(*, actor, activity: Activity, state: str) -> Activity:
    if state not in Activity.State.values:
        raise ActivityError("未知的活动状态。")
    before = activity.state
    if before == state:
        return activity
    activity.state = state
    activity.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        action="activity.state",
        target=activity,
        summary=f"活动状态：{Activity.State(before).label} → {Activity.State(state).label}",
        changes={"state": [before, state]},
        plan_id=activity.plan_id,
    )
    return activity

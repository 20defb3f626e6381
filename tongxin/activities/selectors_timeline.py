"""Reading the programme by time (calendar, Gantt) and by responsibility (the matrix), in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from tongxin.activities.models import Activity, Assignment, Session, TimeWindow
from tongxin.activities.selectors import activities_visible_to
from tongxin.orgs.models import Organisation, Person


def _timeline_activities(user, plan_id: int | None) -> QuerySet[Activity]:
    # Cancelled activities and sessions stay on the overview; a calendar shows only what will happen.
    qs = activities_visible_to(user).exclude(state=Activity.State.CANCELLED)
    if plan_id:
        qs = qs.filter(plan_id=plan_id)
    return qs


def _dated_in_range(qs: QuerySet, start: dt.date | None, end: dt.date | None) -> QuerySet:
    """Rows with at least one date whose [start or end, end or start] meets [start, end) — `end` exclusive."""
    qs = qs.filter(Q(start__isnull=False) | Q(end__isnull=False))
    if end:
        qs = qs.filter(Q(start__lt=end) | Q(start__isnull=True, end__lt=end))
    if start:
        qs = qs.filter(Q(end__gte=start) | Q(end__isnull=True, start__gte=start))
    return qs


def _activity_key(activity: Activity) -> tuple:
    return (activity.plan.year or 0, activity.plan_id, activity.order, activity.pk)


def timeline_entries(
    user, *, plan_id: int | None = None, start: dt.date | None = None, end: dt.date | None = None
) -> list[TimeWindow | Session]:
    """The dated windows and sessions of the activities the user may see, each activity's windows before its sessions.

    Two queries whatever the number of activities; `entry.activity` (and its plan) is loaded with each row.
    """
    activities = _timeline_activities(user, plan_id).values("pk")
    windows = _dated_in_range(TimeWindow.objects.filter(activity__in=activities), start, end)
    sessions = _dated_in_range(
        Session.objects.filter(activity__in=activities).exclude(state=Session.State.CANCELLED), start, end
    )
    entries: list[TimeWindow | Session] = [
        *windows.select_related("activity__plan"),
        *sessions.select_related("activity__plan"),
    ]
    entries.sort(key=lambda e: (*_activity_key(e.activity), isinstance(e, Session), e.order, e.pk))
    return entries


ROLE_RANK = {Assignment.Role.LEAD: 0, Assignment.Role.RESPONSIBLE: 1, Assignment.Role.COOPERATING: 2}


@dataclass
class MatrixRow:
    holder: Person | Organisation
    cells: list[str | None]  # the holder's strongest role on each column's activity, or None

    @property
    def count(self) -> int:
        return sum(1 for c in self.cells if c)


@dataclass
class ResponsibilityMatrix:
    activities: list[Activity]
    leaders: list[MatrixRow] = field(default_factory=list)
    units: list[MatrixRow] = field(default_factory=list)


def responsibility_matrix(user, *, plan_id: int | None = None) -> ResponsibilityMatrix:
    """Who leads, owns and helps with which activity: people × activities and units × activities.

    A role on one session counts for the whole activity; where a holder has several roles the strongest
    (牵头 > 负责 > 配合) is shown. Rows with the most activities come first. Two queries.
    """
    activities = list(
        _timeline_activities(user, plan_id).select_related("plan").order_by("plan__year", "plan_id", "order", "id")
    )
    column = {a.pk: i for i, a in enumerate(activities)}
    assignments = Assignment.objects.filter(activity__in=[a.pk for a in activities]).select_related(
        "person", "organisation"
    )
    people: dict[int, MatrixRow] = {}
    units: dict[int, MatrixRow] = {}
    for a in assignments:
        holder, rows = (a.person, people) if a.person_id else (a.organisation, units)
        row = rows.setdefault(holder.pk, MatrixRow(holder=holder, cells=[None] * len(activities)))
        i = column[a.activity_id]
        if row.cells[i] is None or ROLE_RANK[a.role] < ROLE_RANK[row.cells[i]]:
            row.cells[i] = a.role

    def ordered(rows: dict[int, MatrixRow]) -> list[MatrixRow]:
        # Most activities first; among equals, whoever appears earliest in the plan, then the stronger role.
        def key(r: MatrixRow) -> tuple:
            first = next(i for i, c in enumerate(r.cells) if c)
            return (-r.count, first, ROLE_RANK[r.cells[first]], str(r.holder))

        return sorted(rows.values(), key=key)

    return ResponsibilityMatrix(activities=activities, leaders=ordered(people), units=ordered(units))

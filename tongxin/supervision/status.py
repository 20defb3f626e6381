"""Red/yellow/green status, computed here and only here, in Python for one object and in SQL for many.

- done:   the task is done (or cancelled); an activity whose tasks are all closed
- red:    open and past its deadline
- yellow: open and due within `yellow_days` (settings.TONGXIN_YELLOW_DAYS)
- green:  open and not due soon; an activity with no open task that is late or near
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Case, CharField, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from tongxin.core.clock import today as clock_today

GREEN, YELLOW, RED, DONE = "green", "yellow", "red", "done"
LABELS = {GREEN: _("正常"), YELLOW: _("临近"), RED: _("逾期"), DONE: _("完成")}
ORDER = {RED: 0, YELLOW: 1, GREEN: 2, DONE: 3}
CLOSED = ("done", "cancelled")


def yellow_days() -> int:
    return settings.TONGXIN_YELLOW_DAYS


def task_light(state: str, due: dt.date, *, today: dt.date | None = None, days: int | None = None) -> str:
    today = today or clock_today()
    days = yellow_days() if days is None else days
    if state in CLOSED:
        return DONE
    if due < today:
        return RED
    if due <= today + dt.timedelta(days=days):
        return YELLOW
    return GREEN


def combine(lights: list[str]) -> str:
    """An activity's light from its tasks' lights: the worst open one; done when every task is closed."""
    if not lights:
        return GREEN
    return min(lights, key=ORDER.__getitem__)


def light_expression(*, today: dt.date | None = None, days: int | None = None) -> Case:
    """The same rule as `task_light`, as SQL over a task queryset."""
    today = today or clock_today()
    days = yellow_days() if days is None else days
    return Case(
        When(**{"state__in": CLOSED}, then=Value(DONE)),
        When(**{"due__lt": today}, then=Value(RED)),
        When(**{"due__lte": today + dt.timedelta(days=days)}, then=Value(YELLOW)),
        default=Value(GREEN),
        output_field=CharField(),
    )


def annotate_tasks(qs: QuerySet, *, today: dt.date | None = None, days: int | None = None) -> QuerySet:
    return qs.annotate(light=light_expression(today=today, days=days))


def annotate_activities(qs: QuerySet, *, today: dt.date | None = None, days: int | None = None) -> QuerySet:
    """Adds `light` to activities in the same query, whatever their number."""
    from tongxin.supervision.models import Task

    today = today or clock_today()
    days = yellow_days() if days is None else days
    open_tasks = Task.objects.filter(activity=OuterRef("pk")).exclude(state__in=CLOSED)
    return qs.annotate(
        has_red=Exists(open_tasks.filter(due__lt=today)),
        has_yellow=Exists(open_tasks.filter(due__lte=today + dt.timedelta(days=days))),
        has_open=Exists(open_tasks),
        has_any=Exists(Task.objects.filter(activity=OuterRef("pk"))),
    ).annotate(
        light=Case(
            When(has_red=True, then=Value(RED)),
            When(has_yellow=True, then=Value(YELLOW)),
            When(has_open=True, then=Value(GREEN)),
            When(has_any=True, then=Value(DONE)),
            default=Value(GREEN),
            output_field=CharField(),
        )
    )


def light_counts(task_qs: QuerySet, *, today: dt.date | None = None, days: int | None = None) -> dict[str, int]:
    """How many tasks are red, yellow, green and done, in one aggregate query."""
    today = today or clock_today()
    days = yellow_days() if days is None else days
    closed = Q(state__in=CLOSED)
    soon = today + dt.timedelta(days=days)
    agg = task_qs.aggregate(
        done=Count("pk", filter=closed),
        red=Count("pk", filter=~closed & Q(due__lt=today)),
        yellow=Count("pk", filter=~closed & Q(due__gte=today, due__lte=soon)),
        green=Count("pk", filter=~closed & Q(due__gt=soon)),
    )
    return {k: agg[k] or 0 for k in (RED, YELLOW, GREEN, DONE)}

"""Reading what the ledger and the bulletin show: flat rows streamed from the database, and a period's facts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate

from tongxin.accounts.rules import sees_everything
from tongxin.activities.models import Activity, Assignment
from tongxin.core.queries import count_of
from tongxin.orgs.selectors import user_unit_ids
from tongxin.plans.models import Plan
from tongxin.plans.selectors import plans_visible_to
from tongxin.supervision import status
from tongxin.supervision.models import Evidence, ProgressReport, Task, Urge


def ledger_plans_for(user) -> QuerySet[Plan]:
    """The plans whose ledger `user` may download: all visible plans, or for a unit those it has a part in."""
    from tongxin.activities.selectors import activities_visible_to

    plans = plans_visible_to(user)
    if sees_everything(user):
        return plans
    return plans.filter(pk__in=activities_visible_to(user).values("plan_id"))


def ledger_units(user) -> set[int] | None:
    """None for department-wide readers (the whole plan); otherwise the ids of the user's unit and its sub-units."""
    if sees_everything(user):
        return None
    return user_unit_ids(user)


TASK_COLUMNS = (
    "activity__number",
    "activity__title",
    "title",
    "kind",
    "owner_org__name",
    "owner_user__display_name",
    "owner_user__username",
    "activity_id",
    "original_due",
    "due",
    "state",
    "light",
    "done_at",
    "urge_count",
    "last_urged_at",
)

REPORT_COLUMNS = (
    "activity__title",
    "session__title",
    "org__name",
    "held_on",
    "place",
    "participants",
    "summary",
    "media_links",
    "evidence_count",
    "state",
    "review_comment",
    "submitted_at",
)


def ledger_task_rows(*, plan: Plan, units: set[int] | None, today: dt.date | None = None) -> QuerySet:
    """One named row per task (fields as in TASK_COLUMNS), with its light and urge count computed in the same query."""
    qs = Task.objects.filter(activity__plan=plan)
    if units is not None:
        qs = qs.filter(owner_org_id__in=units)
    qs = status.annotate_tasks(qs, today=today).annotate(urge_count=count_of(Urge, "task"))
    return qs.order_by("activity__order", "activity_id", "due", "id").values_list(*TASK_COLUMNS, named=True)


def ledger_report_rows(*, plan: Plan, units: set[int] | None) -> QuerySet:
    """One named row per progress report (fields as in REPORT_COLUMNS), with its number of evidence files."""
    qs = ProgressReport.objects.filter(activity__plan=plan)
    if units is not None:
        qs = qs.filter(org_id__in=units)
    qs = qs.annotate(evidence_count=count_of(Evidence, "report"))
    return qs.order_by("activity__order", "activity_id", "submitted_at", "id").values_list(*REPORT_COLUMNS, named=True)


def lead_leaders_by_activity(plan: Plan) -> dict[int, str]:
    """Each activity's lead leaders as one text (“张圣合、乌力吉”), in one query."""
    names: dict[int, list[str]] = defaultdict(list)
    rows = (
        Assignment.objects.filter(activity__plan=plan, role=Assignment.Role.LEAD, person__isnull=False)
        .order_by("activity_id", "order", "id")
        .values_list("activity_id", "person__name")
    )
    for activity_id, name in rows:
        if name not in names[activity_id]:
            names[activity_id].append(name)
    return {k: "、".join(v) for k, v in names.items()}


# ---------------------------------------------------------------------------------------------------------------
# The work bulletin


@dataclass
class ActivityNews:
    """Accepted reports of one activity in the period, in the order they were held."""

    title: str
    reports: list[dict] = field(default_factory=list)


@dataclass
class BulletinFacts:
    start: dt.date
    end: dt.date
    due_in_period: int = 0
    done_in_period: int = 0
    done_on_time: int = 0
    reports_accepted: int = 0
    report_units: int = 0
    report_activities: int = 0
    participants: int = 0
    total_tasks: int = 0
    done_by_end: int = 0
    news: list[ActivityNews] = field(default_factory=list)
    overdue: list[dict] = field(default_factory=list)
    upcoming: list[dict] = field(default_factory=list)

    @staticmethod
    def rate(part: int, whole: int) -> str:
        return f"{part * 100 / whole:.1f}%" if whole else "—"


def reports_in_period(*, plan: Plan, start: dt.date, end: dt.date) -> QuerySet[ProgressReport]:
    """Accepted reports of work held in the period; a report without a date counts on the day it was sent."""
    held = Q(held_on__gte=start, held_on__lte=end)
    sent = Q(held_on__isnull=True, submitted_at__date__gte=start, submitted_at__date__lte=end)
    return ProgressReport.objects.filter(held | sent, activity__plan=plan, state=ProgressReport.State.ACCEPTED)


def _done_by(day: dt.date) -> Q:
    return Q(state=Task.State.DONE, done_at__date__lte=day)


def _not_done_by(day: dt.date) -> Q:
    """Open at the end of `day`: still open now, or done only afterwards.

    The bulletin describes the end of its period, not today, so it reads the state then from `done_at` rather than
    using status.light_counts (which answers for now); for a period ending today both say the same.
    """
    return Q(state__in=[Task.State.OPEN, Task.State.SUBMITTED, Task.State.RETURNED]) | Q(
        state=Task.State.DONE, done_at__date__gt=day
    )


def bulletin_facts(*, plan: Plan, start: dt.date, end: dt.date, horizon_days: int = 30) -> BulletinFacts:
    """Everything the bulletin says about `plan` for the period start..end (both included), in a few queries."""
    facts = BulletinFacts(start=start, end=end)
    tasks = Task.objects.filter(activity__plan=plan).exclude(state=Task.State.CANCELLED)
    in_period = Q(due__gte=start, due__lte=end)
    agg = tasks.aggregate(
        total=Count("pk"),
        done_by_end=Count("pk", filter=_done_by(end)),
        in_period=Count("pk", filter=in_period),
        done_in_period=Count("pk", filter=in_period & _done_by(end)),
        on_time=Count("pk", filter=in_period & _done_by(end) & Q(done_at__date__lte=F("due"))),
    )
    facts.total_tasks, facts.done_by_end = agg["total"], agg["done_by_end"]
    facts.due_in_period, facts.done_in_period = agg["in_period"], agg["done_in_period"]
    facts.done_on_time = agg["on_time"]

    reports = list(
        reports_in_period(plan=plan, start=start, end=end)
        .annotate(day=Coalesce("held_on", TruncDate("submitted_at")))
        .order_by("activity__order", "activity_id", "day", "submitted_at", "id")
        .values("activity_id", "activity__title", "org__name", "summary", "held_on", "place", "participants")
    )
    facts.reports_accepted = len(reports)
    facts.report_units = len({r["org__name"] for r in reports})
    facts.report_activities = len({r["activity_id"] for r in reports})
    facts.participants = sum(r["participants"] or 0 for r in reports)
    for r in reports:
        if not facts.news or facts.news[-1].title != r["activity__title"]:
            facts.news.append(ActivityNews(title=r["activity__title"]))
        facts.news[-1].reports.append(r)

    row = ("activity__title", "owner_org__name", "title", "due")
    # Overdue at the end of the period: due on or before its last day and not done by then (red the day after).
    facts.overdue = list(
        tasks.filter(_not_done_by(end), due__lte=end).order_by("due", "owner_org__name", "id").values(*row)
    )
    facts.upcoming = list(
        tasks.filter(_not_done_by(end), due__gt=end, due__lte=end + dt.timedelta(days=horizon_days))
        .order_by("due", "owner_org__name", "id")
        .values(*row)
    )
    return facts


def activity_count(plan: Plan) -> int:
    return Activity.objects.filter(plan=plan).exclude(state=Activity.State.CANCELLED).count()

"""Reading the cockpits: a leader's activities, approvals and reports; the department's rates, charts and late list.

Every figure here is computed by a fixed number of aggregate queries, whatever the size of the programme.

Rates (over the tasks the reader may see; a cancelled task counts in neither rate):

- **completion rate** (完成率) = tasks *done* whose deadline is on or before today
  ÷ tasks (not cancelled) whose deadline is on or before today.
  "What should be finished by now, how much is." A task done early but not yet due counts in neither number,
  so the rate never passes 100 %. A task submitted and awaiting review is not done.
- **on-time rate** (按时完成率) = done tasks whose completion date (``done_at`` in local time) is on or before
  their deadline ÷ done tasks. The deadline is the current ``due``: after an approved extension (延期申请)
  that is the extended date. A done task without a completion time is counted as not on time.

Both are percentages rounded to one decimal, or ``None`` where the denominator is zero.
Per unit, a task counts for its owning unit (``owner_org``); per leader, for each lead leader (牵头领导) of
its activity (counted once per leader even where the leader is named twice).
Lights (red, yellow, green, done) follow ``tongxin.supervision.status`` exactly: cancelled tasks are "done" there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from tongxin.activities.models import Activity, Assignment
from tongxin.activities.selectors import activities_visible_to
from tongxin.core.clock import today as clock_today
from tongxin.supervision import status
from tongxin.supervision.models import Approval, ProgressReport, Task
from tongxin.supervision.selectors import approvals_visible_to, reports_visible_to, tasks_visible_to

LIGHTS = (status.RED, status.YELLOW, status.GREEN, status.DONE)
TOP_UNITS = 20
MONTHS = 12


def _pct(n: int, d: int) -> float | None:
    return round(100 * n / d, 1) if d else None


@dataclass
class Rates:
    """One row of the rates tables: light counts and the numbers behind both rates."""

    key: int | None = None
    name: str = ""
    red: int = 0
    yellow: int = 0
    green: int = 0
    done: int = 0  # the "done" light: done or cancelled
    due_count: int = 0  # not cancelled, deadline on or before today
    due_done: int = 0  # of those, done
    finished: int = 0  # state done
    on_time: int = 0  # of those, done on or before the deadline

    @property
    def total(self) -> int:
        return self.red + self.yellow + self.green + self.done

    @property
    def completion(self) -> float | None:
        return _pct(self.due_done, self.due_count)

    @property
    def on_time_rate(self) -> float | None:
        return _pct(self.on_time, self.finished)

    @property
    def lights(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in LIGHTS}

    @property
    def completion_label(self) -> str:
        return _pct_label(self.completion)

    @property
    def on_time_label(self) -> str:
        return _pct_label(self.on_time_rate)

    @property
    def light_items(self) -> list[tuple[str, str, int]]:
        return light_items(self.lights)


def _pct_label(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


def light_items(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    """[(light, 中文标签, count), …] in the fixed order red, yellow, green, done."""
    return [(k, str(status.LABELS[k]), counts.get(k, 0)) for k in LIGHTS]


def _aggregates(today: dt.date, *, distinct: bool = False) -> dict:
    """Counts for `Rates`; the queryset must carry the `light` annotation from `status.annotate_tasks`."""
    done = Q(state=Task.State.DONE)
    due = Q(due__lte=today)

    def c(condition: Q) -> Count:
        return Count("pk", filter=condition, distinct=distinct)

    return {
        **{k: c(Q(light=k)) for k in LIGHTS},
        "due_count": c(due & ~Q(state=Task.State.CANCELLED)),
        "due_done": c(due & done),
        "finished": c(done),
        "on_time": c(done & Q(done_at__date__lte=F("due"))),
    }


def _rates_from(row: dict, *, key: str | None = None, name: str | None = None) -> Rates:
    counts = {k: row[k] or 0 for k in (*LIGHTS, "due_count", "due_done", "finished", "on_time")}
    return Rates(key=row.get(key) if key else None, name=row.get(name, "") if name else "", **counts)




def rates_total(tasks: QuerySet[Task], *, today: dt.date) -> Rates:
    return _rates_from(status.annotate_tasks(tasks, today=today).aggregate(**_aggregates(today)))


def rates_by_unit(tasks: QuerySet[Task], *, today: dt.date) -> list[Rates]:
    """Per owning unit, most overdue first, then the lowest completion rate, then by name."""
    rows = (
        status.annotate_tasks(tasks, today=today)
        .values("owner_org_id", "owner_org__name")
        .annotate(**_aggregates(today))
        .order_by()
    )
    out = [_rates_from(r, key="owner_org_id", name="owner_org__name") for r in rows]
    out.sort(key=lambda r: (-r.red, r.completion if r.completion is not None else 101, r.name))
    return out


def rates_by_leader(tasks: QuerySet[Task], *, today: dt.date) -> list[Rates]:
    """Per lead leader of the tasks' activities, by name."""
    rows = (
        status.annotate_tasks(tasks, today=today)
        .filter(activity__assignments__role=Assignment.Role.LEAD, activity__assignments__person__isnull=False)
        .values("activity__assignments__person_id", "activity__assignments__person__name")
        .annotate(**_aggregates(today, distinct=True))
        .order_by()
    )
    out = [
        _rates_from(r, key="activity__assignments__person_id", name="activity__assignments__person__name") for r in rows
    ]
    out.sort(key=lambda r: (r.name, r.key))
    return out


def _month_start(d: dt.date, back: int = 0) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 - back, 12)
    return dt.date(y, m + 1, 1)


def reports_by_month(reports: QuerySet[ProgressReport], *, today: dt.date, months: int = MONTHS) -> list[tuple]:
    """[("2019-08", n), …]: reports submitted in each of the `months` months up to today's, oldest first."""
    first = _month_start(today, months - 1)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min), tz)
    end = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min), tz)
    rows = (
        reports.filter(submitted_at__gte=start, submitted_at__lt=end)
        .annotate(month=TruncMonth("submitted_at", tzinfo=tz))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[str, int] = {}
    for r in rows:
        m = r["month"]
        label = f"{m.year}-{m.month:02d}"
        counts[label] = counts.get(label, 0) + r["n"]
    labels = [f"{d.year}-{d.month:02d}" for d in (_month_start(today, back) for back in range(months - 1, -1, -1))]
    return [(label, counts.get(label, 0)) for label in labels]


@dataclass
class LateRow:
    task: Task
    days_overdue: int
    leaders: list = field(default_factory=list)
    can_urge: bool = False


def late_tasks(tasks: QuerySet[Task], *, today: dt.date) -> QuerySet[Task]:
    """Open tasks past their deadline, oldest deadline first; with what a row shows, in a fixed number of queries."""
    return (
        tasks.exclude(state__in=status.CLOSED)
        .filter(due__lt=today)
        .select_related("activity", "owner_org")
        .prefetch_related(
            Prefetch(
                "activity__assignments", queryset=Assignment.objects.select_related("person").order_by("order", "id")
            )
        )
        .order_by("due", "id")
    )


def late_rows(user, page_tasks, *, today: dt.date) -> list[LateRow]:
    """Rows for one page of `late_tasks`: days overdue, lead leaders and whether the reader may urge (no query)."""
    return [
        LateRow(
            task=t,
            days_overdue=(today - t.due).days,
            leaders=[a.person for a in t.activity.assignments.all() if a.role == Assignment.Role.LEAD and a.person],
            can_urge=user.has_perm("supervision.urge", t),
        )
        for t in page_tasks
    ]


def department_summary(user, *, today: dt.date | None = None) -> dict:
    """Everything the department cockpit shows except the late list (paginated by the view)."""
    today = today or clock_today()
    tasks = tasks_visible_to(user)
    activities = activities_visible_to(user)
    reports = reports_visible_to(user)
    approvals = approvals_visible_to(user)
    units = rates_by_unit(tasks, today=today)
    leaders = rates_by_leader(tasks, today=today)
    months = reports_by_month(reports, today=today)
    return {
        "today": today,
        "totals": rates_total(tasks, today=today),
        "activity_count": activities.count(),
        "reports_pending": reports.filter(state=ProgressReport.State.SUBMITTED).count(),
        "approvals_pending": approvals.filter(state=Approval.State.PENDING).count(),
        "units": units,
        "leaders": leaders,
        "months": months,
        "chart": chart_data(units=units, leaders=leaders, months=months),
    }


def chart_data(*, units: list[Rates], leaders: list[Rates], months: list[tuple]) -> dict:
    """What cockpit.js draws, rendered with json_script: the same numbers as the tables."""
    top = units[:TOP_UNITS]
    return {
        "labels": {
            **{k: str(status.LABELS[k]) for k in LIGHTS},
            "units": f"各单位任务状态（前 {TOP_UNITS} 个单位）",
            "leaders": "各牵头领导按时完成率（%）",
            "months": "每月报送开展情况（份）",
            "on_time": "按时完成率",
            "reports": "报送数",
        },
        "units": {"names": [u.name for u in top], **{k: [getattr(u, k) for u in top] for k in LIGHTS}},
        "leaders": {"names": [r.name for r in leaders], "on_time": [r.on_time_rate for r in leaders]},
        "months": {"labels": [m for m, _ in months], "reports": [n for _, n in months]},
    }


# A leader's own cockpit


def led_activities(user, *, today: dt.date | None = None) -> list[Activity]:
    """The visible activities the user's person leads, worst light first, each with open/late counts and next due."""
    today = today or clock_today()
    if not user.person_id:
        return []
    led = Assignment.objects.filter(person_id=user.person_id).values("activity_id")
    acts = list(
        status.annotate_activities(activities_visible_to(user).filter(pk__in=led), today=today)
        .select_related("plan")
        .order_by("plan__year", "plan_id", "order", "id")
    )
    counts = {
        r["activity_id"]: r
        for r in Task.objects.filter(activity_id__in=[a.pk for a in acts])
        .exclude(state__in=status.CLOSED)
        .values("activity_id")
        .annotate(open=Count("pk"), late=Count("pk", filter=Q(due__lt=today)), next_due=Min("due"))
        .order_by()
    }
    for a in acts:
        row = counts.get(a.pk, {})
        a.open_count, a.late_count, a.next_due = row.get("open", 0), row.get("late", 0), row.get("next_due")
    acts.sort(key=lambda a: status.ORDER[a.light])  # stable: plan order within a light
    return acts


def approvals_to_decide(user, activity_ids: list[int]) -> list[Approval]:
    """Pending 请示/延期申请 the user may decide and 报备 they may acknowledge, oldest first (rules decide)."""
    qs = (
        Approval.objects.filter(state=Approval.State.PENDING, activity_id__in=activity_ids)
        .select_related("activity", "org", "task", "requested_by")
        .prefetch_related(Prefetch("activity__assignments", queryset=Assignment.objects.order_by("order", "id")))
        .order_by("created_at", "id")
    )
    out = []
    for ap in qs:
        perm = "supervision.acknowledge_filing" if ap.kind == Approval.Kind.FILING else "supervision.decide_approval"
        if user.has_perm(perm, ap):
            out.append(ap)
    return out


def latest_reports(activity_ids: list[int], *, limit: int = 10) -> list[ProgressReport]:
    return list(
        ProgressReport.objects.filter(activity_id__in=activity_ids)
        .select_related("activity", "org")
        .order_by("-submitted_at", "-id")[:limit]
    )


def leader_summary(user, *, today: dt.date | None = None) -> dict:
    today = today or clock_today()
    acts = led_activities(user, today=today)
    ids = [a.pk for a in acts]
    by_light = {k: 0 for k in LIGHTS}
    for a in acts:
        by_light[a.light] += 1
    tasks = Task.objects.filter(activity_id__in=ids)
    return {
        "today": today,
        "activities": acts,
        "activity_lights": light_items(by_light),
        "totals": rates_total(tasks, today=today),
        "approvals": approvals_to_decide(user, ids),
        "reports": latest_reports(ids),
        "late": late_tasks(tasks, today=today),
    }


# A unit member's summary


def unit_summary(user, *, today: dt.date | None = None) -> dict:
    from tongxin.orgs.selectors import org_with_descendants_ids

    today = today or clock_today()
    units = org_with_descendants_ids(user.organisation)
    tasks = tasks_visible_to(user).filter(owner_org_id__in=units)
    return {
        "today": today,
        "unit": user.organisation,
        "totals": rates_total(tasks, today=today),
        "late": late_tasks(tasks, today=today),
    }

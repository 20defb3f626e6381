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

from django.db import connection
from django.db.models import Count, F, Func, IntegerField, Min, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from tongxin.activities.models import Activity, Assignment
from tongxin.activities.selectors import activities_visible_to
from tongxin.core.clock import today as clock_today
from tongxin.orgs.models import Organisation
from tongxin.supervision import status
from tongxin.supervision.models import Approval, ProgressReport, Task
from tongxin.supervision.selectors import approvals_visible_to, reports_visible_to, tasks_visible_to

LIGHTS = (status.RED, status.YELLOW, status.GREEN, status.DONE)
COUNTS = (*LIGHTS, "due_count", "due_done", "finished", "on_time")
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


class LocalDate(TruncDate):
    """A datetime's calendar date in the current time zone, computed by the database itself.

    Django's `__date` runs a Python function for every row on SQLite (about 250 ms over 20,000 tasks); here
    SQLite shifts by the zone's UTC offset on `today` instead (exact for China, which has no daylight saving).
    Other databases use Django's own TruncDate (PostgreSQL: ``AT TIME ZONE``).
    """

    def __init__(self, expression, *, today: dt.date):
        super().__init__(expression)
        noon = dt.datetime.combine(today, dt.time(12))
        self.offset_seconds = int(timezone.get_current_timezone().utcoffset(noon).total_seconds())

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, '{self.offset_seconds:+d} seconds')", params


def _aggregates(today: dt.date) -> dict:
    """Counts for `Rates`; the queryset must come from `_annotated` (it reads `light` and `done_on`)."""
    done = Q(state=Task.State.DONE)
    due = Q(due__lte=today)

    def c(condition: Q) -> Count:
        return Count("pk", filter=condition)

    return {
        **{k: c(Q(light=k)) for k in LIGHTS},
        "due_count": c(due & ~Q(state=Task.State.CANCELLED)),
        "due_done": c(due & done),
        "finished": c(done),
        "on_time": c(done & Q(done_on__lte=F("due"))),
    }


def _annotated(tasks: QuerySet[Task], today: dt.date) -> QuerySet[Task]:
    return status.annotate_tasks(tasks, today=today).annotate(done_on=LocalDate("done_at", today=today))


def rates_total(tasks: QuerySet[Task], *, today: dt.date) -> Rates:
    return _add(Rates(), _annotated(tasks, today).aggregate(**_aggregates(today)))


@dataclass
class ProgrammeRates:
    units: list[Rates]
    leaders: list[Rates]
    total: Rates


def _add(into: Rates, row: dict | Rates) -> Rates:
    get = row.get if isinstance(row, dict) else lambda k: getattr(row, k)
    for k in COUNTS:
        setattr(into, k, getattr(into, k) + (get(k) or 0))
    return into


def _sum_into(sums: dict, key, values: tuple) -> None:
    have = sums.get(key)
    sums[key] = values if have is None else tuple(a + b for a, b in zip(have, values, strict=True))


def _rates(counts: tuple, **kw) -> Rates:
    return Rates(**kw, **dict(zip(COUNTS, counts, strict=True)))


def programme_rates(tasks: QuerySet[Task], *, today: dt.date) -> ProgrammeRates:
    """Rates per unit, per lead leader and in total, from one aggregate over the tasks by (activity, unit).

    Grouping by activity and unit and adding up in Python avoids joining 20,000 tasks to the assignments and
    counting DISTINCT per leader; the rows number the (activity, unit) pairs, far fewer than the tasks.
    Units: most overdue first, then the lowest completion rate, then by name. Leaders: by name.
    """
    groups = (
        _annotated(tasks, today)
        .values("activity_id", "owner_org_id")
        .annotate(**_aggregates(today))
        .values_list("activity_id", "owner_org_id", *COUNTS)
        .order_by()
    )
    by_unit: dict[int, tuple] = {}
    by_activity: dict[int, tuple] = {}
    for activity_id, org_id, *counts in groups:
        _sum_into(by_unit, org_id, tuple(counts))
        _sum_into(by_activity, activity_id, tuple(counts))
    total: dict[None, tuple] = {}
    for counts in by_unit.values():
        _sum_into(total, None, counts)
    names = dict(Organisation.objects.filter(pk__in=list(by_unit)).values_list("pk", "name"))
    by_leader: dict[int, tuple] = {}
    leader_names: dict[int, str] = {}
    leads = (
        Assignment.objects.filter(role=Assignment.Role.LEAD, person__isnull=False, activity_id__in=list(by_activity))
        .values_list("activity_id", "person_id", "person__name")
        .distinct()
        .order_by()
    )
    for activity_id, person_id, name in leads:  # distinct pairs: a leader named twice counts once
        _sum_into(by_leader, person_id, by_activity[activity_id])
        leader_names[person_id] = name
    units = [_rates(c, key=pk, name=names.get(pk, "")) for pk, c in by_unit.items()]
    leaders = [_rates(c, key=pk, name=leader_names[pk]) for pk, c in by_leader.items()]
    return ProgrammeRates(
        units=sorted(units, key=lambda r: (-r.red, 101 if r.completion is None else r.completion, r.name)),
        leaders=sorted(leaders, key=lambda r: (r.name, r.key)),
        total=_rates(total[None]) if total else Rates(),
    )


def _month_start(d: dt.date, back: int = 0) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 - back, 12)
    return dt.date(y, m + 1, 1)


def reports_by_month(reports: QuerySet[ProgressReport], *, today: dt.date, months: int = MONTHS) -> list[tuple]:
    """[("2019-08", n), …]: reports submitted in each of the `months` local months up to today's, oldest first.

    One round trip of `months` scalar COUNTs, each a range on the `submitted_at` index: grouping 100,000 reports
    by month (or one conditional count per month) costs ten times as much on SQLite.
    """
    tz = timezone.get_current_timezone()
    firsts = [_month_start(today, back) for back in range(months - 1, -1, -1)]
    edges = [timezone.make_aware(dt.datetime.combine(d, dt.time.min), tz) for d in firsts]
    edges.append(timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min), tz))
    counts = _counts_in_one_query(
        [reports.filter(submitted_at__gte=edges[i], submitted_at__lt=edges[i + 1]) for i in range(months)]
    )
    return [(f"{d.year}-{d.month:02d}", n) for d, n in zip(firsts, counts, strict=True)]


def _counts_in_one_query(querysets: list[QuerySet]) -> list[int]:
    """SELECT (SELECT COUNT(*) …), (SELECT COUNT(*) …), …: several counts, one query (SQLite and PostgreSQL)."""
    parts, params = [], []
    for qs in querysets:
        # COUNT(*), not COUNT(id): PostgreSQL then counts from the index alone, without reading the table.
        count_all = Func(template="COUNT(*)", output_field=IntegerField())
        sql, p = qs.order_by().annotate(_n=count_all).values("_n").query.sql_with_params()
        parts.append(f"({sql})")
        params.extend(p)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return [n or 0 for n in cursor.fetchone()]


# What a late row shows and its permission check reads; the activity's long text and JSON stay in the database.
LATE_FIELDS = (
    "title",
    "due",
    "original_due",
    "state",
    "last_urged_at",
    "activity_id",
    "owner_org_id",
    "activity__title",
    "activity__plan_id",
    "owner_org__name",
)


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
        .only(*LATE_FIELDS)
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
    rates = programme_rates(tasks, today=today)
    units, leaders = rates.units, rates.leaders
    months = reports_by_month(reports, today=today)
    return {
        "today": today,
        "totals": rates.total,
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
        a.light_label = str(status.LABELS[a.light])
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
    from tongxin.orgs.selectors import user_unit_ids

    today = today or clock_today()
    units = user_unit_ids(user)
    tasks = tasks_visible_to(user).filter(owner_org_id__in=units)
    return {
        "today": today,
        "unit": user.organisation,
        "totals": rates_total(tasks, today=today),
        "late": late_tasks(tasks, today=today),
        "due_soon": due_soon(tasks, today=today),
    }


def due_soon(tasks: QuerySet[Task], *, today: dt.date, limit: int = 20) -> list[Task]:
    """Open tasks with a yellow light (due within `TONGXIN_YELLOW_DAYS`), nearest deadline first."""
    return list(
        status.annotate_tasks(tasks, today=today)
        .filter(light=status.YELLOW)
        .select_related("activity")
        .only("title", "due", "state", "activity_id", "activity__title")
        .order_by("due", "id")[:limit]
    )

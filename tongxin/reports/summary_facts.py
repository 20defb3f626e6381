"""What the year-end summary (年终总结) says, gathered once: department figures, each activity's own figures and every
module's sections (through the seam), what was not done and why. Plain data, so .docx and PDF render the same."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from tongxin.activities.models import Activity, Session
from tongxin.core import modules
from tongxin.plans.models import Plan
from tongxin.supervision.models import ProgressReport, Task


@dataclass
class ActivitySummary:
    activity: Activity
    figures: list[tuple[str, str]] = field(default_factory=list)
    sections: list[modules.SummarySection] = field(default_factory=list)
    not_done: list[str] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.activity.number}、{self.activity.title}" if self.activity.number else self.activity.title

    @property
    def has_data(self) -> bool:
        # Something was done: a figure starting with a non-zero digit ("1/5", "12份"), here or in a module's section.
        figures = self.figures + [f for s in self.sections for f in s.figures]
        return any(v[:1] in "123456789" and v[:1] for _, v in figures)


@dataclass
class SummaryFacts:
    plan: Plan
    year: int
    as_of: dt.date
    department: list[tuple[str, str]]
    activities: list[ActivitySummary]
    not_done: list[tuple[str, str]]  # (activity heading, reason)
    chart_rows: list[tuple[str, int, int]]  # (short title, tasks done, tasks total)

    @property
    def empty(self) -> bool:
        return not any(a.has_data for a in self.activities)


SHOWN = 3


def _pct(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.0f}%" if whole else "—"


def summary_facts(*, plan: Plan, year: int, as_of: dt.date) -> SummaryFacts:
    acts = list(Activity.objects.filter(plan=plan).select_related("owner_org").order_by("order", "id"))
    ids = [a.pk for a in acts]
    tasks = _by_activity(
        Task.objects.filter(activity_id__in=ids).exclude(state=Task.State.CANCELLED), done=Q(state=Task.State.DONE)
    )
    sessions = _by_activity(
        Session.objects.filter(activity_id__in=ids).exclude(state=Session.State.CANCELLED),
        done=Q(state=Session.State.HELD),
    )
    reports = ProgressReport.objects.filter(activity_id__in=ids, state=ProgressReport.State.ACCEPTED)
    report_rows = {
        r["activity_id"]: (r["n"], r["people"] or 0)
        for r in reports.values("activity_id").annotate(n=Count("id"), people=Sum("participants"))
    }
    late = defaultdict(list)
    for t in (
        Task.objects.filter(activity_id__in=ids, due__lte=as_of)
        .exclude(state__in=[Task.State.DONE, Task.State.CANCELLED])
        .select_related("owner_org")
        .order_by("due")
    ):
        late[t.activity_id].append(f"{t.title}（{t.owner_org}，应于{t.due:%m月%d日}完成）未完成")
    cancelled = defaultdict(list)
    for s in Session.objects.filter(activity_id__in=ids, state=Session.State.CANCELLED):
        cancelled[s.activity_id].append(f"场次“{s.title}”取消：{s.cancel_reason or '未说明原因'}")
    summaries, not_done = [], []
    mods = [m for m in modules.all_modules() if m.summary_sections]
    for act in acts:
        t_done, t_all = tasks.get(act.pk, (0, 0))
        s_done, s_all = sessions.get(act.pk, (0, 0))
        n_reports, people = report_rows.get(act.pk, (0, 0))
        s = ActivitySummary(activity=act)
        s.figures = [
            ("完成任务", f"{t_done}/{t_all}"),
            ("举办场次", f"{s_done}/{s_all}"),
            ("采用报告", str(n_reports)),
            ("参加人次", str(people)),
        ]
        for m in mods:
            if m.serves(act.kinds or []):
                s.sections.extend(m.summary_sections(act, year))
        overdue = late.get(act.pk, [])
        # A big programme has thousands of late tasks: name the first few, count the rest (a summary, not a ledger).
        more = [f"另有{len(overdue) - SHOWN}项到期任务未完成（详见督办台账）"] if len(overdue) > SHOWN else []
        s.not_done = cancelled.get(act.pk, []) + overdue[:SHOWN] + more
        if act.state == "cancelled":
            s.not_done.insert(0, "活动已取消")
        not_done += [(s.heading, reason) for reason in s.not_done]
        summaries.append(s)
    return SummaryFacts(
        plan=plan,
        year=year,
        as_of=as_of,
        department=_department(tasks, sessions, report_rows, len(acts), len(not_done)),
        activities=summaries,
        not_done=not_done,
        chart_rows=[(a.number or a.title[:6], *tasks.get(a.pk, (0, 0))) for a in acts],
    )


def _by_activity(qs, *, done: Q) -> dict[int, tuple[int, int]]:
    rows = qs.values("activity_id").annotate(n=Count("id"), d=Count("id", filter=done))
    return {r["activity_id"]: (r["d"], r["n"]) for r in rows}


def _department(tasks, sessions, report_rows, n_acts: int, n_not_done: int) -> list[tuple[str, str]]:
    t_done, t_all = (sum(v[i] for v in tasks.values()) for i in (0, 1))
    s_done, s_all = (sum(v[i] for v in sessions.values()) for i in (0, 1))
    reports = sum(v[0] for v in report_rows.values())
    people = sum(v[1] for v in report_rows.values())
    return [
        ("活动项数", str(n_acts)),
        ("任务完成", f"{t_done}/{t_all}（{_pct(t_done, t_all)}）"),
        ("场次举办", f"{s_done}/{s_all}（{_pct(s_done, s_all)}）"),
        ("采用报告", f"{reports}份"),
        ("参加人次", str(people)),
        ("未完成事项", f"{n_not_done}项"),
    ]

"""What events and the publicity log show elsewhere, through the module seam: a panel on the activity page, a ledger
sheet, bulletin lines and year-end summary sections."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.template.loader import render_to_string

from tongxin.activities.models import Session
from tongxin.core import modules
from tongxin.events import selectors
from tongxin.events.models import Attendance, CourseAttendance, Minutes, ProgrammeItem, PublicityEntry, Training


def panel(request, activity) -> str:
    sessions = list(activity.sessions.exclude(state=Session.State.CANCELLED).order_by("order", "id"))
    counts = selectors.attendance_counts([s.pk for s in sessions])
    with_minutes = set(Minutes.objects.filter(session__in=sessions).values_list("session_id", flat=True))
    rows = [(s, counts.get(s.pk, 0), s.pk in with_minutes) for s in sessions]
    publicity = PublicityEntry.objects.filter(activity=activity)
    trainings = list(Training.objects.filter(activity=activity))
    has_programme = ProgrammeItem.objects.filter(activity=activity).exists()
    return render_to_string(
        "events/panel.html",
        {
            "activity": activity,
            "rows": rows,
            "trainings": trainings,
            "has_programme": has_programme,
            "publicity_total": publicity.count(),
            "publicity_counts": [c for c in selectors.publicity_counts(publicity) if c[1]],
        },
        request=request,
    )


def ledger_sheets(plan, unit_ids):
    entries = PublicityEntry.objects.filter(activity__plan=plan).select_related("activity").order_by("date", "id")
    if unit_ids is not None:
        entries = entries.filter(activity__assignments__organisation_id__in=unit_ids).distinct()
    if not entries.exists():
        return []  # a plan without publicity gets no empty sheet
    rows = (
        [e.activity.number, e.activity.title, e.get_outlet_type_display(), e.outlet, e.date, e.title, e.link]
        for e in entries
    )
    headers = [("序号", 6), ("活动", 30), ("媒体类型", 12), ("媒体", 20), ("日期", 12), ("标题", 40), ("链接", 40)]
    return [modules.Sheet("宣传报道", headers, rows)]


def bulletin_lines(plan, start: dt.date, end: dt.date) -> list[str]:
    lines = []
    held = Session.objects.filter(activity__plan=plan, state=Session.State.HELD, end__range=(start, end))
    attended = Attendance.objects.filter(session__in=held).count()
    if held.exists():
        lines.append(f"举办活动场次{held.count()}场，签到{attended}人次。")
    entries = PublicityEntry.objects.filter(activity__plan=plan, date__range=(start, end))
    total = entries.count()
    if total:
        parts = "、".join(f"{label}{n}篇" for label, n in selectors.publicity_counts(entries) if n)
        lines.append(f"各类媒体宣传报道{total}篇（{parts}）。")
    return lines


def summary_sections(activity, year: int) -> list[modules.SummarySection]:
    """Few queries per activity (the summary asks for each of hundreds): sessions in one, the rest only if any."""
    sessions = list(
        Session.objects.filter(activity=activity)
        .filter(Q(end__year=year) | Q(end__isnull=True))
        .exclude(state=Session.State.CANCELLED)
        .order_by("order", "id")
    )
    held = [s for s in sessions if s.state == Session.State.HELD]
    out = []
    if sessions:
        held_ids = [s.pk for s in held]
        seen = Attendance.objects.filter(session_id__in=held_ids).aggregate(
            n=Count("id"), units=Count("unit_name", distinct=True)
        ) if held_ids else {"n": 0, "units": 0}  # fmt: skip
        minutes = Minutes.objects.filter(session_id__in=held_ids).count() if held_ids else 0
        figures = [
            ("举办场次", f"{len(held)}/{len(sessions)}"),
            ("签到人次", str(seen["n"])),
            ("参加单位", str(seen["units"])),
            ("会议纪要", f"{minutes}份"),
        ]
        lines = [f"{s.title}（{s.end or s.start or ''}）" for s in held]
        out.append(modules.SummarySection(heading="活动场次与签到", figures=figures, lines=lines))
    out += _training_sections(activity, year)
    entries = PublicityEntry.objects.filter(activity=activity, date__year=year)
    counts = selectors.publicity_counts(entries)
    total = sum(n for _, n in counts)
    if total:
        lines = [f"{e.date:%m月%d日} {e.outlet}《{e.title}》" for e in entries.order_by("date", "id")[:5]]
        figures = [("报道总数", f"{total}篇"), *((label, f"{n}篇") for label, n in counts if n)]
        out.append(modules.SummarySection(heading="宣传报道", figures=figures, lines=lines))
    return out


def publicity_by_type(plan, year: int) -> dict[str, int]:
    rows = (
        PublicityEntry.objects.filter(activity__plan=plan, date__year=year)
        .values("outlet_type")
        .annotate(n=Count("id"))
    )
    return {r["outlet_type"]: r["n"] for r in rows}


def _training_sections(activity, year: int) -> list[modules.SummarySection]:
    out = []
    for t in Training.objects.filter(activity=activity, start__year=year):
        states = dict(t.nominations.order_by().values_list("state").annotate(n=Count("id")))
        courses = t.courses.count()
        present = CourseAttendance.objects.filter(course__training=t, present=True).count()
        approved = states.get("approved", 0)
        rate = f"{present * 100 / (approved * courses):.0f}%" if approved and courses else "—"
        figures = [
            ("名额单位", f"{t.quotas.count()}个"),
            ("批准学员", f"{approved}人"),
            ("未批准", f"{states.get('rejected', 0)}人"),
            ("课程", f"{courses}门"),
            ("课程出勤率", rate),
        ]
        out.append(modules.SummarySection(heading=t.title, figures=figures, lines=[f"{t.start}至{t.end}，{t.school}"]))
    items = ProgrammeItem.objects.filter(activity=activity)
    if items.exists():
        minutes = sum(items.values_list("minutes", flat=True))
        out.append(
            modules.SummarySection(
                heading="议程/节目单", figures=[("项目", f"{items.count()}项"), ("时长", f"{minutes}分钟")]
            )
        )
    return out

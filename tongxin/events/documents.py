"""Documents of trainings and programmes: completion certificates and programmes as PDF (WeasyPrint, CJK fonts) and
the training ledger as .xlsx (every cell text or number, never a formula)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from openpyxl import Workbook

from tongxin.events.models import Course, CourseAttendance, Nomination, ProgrammeItem, Training

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string(template, context)).write_pdf()


def certificate_pdf(nomination: Nomination) -> bytes:
    from tongxin.events.services import EventsError

    if nomination.state != Nomination.State.APPROVED:
        raise EventsError("只有已批准的学员才能颁发结业证书。")
    training = nomination.training
    return _pdf("events/certificate_pdf.html", {"n": nomination, "training": training})


def programme_pdf(activity) -> bytes:
    items = list(ProgrammeItem.objects.filter(activity=activity).order_by("order", "id"))
    total = sum(i.minutes for i in items)
    return _pdf("events/programme_pdf.html", {"activity": activity, "items": items, "total": total})


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # shown as typed, never run as a formula
    return value


def training_ledger_xlsx(training: Training) -> bytes:
    wb = Workbook()
    roster = wb.active
    roster.title = "学员名册"
    roster.append(["序号", "推荐单位", "姓名", "职务", "状态", "未批准原因", "出勤课次", "课程总数"])
    courses = list(Course.objects.filter(training=training))
    present = {}
    for nom_id in CourseAttendance.objects.filter(course__training=training, present=True).values_list(
        "nomination_id", flat=True
    ):
        present[nom_id] = present.get(nom_id, 0) + 1
    noms = training.nominations.select_related("org").order_by("org__name", "id")
    for i, n in enumerate(noms, start=1):
        row = [i, n.org.name, n.name, n.position, n.get_state_display(), n.reason, present.get(n.pk, 0), len(courses)]
        roster.append([_safe(v) for v in row])
    sheet = wb.create_sheet("课程表")
    sheet.append(["日期", "时间", "课程", "授课人", "地点"])
    for c in courses:
        sheet.append(
            [c.date, f"{c.start_time:%H:%M}—{c.end_time:%H:%M}", *(_safe(v) for v in (c.topic, c.teacher, c.place))]
        )
    quotas = wb.create_sheet("名额分配")
    quotas.append(["单位", "名额", "已批准"])
    approved = {}
    for n in noms:
        if n.state == Nomination.State.APPROVED:
            approved[n.org_id] = approved.get(n.org_id, 0) + 1
    for q in training.quotas.select_related("org").order_by("org__name"):
        quotas.append([_safe(q.org.name), q.seats, approved.get(q.org_id, 0)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

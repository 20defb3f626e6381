"""Exporters: small classes that turn a plan's activities into a downloadable file (.ics, .xlsx, .json)."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tongxin.activities.models import Activity, Session, TimeWindow
from tongxin.activities.selectors import roles_of
from tongxin.activities.templatetags.programme import window_label
from tongxin.core.exporting import Exporter, safe_cell
from tongxin.plans.models import Plan


def activity_url(activity: Activity) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("activities:detail", args=[activity.pk])


def _names(assignments) -> str:
    return "、".join(a.holder_name for a in assignments)


# ---------------------------------------------------------------------------------------------------------------
# iCalendar


def window_uid(activity: Activity, position: int) -> str:
    """Windows are deleted and recreated on re-import; the activity and the window's position survive, so use them."""
    return f"activity-{activity.pk}-window-{position}@tongxin"


def session_uid(session: Session) -> str:
    """Sessions are updated in place on re-import, so their own key is stable."""
    return f"session-{session.pk}@tongxin"


def _day_span(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """All-day DTSTART and exclusive DTEND; a date missing on one side makes a one-day event on the other."""
    first = start or end
    last = end or start
    if first is None or last is None:
        return None
    if last < first:
        last = first
    return first, last + dt.timedelta(days=1)


class CalendarExporter(Exporter):
    """An .ics calendar: one all-day event per activity window and per session, with stable UIDs."""

    identifier = "ics"
    verbose_name = "日历（iCalendar）"
    extension = "ics"
    content_type = "text/calendar; charset=utf-8"

    def __init__(self, *, name: str, activities: Iterable[Activity]):
        self.name = name
        self.activities = activities

    def filename_stem(self) -> str:
        return self.name

    def render(self) -> bytes:
        cal = icalendar.Calendar()
        cal.add("prodid", "-//tongxin//同心 方案落实管理//ZH")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", self.name)
        cal.add("x-wr-timezone", settings.TIME_ZONE)
        # Subscribed calendars ask again every few hours.
        cal.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT6H")
        for activity in self.activities:
            for event in self.events(activity):
                cal.add_component(event)
        return cal.to_ical()

    def events(self, activity: Activity) -> list[icalendar.Event]:
        roles = roles_of(activity)
        events = []
        for position, window in enumerate(activity.windows.all(), start=1):
            span = _day_span(window.start, window.end)
            if span is None:
                continue
            summary = f"截止：{activity.title}" if window.is_deadline else activity.title
            if window.tentative:
                summary += "（拟定）"
            when = window_label(window) + (f"（原文：{window.text}）" if window.text else "")
            event = self._event(activity, window_uid(activity, position), summary, span, roles, when)
            if activity.places:
                event.add("location", "、".join(activity.places))
            if window.tentative and activity.state != Activity.State.CANCELLED:
                event["status"] = "TENTATIVE"
            events.append(event)
        for session in activity.sessions.all():
            span = _day_span(session.start, session.end)
            if span is None:
                continue
            summary = f"{activity.title}：{session.title}"
            event = self._event(activity, session_uid(session), summary, span, roles, window_label(session))
            if session.place:
                event.add("location", session.place)
            if session.state == Session.State.CANCELLED:
                event["status"] = "CANCELLED"
            events.append(event)
        return events

    def _event(self, activity, uid, summary, span, roles, when) -> icalendar.Event:
        event = icalendar.Event()
        event.add("uid", uid)
        # The activity's own change time, not "now": exporting twice gives the same file.
        event.add("dtstamp", activity.updated_at)
        event.add("last-modified", activity.updated_at)
        event.add("dtstart", span[0])
        event.add("dtend", span[1])
        event.add("summary", summary)
        lines = [f"方案：{activity.plan.title}", f"时间：{when}"]
        for role, label in (("lead", "牵头领导"), ("responsible", "责任单位"), ("cooperating", "配合单位")):
            if roles[role]:
                lines.append(f"{label}：{_names(roles[role])}")
        if activity.participants:
            lines.append(f"参加对象：{'、'.join(activity.participants)}")
        lines.append(f"状态：{activity.get_state_display()}")
        url = activity_url(activity)
        lines.append(url)
        event.add("description", "\n".join(lines))
        event.add("url", url)
        if activity.kind_labels:
            event.add("categories", activity.kind_labels)
        event.add("transp", "TRANSPARENT")  # a month-long window must not block the whole month as busy
        event["status"] = "CANCELLED" if activity.state == Activity.State.CANCELLED else "CONFIRMED"
        return event


# ---------------------------------------------------------------------------------------------------------------
# Excel

ORIGIN_LABELS = {Activity.Origin.PLAN: "规定动作", Activity.Origin.OWN: "自选动作"}

# (header, width in characters, wrap)
COLUMNS = [
    ("序号", 6, False),
    ("活动名称", 36, True),
    ("类型", 12, True),
    ("时间", 26, True),
    ("开始", 12, False),
    ("结束", 12, False),
    ("拟定/前后", 10, False),
    ("场次数", 8, False),
    ("地点", 20, True),
    ("参加对象", 24, True),
    ("牵头领导", 14, True),
    ("责任单位", 22, True),
    ("配合单位", 22, True),
    ("状态", 8, False),
    ("来源", 10, False),
]


def _time_text(windows: list[TimeWindow]) -> str:
    return "；".join(window_label(w) for w in windows)


def _flags(windows: list[TimeWindow]) -> str:
    flags = []
    if any(w.tentative for w in windows):
        flags.append("拟定")
    if any(w.approximate for w in windows):
        flags.append("前后")
    return "、".join(flags)


def activity_row(activity: Activity) -> list:
    """One row of the activity table, in the order of COLUMNS."""
    windows = list(activity.windows.all())
    roles = roles_of(activity)
    places = "、".join(activity.places) or ("地点待定" if activity.place_pending else "")
    return [
        activity.number,
        activity.title,
        "、".join(activity.kind_labels),
        _time_text(windows),
        activity.starts_on,
        activity.ends_on,
        _flags(windows),
        len(activity.sessions.all()),
        places,
        "、".join(activity.participants),
        _names(roles["lead"]),
        _names(roles["responsible"]),
        _names(roles["cooperating"]),
        activity.get_state_display(),
        ORIGIN_LABELS.get(activity.origin, activity.origin),
    ]


class ActivityTableExporter(Exporter):
    """The plan's activity table as .xlsx, written in openpyxl's streaming (write-only) mode, ready to print."""

    identifier = "activities_xlsx"
    verbose_name = "活动一览表（Excel）"
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def __init__(self, *, plan: Plan, activities: Iterable[Activity]):
        self.plan = plan
        self.activities = activities

    def filename_stem(self) -> str:
        return f"{self.plan.title}-活动一览表"

    def render(self) -> bytes:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("活动一览表")
        last_col = get_column_letter(len(COLUMNS))
        # Write-only sheets take their layout before the first row.
        for i, (_header, width, _wrap) in enumerate(COLUMNS, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A3"
        ws.print_title_rows = "2:2"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True

        title = safe_cell(ws, self.plan.title)
        title.font = Font(bold=True, size=14)
        ws.append([title])
        ws.merged_cells.add(f"A1:{last_col}1")
        header_fill = PatternFill("solid", fgColor="EEF1F4")
        header = []
        for name, _width, _wrap in COLUMNS:
            cell = safe_cell(ws, name, bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(horizontal="center", vertical="center")
            header.append(cell)
        ws.append(header)
        rows = 0
        for activity in self.activities:
            values = activity_row(activity)
            ws.append(
                [
                    safe_cell(ws, v, wrap=wrap, number_format="yyyy-mm-dd" if isinstance(v, dt.date) else None)
                    for v, (_h, _w, wrap) in zip(values, COLUMNS, strict=True)
                ]
            )
            rows += 1
        if rows:
            ws.auto_filter.ref = f"A2:{last_col}{rows + 2}"
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# JSON


class PlanJsonExporter(Exporter):
    """The plan in the parse schema's shape: the same serialiser the API's /api/plans/<id> uses."""

    identifier = "plan_json"
    verbose_name = "方案数据（JSON）"
    extension = "json"
    content_type = "application/json"

    def __init__(self, *, plan: Plan, activities: Iterable[Activity]):
        self.plan = plan
        self.activities = activities

    def filename_stem(self) -> str:
        return self.plan.title

    def render(self) -> bytes:
        from tongxin.api.serializers import plan_detail_to_dict

        data = plan_detail_to_dict(self.plan, self.activities)
        return json.dumps(data, ensure_ascii=False, indent=2).encode()

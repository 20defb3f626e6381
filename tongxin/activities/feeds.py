"""The calendar (FullCalendar) and Gantt (frappe-gantt) JSON for a list of time windows and sessions."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from tongxin.activities.models import Activity, Session, TimeWindow

# One colour per kind of activity, shared by the calendar, the Gantt chart and their legends.
KIND_COLOURS = {
    "recurring_meeting": "#1d4f91",
    "meeting": "#3f6fb5",
    "training": "#6f42a8",
    "visits": "#0f766e",
    "call:proposal": "#a15c00",
    "call:essay": "#b45309",
    "call:video": "#9a3412",
    "call:photo": "#c2410c",
    "quiz": "#be185d",
    "event": "#b3261e",
    "campaign": "#1e7a3a",
    "publicity": "#0e7490",
    "other": "#5f6770",
}


def kind_colour(activity: Activity) -> str:
    kind = activity.kinds[0] if activity.kinds else "other"
    return KIND_COLOURS.get(kind, KIND_COLOURS["other"])


def _dates(entry: TimeWindow | Session) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive); a deadline or a one-sided date is a single day."""
    start = entry.start or entry.end
    end = entry.end or entry.start
    return start, max(start, end)


def _title(entry: TimeWindow | Session) -> str:
    activity = entry.activity
    if isinstance(entry, Session):
        return f"{activity.title} · {entry.title}"
    title = activity.title
    if entry.is_deadline:
        title = _("截止：%(title)s") % {"title": title}
    if entry.tentative:
        title += _("（拟）")
    if entry.approximate:
        title += _("（前后）")
    return title


def _css_class(entry: TimeWindow | Session) -> str:
    if isinstance(entry, Session):
        return "session"
    return "deadline" if entry.is_deadline else "window"


def _entry_id(entry: TimeWindow | Session) -> str:
    return f"{'session' if isinstance(entry, Session) else 'window'}-{entry.pk}"


def calendar_events(entries: list[TimeWindow | Session]) -> list[dict]:
    """FullCalendar event objects; `end` is exclusive, so a window ending 20 June ends on "…-06-21"."""
    events = []
    for entry in entries:
        start, last = _dates(entry)
        events.append(
            {
                "id": _entry_id(entry),
                "title": _title(entry),
                "start": start.isoformat(),
                "end": (last + dt.timedelta(days=1)).isoformat(),
                "allDay": True,
                "url": reverse("activities:detail", args=[entry.activity_id]),
                "color": kind_colour(entry.activity),
                "classNames": [f"ev-{_css_class(entry)}"],
            }
        )
    return events


def _done(entry: TimeWindow | Session) -> bool:
    if isinstance(entry, Session):
        return entry.state == Session.State.HELD
    return entry.activity.state == Activity.State.DONE


def gantt_tasks(entries: list[TimeWindow | Session]) -> list[dict]:
    """frappe-gantt task objects, one row each; `end` is the last day (frappe-gantt counts it in)."""
    tasks = []
    for entry in entries:
        start, last = _dates(entry)
        is_session = isinstance(entry, Session)
        tasks.append(
            {
                "id": _entry_id(entry),
                "name": f"· {entry.title}" if is_session else _title(entry),
                "activity": entry.activity.title,
                "start": start.isoformat(),
                "end": last.isoformat(),
                "progress": 100 if _done(entry) else 0,
                "color": kind_colour(entry.activity),
                "custom_class": f"gantt-{_css_class(entry)}",
                "url": reverse("activities:detail", args=[entry.activity_id]),
            }
        )
    return tasks

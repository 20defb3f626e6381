"""The programme by time and by responsibility: calendar, Gantt timeline and responsibility matrix, with their feeds."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tongxin.activities import feeds
from tongxin.activities.models import COMPONENT_LABELS
from tongxin.activities.selectors_timeline import responsibility_matrix, timeline_entries
from tongxin.core import clock
from tongxin.core.params import int_param
from tongxin.plans.selectors import plans_visible_to


def _date(value: str | None) -> dt.date | None:
    """A date from FullCalendar's range parameters, which may carry a time and offset ("2019-06-01T00:00:00+08:00")."""
    return dt.date.fromisoformat(value[:10]) if value else None


def _page_context(request: HttpRequest, feed_name: str | None = None) -> dict:
    """The plans the user may pick from and the chosen one (the newest when none or an unknown one is asked for)."""
    plans = list(plans_visible_to(request.user))
    wanted = int_param(request.GET, "plan")
    plan = next((p for p in plans if p.pk == wanted), plans[0] if plans else None)
    ctx = {"plans": plans, "plan": plan}
    if feed_name:
        url = reverse(feed_name)
        ctx["feed_url"] = f"{url}?{urlencode({'plan': plan.pk})}" if plan else url
    return ctx


def _legend() -> list[tuple[str, str]]:
    return [(str(COMPONENT_LABELS[k]), colour) for k, colour in feeds.KIND_COLOURS.items()]


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    ctx = _page_context(request, "activities:calendar_feed")
    today = clock.today()
    plan = ctx["plan"]
    initial = today if not plan or not plan.year or plan.year == today.year else dt.date(plan.year, 1, 1)
    ctx.update(today=today, initial_date=initial, legend=_legend())
    return render(request, "activities/calendar.html", ctx)


@login_required
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """FullCalendar's event source: `?start=&end=` (end exclusive, both optional) and `?plan=`."""
    try:
        start, end = _date(request.GET.get("start")), _date(request.GET.get("end"))
    except ValueError:
        return HttpResponseBadRequest(_("日期格式应为 YYYY-MM-DD。"))
    entries = timeline_entries(request.user, plan_id=int_param(request.GET, "plan"), start=start, end=end)
    return JsonResponse(feeds.calendar_events(entries), safe=False)


@login_required
def gantt(request: HttpRequest) -> HttpResponse:
    ctx = _page_context(request, "activities:gantt_feed")
    ctx.update(today=clock.today(), legend=_legend())
    return render(request, "activities/gantt.html", ctx)


@login_required
def gantt_feed(request: HttpRequest) -> HttpResponse:
    entries = timeline_entries(request.user, plan_id=int_param(request.GET, "plan"))
    return JsonResponse(feeds.gantt_tasks(entries), safe=False)


@login_required
def matrix(request: HttpRequest) -> HttpResponse:
    ctx = _page_context(request)
    plan = ctx["plan"]
    m = responsibility_matrix(request.user, plan_id=plan.pk if plan else None)
    ctx["matrix"] = m
    ctx["tables"] = [
        {
            "id": "leaders",
            "title": _("领导 × 活动"),
            "holder_label": _("领导"),
            "rows": m.leaders,
            "empty": _("没有写明牵头领导的活动。"),
        },
        {
            "id": "units",
            "title": _("单位 × 活动"),
            "holder_label": _("单位"),
            "rows": m.units,
            "empty": _("没有写明责任单位或配合单位的活动。"),
        },
    ]
    return render(request, "activities/matrix.html", ctx)

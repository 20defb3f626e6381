"""Template helpers for showing windows, roles and states the same way on every page."""

from __future__ import annotations

import datetime as dt

from django import template

register = template.Library()


def _d(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@register.filter
def window_label(w) -> str:
    """2019年6月11日—6月20日, 截至2019年12月31日, 2019年8月 — compact and in Chinese."""
    start, end = w.start, w.end
    if start is None and end is None:
        return w.text or "时间待定"
    if start is None:
        return f"{_d(end)}前"
    if end is None or start == end:
        return _d(start)
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1:
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.year}年{start.month}月"
        if start.year == end.year:
            return f"{start.year}年{start.month}月—{end.month}月"
    if start.year == end.year:
        return f"{_d(start)}—{end.month}月{end.day}日"
    return f"{_d(start)}—{_d(end)}"


@register.filter
def session_label(s) -> str:
    return window_label(s)


@register.inclusion_tag("includes/roles.html")
def roles_tags(roles: dict, short: bool = False):
    return {"roles": roles, "short": short}


@register.simple_tag(takes_context=True)
def module_panels(context, activity) -> dict:
    """The panels of the activity modules that serve this activity's kinds (see tongxin.core.modules), in order.
    A module returns "" when it has nothing to show this viewer; such panels are left out."""
    from tongxin.core import modules

    request = context["request"]
    lights, panels = [], []
    for module in modules.modules_for(activity.kinds):
        if module.activity_lights:
            lights += module.activity_lights([activity.pk]).get(activity.pk, [])
        html = module.panel(request, activity) if module.panel else ""
        if html:
            panels.append({"name": module.name, "label": module.label, "html": html})
    return {"panels": panels, "lights": lights}

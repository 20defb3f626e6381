"""Cockpits (驾驶舱): one page per role — a leader's own, the department's, a unit's summary."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tongxin.accounts.rules import is_leader, is_unit_member, sees_everything
from tongxin.supervision import selectors_cockpit as cockpit

LATE_PAGE_SIZE = 50
UNITS_SHOWN = 50  # the department table starts with the 50 most overdue units; ?units=all shows every one


def _late_page(request: HttpRequest, qs, today):
    page = Paginator(qs, LATE_PAGE_SIZE).get_page(request.GET.get("page"))
    return page, cockpit.late_rows(request.user, page.object_list, today=today)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Leaders see their own cockpit, units their unit's summary, the department (admin, viewer) its own."""
    user = request.user
    if is_leader(user) and user.person_id:
        return _leader(request)
    if is_unit_member(user):
        return _unit(request)
    return _department(request)


@login_required
def department(request: HttpRequest) -> HttpResponse:
    # Department-wide readers only (admin, viewer, leaders read-only); a unit sees its own summary instead.
    if not sees_everything(request.user):
        raise PermissionDenied
    return _department(request)


def _department(request: HttpRequest) -> HttpResponse:
    ctx = cockpit.department_summary(request.user)
    qs = cockpit.late_tasks(cockpit.tasks_visible_to(request.user), today=ctx["today"])
    ctx["page"], ctx["late_rows"] = _late_page(request, qs, ctx["today"])
    ctx["has_own_cockpit"] = is_leader(request.user) and bool(request.user.person_id)
    ctx["all_units"] = request.GET.get("units") == "all"
    ctx["units_shown"] = ctx["units"] if ctx["all_units"] else ctx["units"][:UNITS_SHOWN]
    return render(request, "supervision/cockpit_department.html", ctx)


def _leader(request: HttpRequest) -> HttpResponse:
    ctx = cockpit.leader_summary(request.user)
    ctx["page"], ctx["late_rows"] = _late_page(request, ctx.pop("late"), ctx["today"])
    return render(request, "supervision/cockpit_leader.html", ctx)


def _unit(request: HttpRequest) -> HttpResponse:
    if request.user.organisation_id is None:
        return render(request, "supervision/cockpit_unit.html", {"unit": None})
    ctx = cockpit.unit_summary(request.user)
    ctx["page"], ctx["late_rows"] = _late_page(request, ctx.pop("late"), ctx["today"])
    return render(request, "supervision/cockpit_unit.html", ctx)

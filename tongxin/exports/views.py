"""Download views: calendars of a plan, a unit or a person, the activity table and the plan's JSON.

Every export shows what its reader may see on the pages (activities_visible_to) and nothing else. Calendars also
open with a secret feed token instead of a session, because calendar apps cannot sign in (see feeds.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from tongxin.activities.selectors import OverviewFilters, activities_overview
from tongxin.core.access import get_visible_or_404
from tongxin.exports.exporters import ActivityTableExporter, CalendarExporter, PlanJsonExporter
from tongxin.exports.feeds import feed_url, feed_user, webcal_url
from tongxin.orgs.models import Organisation, Person
from tongxin.plans.selectors import plans_visible_to


def feed_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in, or holding a valid feed token for exactly this path; a bad token is a 404."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        token = request.GET.get("token")
        if token is not None:
            reader = feed_user(token, request.path)
            if reader is None:
                raise Http404
        elif request.user.is_authenticated:
            reader = request.user
        else:
            return redirect_to_login(request.get_full_path())
        response = view(request, reader, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        return response

    return wrapped


def _visible_plan(reader, pk: int):
    return get_visible_or_404(plans_visible_to(reader), pk=pk)


@feed_view
def plan_ics(request: HttpRequest, reader, pk: int) -> HttpResponse:
    plan = _visible_plan(reader, pk)
    activities = activities_overview(reader, OverviewFilters(plan_id=plan.pk))
    return CalendarExporter(name=plan.title, activities=activities).response()


# Units and people are directory data every signed-in user sees (as on the search page); what a calendar shows of
# them is still limited to the activities its reader may see.


@feed_view
def unit_ics(request: HttpRequest, reader, pk: int) -> HttpResponse:
    unit = get_visible_or_404(Organisation.objects.all(), pk=pk)
    activities = activities_overview(reader, OverviewFilters(unit_id=unit.pk))
    return CalendarExporter(name=f"{unit.name} · 活动日历", activities=activities).response()


@feed_view
def person_ics(request: HttpRequest, reader, pk: int) -> HttpResponse:
    person = get_visible_or_404(Person.objects.all(), pk=pk)
    activities = activities_overview(reader, OverviewFilters(leader_id=person.pk))
    return CalendarExporter(name=f"{person.name} · 牵头活动日历", activities=activities).response()


@login_required
def activities_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _visible_plan(request.user, pk)
    activities = activities_overview(request.user, OverviewFilters(plan_id=plan.pk))
    return ActivityTableExporter(plan=plan, activities=activities).response()


@login_required
def plan_json(request: HttpRequest, pk: int) -> HttpResponse:
    from tongxin.api.views import plan_with_structure

    plan = plan_with_structure(request.user, pk)
    activities = activities_overview(request.user, OverviewFilters(plan_id=plan.pk))
    return PlanJsonExporter(plan=plan, activities=activities).response()


@login_required
def calendars(request: HttpRequest) -> HttpResponse:
    """The reader's calendars with their secret subscription links: every visible plan, their unit, themselves."""
    user = request.user
    feeds = [("方案", p.title, "exports:plan_ics", p.pk) for p in plans_visible_to(user)]
    if user.organisation_id:
        feeds.append(("本单位", user.organisation.name, "exports:unit_ics", user.organisation_id))
    if user.person_id:
        feeds.append(("我牵头的活动", user.person.name, "exports:person_ics", user.person_id))
    rows = []
    for kind, name, viewname, pk in feeds:
        url = feed_url(user, viewname, pk)
        rows.append({"kind": kind, "name": name, "viewname": viewname, "pk": pk, "url": url, "webcal": webcal_url(url)})
    return render(request, "exports/calendars.html", {"feeds": rows})

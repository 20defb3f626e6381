"""A plan's page: its activities with their owners, as the viewer may see them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tongxin.activities.selectors import activities_visible_to, roles_of, with_details
from tongxin.core.access import get_visible_or_404
from tongxin.plans.selectors import plans_visible_to


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_visible_or_404(plans_visible_to(request.user), pk=pk)
    acts = with_details(activities_visible_to(request.user).filter(plan=plan)).order_by("order")
    rows = [(a, roles_of(a)) for a in acts]
    return render(request, "plans/detail.html", {"plan": plan, "rows": rows})

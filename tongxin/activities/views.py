"""Programme screens: the overview, an activity's page, "my work" and search."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tongxin.activities import selectors
from tongxin.activities.forms import OverviewFilterForm
from tongxin.activities.models import COMPONENT_LABELS
from tongxin.audit.selectors import history_for
from tongxin.core.access import get_visible_or_404
from tongxin.plans.selectors import plans_visible_to

PAGE_SIZE = 100


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    plans = list(plans_visible_to(request.user))
    form = OverviewFilterForm(request.GET or None, user=request.user, plans=plans)
    filters = form.filters()
    plan = next((p for p in plans if p.pk == filters.plan_id), plans[0] if plans else None)
    if plan and not filters.plan_id and len(plans) > 1:
        filters.plan_id = plan.pk
    qs = selectors.activities_overview(request.user, filters, year=plan.year if plan else None)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(a, selectors.roles_of(a)) for a in page.object_list]
    template = "activities/_overview_rows.html" if request.htmx else "activities/overview.html"
    return render(
        request,
        template,
        {"form": form, "page": page, "rows": rows, "plan": plan, "plans": plans, "count": page.paginator.count},
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_visible_or_404(selectors.with_details(selectors.activities_visible_to(request.user)), pk=pk)
    ctx = {
        "activity": activity,
        "roles": selectors.roles_of(activity),
        "history": history_for(activity, limit=50),
        "can_edit": request.user.has_perm("activities.change_activity", activity),
        "paragraph_html": selectors.paragraph_with_marks(activity),
    }
    return render(request, "activities/detail.html", ctx)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    groups = selectors.my_work(request.user)
    return render(request, "activities/mine.html", {"groups": groups})


@login_required
def search(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()
    results = selectors.search(request.user, q) if q else None
    return render(request, "activities/search.html", {"q": q, "results": results, "labels": COMPONENT_LABELS})

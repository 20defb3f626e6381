"""Programme screens: the overview, an activity's page, "my work" and search."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tongxin.accounts.rules import is_admin
from tongxin.activities import selectors, services
from tongxin.activities.forms import ActivityStateForm, OverviewFilterForm, OwnActivityForm
from tongxin.activities.models import COMPONENT_LABELS
from tongxin.audit.selectors import history_for
from tongxin.core.access import get_visible_or_404, require
from tongxin.orgs.models import Organisation
from tongxin.plans.selectors import plans_visible_to

PAGE_SIZE = 50


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
    # A history restore (the back button) needs the whole page, not the rows fragment.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "activities/_overview_update.html" if partial else "activities/overview.html"
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
        "can_edit_all": request.user.has_perm("activities.edit_activity", activity),
        "can_edit_sessions": request.user.has_perm("activities.edit_sessions", activity),
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


@login_required
def add_own(request: HttpRequest) -> HttpResponse:
    """A unit adds its own activity (自选动作) to a published plan."""
    require(request.user, "activities.add_own_activity")
    plans = plans_visible_to(request.user).filter(status="published")
    orgs = (
        Organisation.objects.all()
        if is_admin(request.user)
        else Organisation.objects.filter(pk=request.user.organisation_id)
    )
    form = OwnActivityForm(request.POST or None, plans=plans, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            act = services.activity_add_own(
                actor=request.user,
                plan=d["plan"],
                org=d["org"],
                title=d["title"],
                kinds=d["kinds"],
                start=d["start"],
                end=d["end"],
                place=d["place"],
                description=d["description"],
            )
        except services.ActivityError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已添加自选动作“{act.title}”。")
            return redirect("activities:detail", pk=act.pk)
    return render(request, "activities/add_own.html", {"form": form})


@login_required
@require_POST
def set_state(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_visible_or_404(selectors.with_details(selectors.activities_visible_to(request.user)), pk=pk)
    require(request.user, "activities.change_activity", activity)
    form = ActivityStateForm(request.POST)
    if form.is_valid():
        services.activity_set_state(actor=request.user, activity=activity, state=form.cleaned_data["state"])
        messages.success(request, f"活动状态已改为“{activity.get_state_display()}”。")
    return redirect("activities:detail", pk=pk)

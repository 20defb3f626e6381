"""Plan pages: the list, a plan's history and its status. A plan's activity table is an activities page
(`activities:plan_detail`); importing and publishing are tongxin.ingest's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tongxin.audit.selectors import history_for_plan
from tongxin.core.access import get_visible_or_404, require
from tongxin.plans import selectors, services
from tongxin.plans.models import PlanImport


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.plans_visible_to(request.user)
    drafts = selectors.imports_visible_to(request.user).filter(status__in=[*PlanImport.WORKING, "draft", "failed"])
    return render(request, "plans/list.html", {"plans": plans, "drafts": drafts})


@login_required
def plan_history(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_visible_or_404(selectors.plans_visible_to(request.user), pk=pk)
    require(request.user, "plans.change_plan", plan)
    return render(request, "plans/history.html", {"plan": plan, "history": history_for_plan(plan.pk)})


@login_required
@require_POST
def plan_status(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_visible_or_404(selectors.plans_visible_to(request.user), pk=pk)
    require(request.user, "plans.change_plan", plan)
    try:
        services.plan_set_status(user=request.user, plan=plan, status=request.POST.get("status", ""))
    except services.PlanError as exc:
        messages.error(request, exc.message)
    return redirect("activities:plan_detail", pk=plan.pk)

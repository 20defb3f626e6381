"""Plan screens: list, a plan's page and history, and the import → review → publish flow."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tongxin.audit.selectors import history_for_plan
from tongxin.core.access import get_visible_or_404, require
from tongxin.plans import selectors, services
from tongxin.plans.forms import UploadForm
from tongxin.plans.review import ReviewForm, review_context


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.plans_visible_to(request.user)
    drafts = selectors.imports_visible_to(request.user).filter(status="draft")
    return render(request, "plans/list.html", {"plans": plans, "drafts": drafts})


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_visible_or_404(selectors.plans_visible_to(request.user), pk=pk)
    from tongxin.activities.selectors import activities_visible_to, roles_of, with_details

    acts = with_details(activities_visible_to(request.user).filter(plan=plan)).order_by("order")
    rows = [(a, roles_of(a)) for a in acts]
    return render(request, "plans/detail.html", {"plan": plan, "rows": rows})


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
    except services.ImportRejected as exc:
        messages.error(request, exc.message)
    return redirect("plans:detail", pk=plan.pk)


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    require(request.user, "plans.import_plan")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = services.plan_import_create(user=request.user, name=upload.name, data=form.cleaned_bytes)
        except services.ImportRejected as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(request, f"已识别《{record.draft.get('title')}》，请核对后发布。")
            return redirect("plans:review", pk=record.pk)
    return render(request, "plans/import.html", {"form": form})


@login_required
def import_review(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "plans.import_plan")
    record = get_visible_or_404(selectors.imports_visible_to(request.user), pk=pk)
    form = ReviewForm(request.POST or None, record=record)
    if request.method == "POST" and record.status == "draft" and form.is_valid():
        try:
            services.plan_import_save_draft(user=request.user, plan_import=record, draft=form.corrected_draft())
            if "publish" in request.POST:
                plan = services.plan_import_publish(user=request.user, plan_import=record, merges=form.merges())
                messages.success(request, f"方案《{plan.title}》已发布。")
                return redirect("plans:detail", pk=plan.pk)
            messages.success(request, "更正已保存。")
            return redirect("plans:review", pk=record.pk)
        except services.ImportRejected as exc:
            messages.error(request, exc.message)
    return render(request, "plans/review.html", review_context(record, form))


@login_required
@require_POST
def import_discard(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "plans.import_plan")
    record = get_visible_or_404(selectors.imports_visible_to(request.user), pk=pk)
    try:
        services.plan_import_discard(user=request.user, plan_import=record)
        messages.success(request, "已放弃这次导入。")
    except services.ImportRejected as exc:
        messages.error(request, exc.message)
    return redirect("plans:list")

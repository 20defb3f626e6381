"""Task screens: the list with lights, a task's page, 催办, editing with a version check, creating and generating."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tongxin.activities.selectors import activities_visible_to
from tongxin.core.access import require
from tongxin.core.clock import today
from tongxin.core.params import int_param
from tongxin.core.text import quoted
from tongxin.plans.selectors import plans_visible_to
from tongxin.supervision import selectors
from tongxin.supervision.forms import GenerateForm, RuleForm, TaskCreateForm, TaskEditForm, TaskFilterForm, UrgeForm
from tongxin.supervision.models import ReportingRule
from tongxin.supervision.services import (
    ConcurrentUpdate,
    SupervisionError,
    rule_create,
    rules_generate_due,
    task_create,
    task_update,
    task_urge,
    tasks_generate_for_plan,
)

PAGE_SIZE = 50


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    plans = list(plans_visible_to(request.user))
    form = TaskFilterForm(request.GET or None, plans=plans)
    qs = selectors.tasks_list(request.user, form.filters())
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {"form": form, "page": page, "count": page.paginator.count}
    if request.user.has_perm("supervision.manage_tasks"):
        ctx["generate_form"] = GenerateForm(plans=plans_visible_to(request.user))
    partial = request.htmx and not request.htmx.history_restore_request  # a restore needs the whole page
    template = "supervision/_task_rows.html" if partial else "supervision/task_list.html"
    return render(request, template, ctx)


def _task_page(request: HttpRequest, task, *, status: int = 200, **extra) -> HttpResponse:
    user = request.user
    reports = list(task.reports.select_related("org", "author"))
    approvals = list(task.approvals.select_related("org", "requested_by"))
    ctx = {
        "task": task,
        "history": selectors.task_history(task, reports=reports, approvals=approvals),
        "urges": selectors.urges_for(task),
        "reports": reports,
        "approvals": approvals,
        "urge_form": UrgeForm(),
        "can_report": not task.is_closed and user.has_perm("supervision.report", task),
        "can_extend": not task.is_closed and user.has_perm("supervision.request_approval", task),
        "can_urge": not task.is_closed and user.has_perm("supervision.urge", task),
        "can_edit": user.has_perm("supervision.manage_tasks", task),
        **extra,
    }
    return render(request, "supervision/task_detail.html", ctx, status=status)


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _task_page(request, selectors.task_for_page(request.user, pk))


@login_required
@require_POST
def task_urge_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_for_page(request.user, pk)
    require(request.user, "supervision.urge", task)
    form = UrgeForm(request.POST)
    error = ""
    urge = None
    if form.is_valid():
        try:
            urge = task_urge(actor=request.user, task=task, note=form.cleaned_data["note"])
        except SupervisionError as exc:
            error = exc.message
    else:
        error = "；".join(e for errs in form.errors.values() for e in errs)
    if request.htmx:
        ctx = {"task": task, "urges": selectors.urges_for(task), "just_urged": urge, "urge_error": error}
        return render(request, "supervision/_urges.html", ctx)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"已催办 {task.owner_org}。")
    return redirect("supervision:task_detail", pk=task.pk)


@login_required
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_for_page(request.user, pk)
    require(request.user, "supervision.manage_tasks", task)
    if request.method != "POST":
        return _render_edit(request, task, TaskEditForm.for_task(task))
    form = TaskEditForm(request.POST)
    if not form.is_valid():
        return _render_edit(request, task, form, status=400)
    if form.cleaned_data["version"] != task.version:
        return _conflict(request, task, form)
    changes = form.changes(task)
    if not changes:
        messages.info(request, "没有需要保存的修改。")
        return redirect("supervision:task_detail", pk=task.pk)
    try:
        task_update(actor=request.user, task=task, expected_version=form.cleaned_data["version"], **changes)
    except ConcurrentUpdate:
        return _conflict(request, selectors.task_for_page(request.user, pk), form)
    except SupervisionError as exc:
        form.add_error(None, exc.message)
        return _render_edit(request, task, form, status=400)
    messages.success(request, "任务已保存。")
    return redirect("supervision:task_detail", pk=task.pk)


def _conflict(request: HttpRequest, current, form: TaskEditForm) -> HttpResponse:
    """Keep what the person typed, say what happened, show the current values; saving again applies on top of them."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    again = TaskEditForm(data)
    again.is_valid()
    again.add_error(None, ConcurrentUpdate().message)
    return _render_edit(request, current, again, status=409, conflict=True)


def _render_edit(request, task, form, *, status: int = 200, conflict: bool = False) -> HttpResponse:
    return render(
        request, "supervision/task_edit.html", {"task": task, "form": form, "conflict": conflict}, status=status
    )


@login_required
def task_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "supervision.manage_tasks")
    activities = activities_visible_to(request.user).select_related("plan").order_by("plan_id", "order", "id")
    if request.method == "POST":
        form = TaskCreateForm(request.POST, activities=activities)
        if form.is_valid():
            d = form.cleaned_data
            try:
                task = task_create(
                    actor=request.user,
                    activity=d["activity"],
                    title=d["title"],
                    owner_org=d["owner_org"],
                    owner_user=d["owner_user"],
                    due=d["due"],
                )
            except SupervisionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "任务已创建。")
                return redirect("supervision:task_detail", pk=task.pk)
        return render(request, "supervision/task_new.html", {"form": form}, status=400)
    initial = {}
    if (act_id := int_param(request.GET, "activity")) and activities.filter(pk=act_id).exists():
        initial["activity"] = act_id
    return render(
        request, "supervision/task_new.html", {"form": TaskCreateForm(initial=initial, activities=activities)}
    )


@login_required
@require_POST
def tasks_generate(request: HttpRequest) -> HttpResponse:
    require(request.user, "supervision.manage_tasks")
    form = GenerateForm(request.POST, plans=plans_visible_to(request.user))
    if not form.is_valid():
        messages.error(request, "请选择方案。")
        return redirect("supervision:tasks")
    plan = form.cleaned_data["plan"]
    n = tasks_generate_for_plan(actor=request.user, plan=plan)
    if n:
        messages.success(request, f"已按{quoted(plan.title)}生成 {n} 项任务。")
    else:
        messages.info(request, f"{quoted(plan.title)}的任务都已生成，没有新增。")
    return redirect(f"{reverse('supervision:tasks')}?plan={plan.pk}")


@login_required
def rules_page(request: HttpRequest) -> HttpResponse:
    require(request.user, "supervision.manage_tasks")
    plans = plans_visible_to(request.user)
    form = RuleForm(request.POST or None, plans=plans)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                rule = rule_create(
                    actor=request.user,
                    plan=d["plan"],
                    title=d["title"],
                    every_months=d["every_months"],
                    day_of_month=d["day_of_month"],
                    starts_on=d["starts_on"],
                    ends_on=d["ends_on"],
                )
            except SupervisionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"报送规则{quoted(rule.title)}已设置。")
                return redirect("supervision:rules")
        status = 400
    rules = ReportingRule.objects.select_related("plan").order_by("-id")
    return render(request, "supervision/rules.html", {"form": form, "rules": rules}, status=status)


@login_required
@require_POST
def rules_generate(request: HttpRequest) -> HttpResponse:
    require(request.user, "supervision.manage_tasks")
    n = rules_generate_due(today=today(), actor=request.user)
    messages.success(request, f"已生成到期的定期报送任务 {n} 项。" if n else "没有新到期的定期报送任务。")
    return redirect("supervision:rules")

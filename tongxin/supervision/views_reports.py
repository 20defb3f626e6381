"""Progress report screens: the report form with evidence, a report's page with review, the list, evidence files."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tongxin.accounts.rules import is_admin
from tongxin.activities.selectors import activities_visible_to, with_details
from tongxin.core.access import get_visible_or_404, require
from tongxin.core.params import int_param
from tongxin.plans.selectors import plans_visible_to
from tongxin.supervision import selectors, status
from tongxin.supervision.forms import ReportFilterForm, ReportForm, ReviewForm, activity_orgs, form_is_valid
from tongxin.supervision.models import Evidence, ProgressReport, Task
from tongxin.supervision.services import ConcurrentUpdate, SupervisionError, report_accept, report_return, report_submit

PAGE_SIZE = 50


@login_required
def report_new(request: HttpRequest, activity_id: int) -> HttpResponse:
    user = request.user
    activity = get_visible_or_404(with_details(activities_visible_to(user)), pk=activity_id)
    require(user, "supervision.report", activity)
    tasks = selectors.tasks_to_report_on(user, activity)
    kwargs = {
        "activity": activity,
        "tasks": tasks,
        "orgs": activity_orgs(activity),
        "fixed_org": None if is_admin(user) else user.organisation,
    }
    if request.method != "POST":
        initial = _initial(request, tasks) | {"submission_token": secrets.token_urlsafe(24)}
        return _render_form(request, activity, ReportForm(initial=initial, **kwargs))
    form = ReportForm(request.POST, request.FILES, **kwargs)
    if not form_is_valid(form, request):
        return _render_form(request, activity, form, code=400)
    d = form.cleaned_data
    task = d["task"]
    try:
        report = report_submit(
            actor=user,
            activity=activity,
            org=form.org_for(user),
            summary=d["summary"],
            held_on=d["held_on"],
            place=d["place"],
            participants=d["participants"],
            media_links=d["media_links"],
            session=d["session"] or (task.session if task else None),
            task=task,
            files=[(f.name, f) for f in d["files"]],
            submission_token=d["submission_token"],
        )
    except SupervisionError as exc:
        message = exc.message + ("（其他内容已保留，请重新选择文件。）" if d["files"] else "")
        form.add_error(None, message)
        return _render_form(request, activity, form, code=400)
    if getattr(report, "repeated", False):
        messages.info(request, "这份开展情况刚才已经报送过了，没有重复报送。")
    else:
        messages.success(request, "开展情况已报送，等待审核。")
    return redirect("supervision:report_detail", pk=report.pk)


def _initial(request: HttpRequest, tasks) -> dict:
    initial = {}
    task = None
    if (task_id := int_param(request.GET, "task")) is not None:
        task = tasks.filter(pk=task_id).first() or _counterpart(request.user, tasks, task_id)
    if task is not None:
        initial["task"] = task.pk
        if task.session_id:
            initial["session"] = task.session_id
        if not request.user.organisation_id:
            initial["org"] = task.owner_org_id
    if (session_id := int_param(request.GET, "session")) is not None:
        initial["session"] = session_id
    return initial


def _counterpart(user, tasks, task_id: int) -> Task | None:
    """A co-responsible unit's task opened from its page stands for the user's own task of the same kind."""
    other = selectors.tasks_visible_to(user).filter(pk=task_id).first()
    return None if other is None else tasks.filter(kind=other.kind, session_id=other.session_id).first()


def _render_form(request, activity, form, *, code: int = 200) -> HttpResponse:
    return render(request, "supervision/report_form.html", {"activity": activity, "form": form}, status=code)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for_page(request.user, pk)
    return _report_page(request, report, ReviewForm())


def _report_page(request, report, review_form, *, code: int = 200) -> HttpResponse:
    ctx = {
        "report": report,
        "review_form": review_form,
        "can_review": report.state == ProgressReport.State.SUBMITTED
        and request.user.has_perm("supervision.review_report", report),
        # The task with its light, so the page shows what a review did to it.
        "task": status.annotate_tasks(Task.objects.filter(pk=report.task_id)).first() if report.task_id else None,
    }
    return render(request, "supervision/report_detail.html", ctx, status=code)


@login_required
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for_page(request.user, pk)
    require(request.user, "supervision.review_report", report)
    form = ReviewForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    accept = request.POST.get("action") == "accept"
    try:
        if accept:
            report_accept(actor=request.user, report=report, comment=comment)
        else:
            report_return(actor=request.user, report=report, comment=comment)
    except ConcurrentUpdate as exc:
        messages.error(request, exc.message)
    except SupervisionError as exc:
        form.add_error("comment", exc.message)
        return _report_page(request, report, form, code=400)
    else:
        messages.success(request, "已采用。" if accept else "已退回，报送单位会收到您的意见。")
    return redirect("supervision:report_detail", pk=report.pk)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    plans = list(plans_visible_to(request.user))
    form = ReportFilterForm(request.GET or None, plans=plans)
    reviewer = request.user.has_perm("supervision.review_report")
    ids = selectors.reports_list(request.user, form.filters(), pending_first=reviewer)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.reports_for_rows(list(page.object_list))
    partial = request.htmx and not request.htmx.history_restore_request  # a restore needs the whole page
    template = "supervision/_report_rows.html" if partial else "supervision/report_list.html"
    return render(request, template, {"form": form, "page": page, "count": page.paginator.count})


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence is served only to those who may see its report (never from a public /media/ address)."""
    ev = get_visible_or_404(
        Evidence.objects.filter(report_id__in=selectors.reports_visible_to(request.user).values("pk")), pk=pk
    )
    response = FileResponse(
        ev.file.open("rb"), content_type=ev.content_type, as_attachment=not ev.is_image, filename=ev.original_name
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response

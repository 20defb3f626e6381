"""Approval screens: 请示 / 报备 / 延期申请 — asking, the list (what awaits me first), deciding, withdrawing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tongxin.accounts.rules import is_admin
from tongxin.activities.selectors import activities_visible_to, with_details
from tongxin.core.access import get_visible_or_404, require
from tongxin.core.params import int_param
from tongxin.core.text import quoted
from tongxin.supervision import selectors
from tongxin.supervision.forms import ApprovalForm, DecideForm, activity_orgs, form_is_valid
from tongxin.supervision.models import Approval
from tongxin.supervision.services import ConcurrentUpdate, SupervisionError, approval_decide, approval_request
from tongxin.supervision.services import approval_withdraw as approval_withdraw_service

PAGE_SIZE = 50


@login_required
def approval_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    state = state if state in Approval.State.values else ""
    kind = request.GET.get("kind", "")
    kind = kind if kind in Approval.Kind.values else ""
    mine = list(
        selectors.approvals_decidable_by(request.user)
        .select_related("activity", "org", "requested_by", "task")
        .order_by("created_at", "id")[:100]
    )
    qs = selectors.approvals_list(request.user, state=state, kind=kind).exclude(pk__in=[a.pk for a in mine])
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {
        "mine": mine,
        "page": page,
        "state": state,
        "kind": kind,
        "states": Approval.State.choices,
        "kinds": Approval.Kind.choices,
    }
    return render(request, "supervision/approval_list.html", ctx)


def _title_for(kind: str, activity, task) -> str:
    if kind == Approval.Kind.EXTENSION and task is not None:
        return f"关于延期完成{quoted(task.title)}的申请"
    if kind == Approval.Kind.FILING:
        return f"关于{activity.title}的报备"
    return f"关于举办{activity.title}的请示"


@login_required
def approval_new(request: HttpRequest, activity_id: int) -> HttpResponse:
    user = request.user
    activity = get_visible_or_404(with_details(activities_visible_to(user)), pk=activity_id)
    require(user, "supervision.request_approval", activity)
    tasks = selectors.tasks_to_report_on(user, activity)
    kwargs = {
        "tasks": tasks,
        "orgs": activity_orgs(activity),
        "fixed_org": None if is_admin(user) else user.organisation,
    }
    if request.method != "POST":
        kind = request.GET.get("kind", "")
        kind = kind if kind in Approval.Kind.values else Approval.Kind.REQUEST
        task_id = int_param(request.GET, "task")
        task = tasks.filter(pk=task_id).first() if task_id else None
        initial = {"kind": kind, "title": _title_for(kind, activity, task)}
        if task is not None:
            initial.update(task=task.pk, org=task.owner_org_id)
        return _render_form(request, activity, ApprovalForm(initial=initial, **kwargs))
    form = ApprovalForm(request.POST, request.FILES, **kwargs)
    if not form_is_valid(form, request):
        return _render_form(request, activity, form, code=400)
    d = form.cleaned_data
    extension = d["kind"] == Approval.Kind.EXTENSION
    attachment = d["attachment"]
    try:
        approval = approval_request(
            actor=user,
            activity=activity,
            org=form.org_for(user),
            kind=d["kind"],
            title=d["title"],
            body=d["body"],
            task=d["task"] if extension else None,
            new_due=d["new_due"] if extension else None,
            attachment=(attachment.name, attachment) if attachment else None,
        )
    except SupervisionError as exc:
        form.add_error(None, exc.message + ("（其他内容已保留，请重新选择附件。）" if attachment else ""))
        return _render_form(request, activity, form, code=400)
    messages.success(request, f"{approval.get_kind_display()}已提交。")
    return redirect("supervision:approval_detail", pk=approval.pk)


def _render_form(request, activity, form, *, code: int = 200) -> HttpResponse:
    return render(request, "supervision/approval_form.html", {"activity": activity, "form": form}, status=code)


def _decide_perm(approval: Approval) -> str:
    return "supervision.acknowledge_filing" if approval.kind == Approval.Kind.FILING else "supervision.decide_approval"


def _approval_page(request, approval, form, *, code: int = 200) -> HttpResponse:
    pending = approval.state == Approval.State.PENDING
    ctx = {
        "approval": approval,
        "form": form,
        "can_decide": pending and request.user.has_perm(_decide_perm(approval), approval),
        "can_withdraw": pending and approval.requested_by_id == request.user.pk,
        "is_filing": approval.kind == Approval.Kind.FILING,
    }
    return render(request, "supervision/approval_detail.html", ctx, status=code)


@login_required
def approval_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _approval_page(request, selectors.approval_for_page(request.user, pk), DecideForm())


@login_required
@require_POST
def approval_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    approval = selectors.approval_for_page(request.user, pk)
    require(request.user, _decide_perm(approval), approval)
    form = DecideForm(request.POST)
    form.is_valid()
    approve = request.POST.get("decision") != "decline"
    try:
        approval_decide(actor=request.user, approval=approval, approve=approve, comment=form.cleaned_data["comment"])
    except ConcurrentUpdate as exc:
        messages.error(request, exc.message)
    except SupervisionError as exc:
        form.add_error("comment", exc.message)
        return _approval_page(request, approval, form, code=400)
    else:
        messages.success(request, f"已处理：{approval.get_state_display()}。")
    return redirect("supervision:approval_detail", pk=approval.pk)


@login_required
@require_POST
def approval_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    approval = selectors.approval_for_page(request.user, pk)
    if approval.requested_by_id != request.user.pk:
        raise PermissionDenied
    try:
        approval_withdraw_service(actor=request.user, approval=approval)
    except ConcurrentUpdate as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "申请已撤回。")
    return redirect("supervision:approval_detail", pk=approval.pk)


@login_required
def approval_attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    approval = selectors.approval_for_page(request.user, pk)
    if not approval.attachment:
        raise Http404
    return FileResponse(approval.attachment.open("rb"), as_attachment=True, filename=approval.attachment_name or "附件")

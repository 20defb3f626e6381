"""Write endpoints for other systems: create a task, submit a progress report with files.

Each one is the page's form and the page's service, so validation, permissions and audit are the pages' own:
the caller (a session, or the owner of a write token) may do here exactly what they may do on the page.
Recording a 批示 belongs to the calls module, which is not built yet; it will add its endpoint there.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers

from tongxin.accounts.rules import is_admin
from tongxin.activities.selectors import activities_visible_to, with_details
from tongxin.api import serializers, views
from tongxin.core.access import get_visible_or_404, require
from tongxin.supervision import selectors, status
from tongxin.supervision.forms import ReportForm, TaskCreateForm, activity_orgs
from tongxin.supervision.models import Task
from tongxin.supervision.services import SupervisionError, report_submit, task_create


class FormInvalid(Exception):
    def __init__(self, form):
        super().__init__("invalid")
        self.errors = {name: [str(m) for m in msgs] for name, msgs in form.errors.items()} if form else {}

    @classmethod
    def single(cls, field: str, message: str) -> FormInvalid:
        exc = cls(None)
        exc.errors = {field: [message]}
        return exc


def api_write(view: Callable[..., tuple[int, dict]]) -> Callable[..., HttpResponse]:
    """POST only, signed in (session with CSRF, or a write token); the view returns (status, dict)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method != "POST":
            response = views.error_response(405, "只支持 POST 请求。")
            response["Allow"] = "POST"
            return response
        if not request.user.is_authenticated:
            response = views.error_response(401, "请先登录，或使用 Authorization: Bearer <令牌>。")
            response["WWW-Authenticate"] = 'Bearer realm="tongxin"'
            return response
        try:
            code, data = view(request, *args, **kwargs)
            response = JsonResponse(data, status=code, json_dumps_params={"ensure_ascii": False})
        except Http404:
            response = views.error_response(404, "未找到，或您无权查看。")
        except PermissionDenied:
            response = views.error_response(403, "您没有权限进行此操作。")
        except FormInvalid as exc:
            response = JsonResponse(
                {"detail": "提交的内容有误，未保存。", "errors": exc.errors},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        except SupervisionError as exc:
            response = views.error_response(400, exc.message)
        except views.ApiError as exc:
            response = views.error_response(exc.status, exc.detail)
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie", "Authorization"])
        return response

    return wrapped


def _json_body(request: HttpRequest) -> dict:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError) as exc:
            raise views.ApiError(400, "请求体不是有效的 JSON。") from exc
        if not isinstance(data, dict):
            raise views.ApiError(400, "请求体应是一个 JSON 对象。")
        return {k: "" if v is None else v for k, v in data.items()}
    return request.POST


@api_write
def task_create_view(request: HttpRequest) -> tuple[int, dict]:
    user = request.user
    require(user, "supervision.manage_tasks")
    activities = activities_visible_to(user)
    form = TaskCreateForm(_json_body(request), activities=activities)
    if not form.is_valid():
        raise FormInvalid(form)
    d = form.cleaned_data
    task = task_create(
        actor=user, activity=d["activity"], title=d["title"], owner_org=d["owner_org"],
        owner_user=d["owner_user"], due=d["due"],
    )  # fmt: skip
    task = status.annotate_tasks(Task.objects.filter(pk=task.pk)).select_related("owner_org", "owner_user").get()
    return 201, serializers.task_to_dict(task)


@api_write
def report_create_view(request: HttpRequest) -> tuple[int, dict]:
    """multipart/form-data like the page's form: activity, summary, … and any number of `files`."""
    user = request.user
    raw = request.POST.get("activity", "").strip()
    if not raw.isdigit() or len(raw) > 18:
        raise FormInvalid.single("activity", "请选择活动（活动编号）。")
    activity_id = int(raw)
    activity = get_visible_or_404(with_details(activities_visible_to(user)), pk=activity_id)
    require(user, "supervision.report", activity)
    tasks = selectors.tasks_visible_to(user).filter(activity=activity).exclude(state__in=status.CLOSED)
    fixed_org = None if is_admin(user) else user.organisation
    form = ReportForm(
        request.POST, request.FILES, activity=activity, tasks=tasks, orgs=activity_orgs(activity), fixed_org=fixed_org
    )
    if not form.is_valid():
        raise FormInvalid(form)
    d = form.cleaned_data
    task = d["task"]
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
        files=[(f.name, f.read()) for f in d["files"]],
    )
    return 201, {
        "id": report.pk,
        "activity_id": report.activity_id,
        "task_id": report.task_id,
        "session_id": report.session_id,
        "org": report.org.name,
        "state": report.state,
        "summary": report.summary,
        "evidence": [
            {"name": ev.original_name, "content_type": ev.content_type, "size": ev.size}
            for ev in report.evidence.order_by("id")
        ],
        "page_url": reverse("supervision:report_detail", args=[report.pk]),
    }


def tasks(request: HttpRequest) -> HttpResponse:
    """GET lists tasks (the read API), POST creates one."""
    if request.method == "POST":
        return task_create_view(request)
    return views.task_list(request)

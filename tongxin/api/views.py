"""The read-only JSON API: plain Django views returning JsonResponse, behind the same sign-in as the pages.

No Django REST framework: it is not in our stack, and nine GET endpoints over existing selectors do not need it.
Access is the pages' access: plans_visible_to / activities_visible_to / tasks_visible_to decide, outsiders get 404;
anonymous callers get 401. Errors are JSON objects with a Chinese `detail`. Lights come from supervision.status, in SQL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from functools import wraps

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers

from tongxin.activities.models import Session
from tongxin.activities.selectors import OverviewFilters, activities_overview, activities_visible_to, with_details
from tongxin.api import serializers
from tongxin.api.openapi_write import openapi_schema
from tongxin.core.access import get_visible_or_404
from tongxin.orgs.selectors import organisations_list, people_list
from tongxin.plans.models import PlanContact
from tongxin.plans.selectors import plans_visible_to
from tongxin.supervision import status
from tongxin.supervision.models import Task
from tongxin.supervision.selectors import TaskFilters, tasks_list, tasks_visible_to

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class ApiError(Exception):
    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _json(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def error_response(status: int, detail: str) -> JsonResponse:
    return _json({"detail": detail}, status=status)


def api_view(view: Callable[..., dict]) -> Callable[..., HttpResponse]:
    """GET only, signed-in only; the view returns a dict, 404s and bad parameters become JSON errors."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = error_response(405, "只支持 GET 请求。")
            response["Allow"] = "GET, HEAD"
            return response
        if not request.user.is_authenticated:
            response = error_response(401, "请先登录。")
            # A browser's session cookie, or a personal token (tongxin.api.auth).
            response["WWW-Authenticate"] = 'Bearer realm="tongxin"'
            return response
        try:
            response = _json(view(request, *args, **kwargs))
        except Http404:
            response = error_response(404, "未找到，或您无权查看。")
        except ApiError as exc:
            response = error_response(exc.status, exc.detail)
        # Answers depend on who asks: never shared by a cache.
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie", "Authorization"])
        return response

    return wrapped


def _int_param(request: HttpRequest, name: str, default: int | None = None) -> int | None:
    raw = request.GET.get(name, "").strip()
    if raw == "":
        return default
    if not re.fullmatch(r"[0-9]{1,18}", raw) or int(raw) < 1:
        raise ApiError(400, f"参数 {name} 必须是正整数。")
    return int(raw)


def _choice_param(request: HttpRequest, name: str, choices: Sequence[str]) -> str:
    raw = request.GET.get(name, "").strip()
    if raw and raw not in choices:
        raise ApiError(400, f"参数 {name} 必须是以下之一：{'、'.join(choices)}。")
    return raw


def _page_url(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(request: HttpRequest, qs: QuerySet, to_dict: Callable, rows: Callable | None = None) -> dict:
    """{"count", "next", "previous", "results"}; `rows` may post-process one page's objects (e.g. add counts)."""
    size = min(_int_param(request, "page_size", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
    number = _int_param(request, "page", 1)
    paginator = Paginator(qs, size)
    if number > paginator.num_pages:
        raise ApiError(404, "页码超出范围。")
    page = paginator.page(number)
    objects = list(page.object_list)
    return {
        "count": paginator.count,
        "next": _page_url(request, number + 1) if page.has_next() else None,
        "previous": _page_url(request, number - 1) if page.has_previous() else None,
        "results": rows(objects) if rows else [to_dict(o) for o in objects],
    }


@api_view
def plan_list(request: HttpRequest) -> dict:
    user = request.user

    def with_counts(plans):
        # A unit counts only the activities it can see, in one grouped query for the page.
        counts = dict(
            activities_visible_to(user)
            .filter(plan__in=plans)
            .order_by()
            .values("plan_id")
            .annotate(n=Count("id", distinct=True))
            .values_list("plan_id", "n")
        )
        return [serializers.plan_to_dict(p, activity_count=counts.get(p.pk, 0)) for p in plans]

    return paginate(request, plans_visible_to(user), None, rows=with_counts)


def plan_with_structure(user, pk: int):
    """The plan if the user may see it, with its headings and contacts prefetched."""
    qs = plans_visible_to(user).prefetch_related(
        "sections", Prefetch("contacts", queryset=PlanContact.objects.order_by("id"))
    )
    return get_visible_or_404(qs, pk=pk)


def plan_activities(user, plan) -> QuerySet:
    return activities_overview(user, OverviewFilters(plan_id=plan.pk))


@api_view
def plan_detail(request: HttpRequest, pk: str) -> dict:
    plan = plan_with_structure(request.user, int(pk))
    return serializers.plan_detail_to_dict(plan, plan_activities(request.user, plan))


@api_view
def activity_list(request: HttpRequest) -> dict:
    filters = OverviewFilters(
        plan_id=_int_param(request, "plan"),
        unit_id=_int_param(request, "unit"),
        leader_id=_int_param(request, "leader"),
    )
    return paginate(request, activities_overview(request.user, filters), serializers.activity_detail_to_dict)


@api_view
def activity_detail(request: HttpRequest, pk: str) -> dict:
    qs = status.annotate_activities(with_details(activities_visible_to(request.user)))
    return serializers.activity_detail_to_dict(get_visible_or_404(qs, pk=int(pk)))


@api_view
def task_list(request: HttpRequest) -> dict:
    # The task list page's selector: the same visibility, filters and order (red first, then by deadline).
    filters = TaskFilters(
        plan_id=_int_param(request, "plan"),
        activity_id=_int_param(request, "activity"),
        unit_id=_int_param(request, "unit"),
        light=_choice_param(request, "light", list(status.ORDER)),
        state=_choice_param(request, "state", Task.State.values),
    )
    return paginate(request, tasks_list(request.user, filters), serializers.task_to_dict)


@api_view
def task_detail(request: HttpRequest, pk: str) -> dict:
    qs = status.annotate_tasks(tasks_visible_to(request.user)).select_related("owner_org", "owner_user")
    return serializers.task_to_dict(get_visible_or_404(qs, pk=int(pk)))


@api_view
def session_list(request: HttpRequest) -> dict:
    qs = Session.objects.filter(activity__in=activities_visible_to(request.user).values("pk"))
    if activity_id := _int_param(request, "activity"):
        qs = qs.filter(activity_id=activity_id)
    qs = qs.order_by("activity__plan_id", "activity__order", "activity_id", "order", "id")
    return paginate(request, qs, serializers.session_detail_to_dict)


@api_view
def organisation_list(request: HttpRequest) -> dict:
    # The directory of units is shared by every signed-in user, as on the search page.
    return paginate(
        request, organisations_list().order_by("sort_order", "name", "id"), serializers.organisation_to_dict
    )


@api_view
def person_list(request: HttpRequest) -> dict:
    return paginate(
        request,
        people_list().order_by("kind", "name", "id"),
        lambda person: serializers.person_to_dict(person, request.user),
    )


def unknown_endpoint(request: HttpRequest) -> JsonResponse:
    return error_response(404, "没有这个接口，请参阅 /api/docs/。")


def openapi(request: HttpRequest) -> JsonResponse:
    """The OpenAPI document describes endpoints, not data: it is public, like the docs page."""
    return _json(openapi_schema())


def _endpoints(schema: dict) -> list[dict]:
    """One row per operation, with its query/path parameters and, for writes, the request body's fields."""
    endpoints = []
    for path, item in schema["paths"].items():
        for method, op in item.items():
            params = [p if "name" in p else _resolve(schema, p) for p in op.get("parameters", [])]
            if "requestBody" in op:
                body = _resolve(schema, next(iter(op["requestBody"]["content"].values()))["schema"])
                params += [{"name": k, "description": v.get("description", "")} for k, v in body["properties"].items()]
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op["summary"],
                    "description": op.get("description", ""),
                    "parameters": params,
                    "auth": op.get("security") != [],
                }
            )
    return endpoints


def docs(request: HttpRequest) -> HttpResponse:
    schema = openapi_schema()
    endpoints = _endpoints(schema)
    example = schema["components"]["schemas"]["PlanDetail"]["examples"][0]
    return render(
        request,
        "api/docs.html",
        {
            "endpoints": endpoints,
            "example_json": json.dumps(example, ensure_ascii=False, indent=2),
            "error_json": json.dumps({"detail": "请先登录。"}, ensure_ascii=False),
            "site_url": settings.SITE_URL.rstrip("/"),
            "max_page_size": MAX_PAGE_SIZE,
            "default_page_size": DEFAULT_PAGE_SIZE,
        },
    )


def _resolve(schema: dict, ref: dict) -> dict:
    node = schema
    for part in ref["$ref"].lstrip("#/").split("/"):
        node = node[part]
    return node

"""Field work's read-only JSON: /api/visits, /api/households, /api/campaigns (also under /api/fieldwork/), paginated
like /api/tasks (`count`, `next`, `previous`, `results`), behind the site's sign-in; outsiders get 404, in JSON."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from tongxin.fieldwork import rates, selectors
from tongxin.fieldwork.models import Opinion

PAGE_SIZE, MAX_PAGE_SIZE = 50, 500


class BadParam(Exception):
    pass


def _json(data, status=200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def api_view(view: Callable) -> Callable:
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = _json({"detail": "只支持 GET 请求。"}, 405)
            response["Allow"] = "GET, HEAD"
            return response
        if not request.user.is_authenticated:
            response = _json({"detail": "请先登录。"}, 401)
            response["WWW-Authenticate"] = 'Cookie realm="tongxin"'
            return response
        try:
            response = _json(view(request, *args, **kwargs))
        except Http404:
            response = _json({"detail": "未找到，或您无权查看。"}, 404)
        except BadParam as exc:
            response = _json({"detail": str(exc)}, 400)
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapped


def _int(request, name: str, default: int | None = None) -> int | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"[0-9]{1,18}", raw) or int(raw) < 1:
        raise BadParam(f"参数 {name} 必须是正整数。")
    return int(raw)


def paginate(request, qs, to_dict: Callable, rows: Callable | None = None) -> dict:
    """`rows` may add to one page's objects (counts) before they are turned into dicts."""
    size = min(_int(request, "page_size", PAGE_SIZE), MAX_PAGE_SIZE)
    number = _int(request, "page", 1)
    paginator = Paginator(qs, size)
    if number > paginator.num_pages:
        raise Http404
    page = paginator.page(number)

    def url(n):
        query = request.GET.copy()
        query["page"] = str(n)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": paginator.count,
        "next": url(number + 1) if page.has_next() else None,
        "previous": url(number - 1) if page.has_previous() else None,
        "results": [to_dict(o) for o in (rows(page.object_list) if rows else page.object_list)],
    }


def _filtered(request, qs):
    activity = _int(request, "activity")
    return qs.filter(activity_id=activity) if activity else qs


def visit_dict(v) -> dict:
    subject = v.pairing or v.household
    return {
        "id": v.pk,
        "activity": v.activity_id,
        "visited_on": v.visited_on.isoformat(),
        "form": v.form,
        "form_label": v.get_form_display(),
        "place": v.place,
        "content": v.content,
        "subject": {"type": "pairing" if v.pairing_id else "household", "id": subject.pk, "name": str(subject)},
        "unit": v.unit.name,
        "opinions": [
            {"id": o.pk, "kind": o.kind, "text": o.text, "state": selectors.opinion_state(o), "task": o.task_id}
            for o in v.opinions.all()
        ],
    }


@api_view
def visits(request):
    qs = (
        _filtered(request, selectors.visits_visible_to(request.user))
        .select_related("pairing__leader", "pairing__figure", "household", "unit")
        .prefetch_related(Prefetch("opinions", queryset=Opinion.objects.select_related("task").order_by("id")))
    )
    return paginate(request, qs.order_by("-visited_on", "-id"), visit_dict)


def _household_dict(user):
    def to_dict(h) -> dict:
        return {
            "id": h.pk,
            "activity": h.activity_id,
            "unit": h.unit.name,
            "head_name": h.head_name,
            "id_number": selectors.personal(user, h, h.id_number, kind="id"),
            "phone": selectors.personal(user, h, h.phone, kind="phone"),
            "town": h.town,
            "village": h.village,
            "category": h.category,
            "status": h.status,
            "visits": h.n_visits,
            "difficulties": h.n_difficulties,
            "difficulties_resolved": h.n_resolved,
        }

    return to_dict


@api_view
def households(request):
    qs = _filtered(request, selectors.households_visible_to(request.user)).select_related("unit")
    return paginate(
        request,
        qs.order_by("town", "village", "id"),
        _household_dict(request.user),
        rows=selectors.add_household_counts,
    )


def campaign_dict(c, user) -> dict:
    counts = rates.tally(c, venues=selectors.venue_scope(user))
    return {
        "id": c.pk,
        "activity": c.activity_id,
        "title": c.title,
        "phases": [
            {
                "id": p.pk,
                "name": p.name,
                "start": p.start and p.start.isoformat(),
                "end": p.end and p.end.isoformat(),
                "closed": p.is_closed,
                "override_reason": p.override_reason,
            }
            for p in c.phases.all()
        ],
        "rates": {
            "overall": counts.overall().as_dict(),
            "by_phase": [r.as_dict() for r in counts.by("phase")],
            "by_religion": [r.as_dict() for r in counts.by("religion")],
            "by_venue": [r.as_dict() for r in counts.by("venue")],
        },
    }


@api_view
def campaigns(request):
    qs = _filtered(request, selectors.campaigns_visible_to(request.user)).prefetch_related("phases").order_by("id")
    return paginate(request, qs, lambda c: campaign_dict(c, request.user))

"""/api/calls and /api/calls/<id>: calls on activities the caller may see, with counts, progress and 批示 tasks.

The API app sits on a floor above this one, so its `api_view` cannot be imported here; this is the same contract
in small (GET only, 401 for anonymous, JSON 404 for outsiders, never cached across users)."""

from __future__ import annotations

from collections import Counter
from functools import wraps

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers

from tongxin.activities.selectors import under_visible_activities
from tongxin.calls.models import Call, Instruction, Submission
from tongxin.calls.selectors import call_rates, review_progress
from tongxin.core.access import get_visible_or_404


def _json(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def api_get(view):
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = _json({"detail": "只支持 GET 请求。"}, 405)
            response["Allow"] = "GET, HEAD"
            return response
        if not request.user.is_authenticated:
            response = _json({"detail": "请先登录。"}, 401)
            response["WWW-Authenticate"] = 'Bearer realm="tongxin"'
            return response
        try:
            response = _json(view(request, *args, **kwargs))
        except Http404:
            response = _json({"detail": "未找到，或您无权查看。"}, 404)
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie", "Authorization"])
        return response

    return wrapped


def _summary(call: Call, counts: dict, progress: tuple[int, int]) -> dict:
    rates = call_rates(call)
    return {
        "id": call.pk,
        "activity_id": call.activity_id,
        "title": call.title,
        "kind": call.kind,
        "kind_label": call.get_kind_display(),
        "submissions": sum(counts.values()),
        "by_state": {state: counts.get(state, 0) for state in Submission.State.values},
        "review_progress": {"scored": progress[0], "assigned": progress[1]},
        "rates": {"adoption": rates.adoption, "instruction": rates.instruction, "completion": rates.completion},
        "public_url": reverse("calls_public:lookup"),
    }


def _counts(call_ids: list[int]) -> dict[int, Counter]:
    out: dict[int, Counter] = {}
    for call_id, state in Submission.objects.filter(call_id__in=call_ids).values_list("call_id", "state"):
        out.setdefault(call_id, Counter())[state] += 1
    return out


@api_get
def call_list(request: HttpRequest) -> dict:
    calls = list(under_visible_activities(Call.objects.all(), request.user).order_by("pk")[:200])
    ids = [c.pk for c in calls]
    counts, progress = _counts(ids), review_progress(ids)
    return {"results": [_summary(c, counts.get(c.pk, {}), progress.get(c.pk, (0, 0))) for c in calls]}


@api_get
def call_detail(request: HttpRequest, pk: int) -> dict:
    call = get_visible_or_404(under_visible_activities(Call.objects.all(), request.user), pk=pk)
    data = _summary(call, _counts([call.pk]).get(call.pk, {}), review_progress([call.pk]).get(call.pk, (0, 0)))
    instructions = Instruction.objects.filter(submission__call=call).select_related("leader", "submission")
    data["decisions"] = [
        {"receipt": s.receipt, "round": s.round, "state": s.state}
        for s in call.submissions.exclude(state=Submission.State.SUBMITTED, round=1).order_by("pk")
    ]
    data["instructions"] = [
        {
            "receipt": i.submission.receipt,
            "leader": i.leader.name,
            "text": i.text,
            "result": i.result,
            "tasks": [
                {"id": t.pk, "title": t.title, "state": t.state, "due": t.due.isoformat()} for t in i.tasks.all()
            ],
        }
        for i in instructions.prefetch_related("tasks")
    ]
    return data

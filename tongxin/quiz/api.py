"""Read-only JSON for the quiz, mounted at /api/quizzes/ (a second, API-only registration on the seam; see apps.py):
the contests a user may see, with their public page, and a contest's results as last computed in the background."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from tongxin.activities.selectors import under_visible_activities
from tongxin.quiz import selectors
from tongxin.quiz.models import Contest
from tongxin.quiz.results import contest_figures


def _visible(request):
    return under_visible_activities(Contest.objects.filter(activity__isnull=False), request.user, via="activity")


def _refuse():
    return JsonResponse({"detail": "未登录：请先在本站登录（会话 Cookie）"}, status=401,
                        json_dumps_params={"ensure_ascii": False})


def quiz_list(request):
    if not request.user.is_authenticated:
        return _refuse()
    items = [{
        "id": c.pk, "title": c.title, "activity": c.activity_id, "time_limit": c.time_limit,
        "public_url": request.build_absolute_uri(reverse("quiz_public:contest", args=[c.pk])),
        "results_url": request.build_absolute_uri(reverse("quiz_api:results", args=[c.pk])),
    } for c in _visible(request).order_by("pk")]
    return JsonResponse({"count": len(items), "results": items}, json_dumps_params={"ensure_ascii": False})


def quiz_results(request, pk: int):
    if not request.user.is_authenticated:
        return _refuse()
    contest = get_object_or_404(_visible(request), pk=pk)
    figures = contest_figures(contest)
    return JsonResponse({
        "id": contest.pk, "title": contest.title,
        "computed_at": contest.results_at.isoformat() if contest.results_at else None,
        "participants": figures["participants"], "flagged": figures["flagged"],
        "ranking": [{"rank": i, "name": p.name[:1] + "**", "organisation": p.organisation.name,
                     "score": p.best_score, "time_used": p.best_time}
                    for i, p in enumerate(selectors.ranking(contest, 100), start=1)],
        "organisations": [{"id": r.organisation_id, "name": r.organisation.name, "parent": r.organisation.parent_id,
                           "participants": r.participants, "member_count": r.member_count,
                           "participation_rate": r.participation_rate, "average_score": r.average_score,
                           "collective_score": r.collective_score, "rank": r.rank}
                          for r in selectors.org_results(contest)],
    }, json_dumps_params={"ensure_ascii": False})


app_name = "quiz_api"
urlpatterns = [
    path("", quiz_list, name="list"),
    path("<int:pk>/results", quiz_results, name="results"),
    path("<int:pk>/results/", quiz_results),
]

"""Public quiz pages: join (no account), the attempt (one question a screen, saved as answered), the result.

The attempt is addressed by a signed token in the URL, so a reload or another tab resumes it. The key never leaves
the server before submission: the paper sent to the phone holds stems and shuffled options only."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_POST

from tongxin.core import clock
from tongxin.core.signed import make_token, read_token
from tongxin.public.net import client_ip
from tongxin.public.ratelimit import rate_limit
from tongxin.public.rendering import public_render
from tongxin.public.visitor import visitor_cookie_set, visitor_id
from tongxin.quiz import selectors, services
from tongxin.quiz.forms import JoinForm
from tongxin.quiz.models import Attempt, Contest, Question

TOKEN = "quiz-attempt"
_paper_cache: dict[int, tuple[str, int]] = {}  # question id → (type, option count): immutable while a contest runs


def ping(request):
    """The bare endpoint the benchmark compares the answer endpoint with: same middleware, no database."""
    return JsonResponse({"ok": True})


def _attempt_or_404(token: str) -> Attempt:
    data = read_token(TOKEN, token)
    if not data:
        raise Http404
    return get_object_or_404(Attempt.objects.select_related("phase"), pk=data.get("a"))


def attempt_url(attempt: Attempt) -> str:
    return reverse("quiz_public:attempt", args=[make_token(TOKEN, {"a": attempt.pk})])


def contest_page(request, pk: int):
    contest = get_object_or_404(Contest, pk=pk)
    phase = services.phase_open(contest)
    form = JoinForm(request.POST or None, contest=contest)
    error = ""
    if request.method == "POST" and form.is_valid() and phase is not None:
        data = form.cleaned_data
        try:
            participant = services.participant_register(
                contest=contest, name=data["name"], phone=data["phone"], organisation=data["organisation"],
                device=visitor_id(request), ip=client_ip(request), consent=form.consent_record())
            attempt = services.attempt_start(participant=participant, phase=phase)
        except services.QuizError as exc:
            error = str(exc)
        else:
            return visitor_cookie_set(request, HttpResponseRedirect(attempt_url(attempt)))
    response = public_render(request, "quiz/contest.html",
                             {"contest": contest, "phase": phase, "form": form, "error": error},
                             status=400 if error else 200)
    return visitor_cookie_set(request, response)


def attempt_page(request, token: str):
    attempt = _attempt_or_404(token)
    services.attempt_expire_if_due(attempt)
    if attempt.submitted_at is not None:
        return HttpResponseRedirect(reverse("quiz_public:result", args=[token]))
    state = {
        "paper": selectors.paper_for(attempt), "answers": {str(k): v for k, v in selectors.answers_shown(attempt).items()},
        "remaining": max(0, int((attempt.deadline - clock.now()).total_seconds())),
        "answer_url": reverse("quiz_public:answer", args=[token]),
        "event_url": reverse("quiz_public:event", args=[token]),
        "submit_url": reverse("quiz_public:submit", args=[token]),
    }
    return public_render(request, "quiz/attempt.html", {"attempt": attempt, "state": state})


def _question_shape(question_id: int) -> tuple[str, int] | None:
    shape = _paper_cache.get(question_id)
    if shape is None:
        row = Question.objects.filter(pk=question_id).values_list("type", "options").first()
        if row is None:
            return None
        shape = _paper_cache[question_id] = (row[0], len(row[1]) if row[0] != "judge" else 2)
    return shape


@require_POST
def answer(request, token: str):
    """The hot path: one attempt read, one upsert; no aggregates."""
    data = read_token(TOKEN, token)
    if not data:
        raise Http404
    attempt = Attempt.objects.filter(pk=data.get("a")).only(
        "id", "deadline", "submitted_at", "question_ids", "option_orders").first()
    try:
        body = json.loads(request.body or b"{}")
        question_id = int(body.get("q"))
    except (ValueError, TypeError, AttributeError):
        return JsonResponse({"ok": False, "error": "请求格式不正确"}, status=400)
    shape = _question_shape(question_id) if attempt else None
    if attempt is None or shape is None:
        return JsonResponse({"ok": False, "error": "该题不在本次试卷中"}, status=400)
    try:
        services.answer_save(attempt=attempt, question_id=question_id, raw=body.get("v"), qtype=shape[0],
                             n_options=shape[1])
    except services.QuizError as exc:
        return JsonResponse({"ok": False, "error": str(exc)}, status=409)
    return JsonResponse({"ok": True})


@require_POST
def event(request, token: str):
    attempt = _attempt_or_404(token)
    services.attempt_event(attempt=attempt, kind=request.POST.get("kind", ""))
    return JsonResponse({"ok": True})


@require_POST
@rate_limit(scope="quiz-submit", rate="30/m")
def submit(request, token: str):
    attempt = _attempt_or_404(token)
    try:
        services.attempt_submit(attempt=attempt)
    except services.QuizError as exc:
        if request.headers.get("Accept", "").startswith("application/json"):
            return JsonResponse({"ok": False, "error": str(exc)}, status=409)
    return HttpResponseRedirect(reverse("quiz_public:result", args=[token]))


def result(request, token: str):
    attempt = _attempt_or_404(token)
    services.attempt_expire_if_due(attempt)
    if attempt.submitted_at is None:
        return HttpResponseRedirect(reverse("quiz_public:attempt", args=[token]))
    phase = attempt.phase
    return public_render(request, "quiz/result.html", {
        "attempt": attempt, "phase": phase, "contest": phase.contest, "total": len(attempt.question_ids),
        "again": services.phase_open(phase.contest) is not None,
    })


def ranking(request, pk: int):
    contest = get_object_or_404(Contest, pk=pk)
    return public_render(request, "quiz/ranking.html", {
        "contest": contest, "people": selectors.ranking(contest, 50), "orgs": selectors.org_results(contest, 50)})

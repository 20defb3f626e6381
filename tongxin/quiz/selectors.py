"""Reads of the quiz: the ranking (score, then time used), organisation results, what a participant may see."""

from __future__ import annotations

from tongxin.quiz.models import Attempt, Contest, OrgResult, Participant, Question


def ranking(contest: Contest, limit: int = 100):
    """Individuals by best formal score, then time used, then who registered first (a stable tie-break)."""
    return (Participant.objects.filter(contest=contest, best_score__isnull=False)
            .select_related("organisation").order_by("-best_score", "best_time", "id")[:limit])


def org_results(contest: Contest, limit: int | None = None):
    rows = OrgResult.objects.filter(contest=contest).select_related("organisation").order_by("rank")
    return rows[:limit] if limit else rows


def paper_for(attempt: Attempt) -> list[dict]:
    """The questions as the participant sees them: options in the attempt's shuffled order, and never the key."""
    by_id = {q.id: q for q in Question.objects.filter(id__in=attempt.question_ids)
             .only("id", "type", "text", "options", "image")}
    paper = []
    for qid in attempt.question_ids:
        question = by_id[qid]
        order = attempt.option_orders.get(str(qid)) or list(range(len(question.options)))
        paper.append({"id": qid, "type": question.type, "text": question.text,
                      "image": question.image.url if question.image else "",
                      "options": [question.options[i] for i in order] if question.type != "judge" else ["正确", "错误"]})
    return paper


def answers_shown(attempt: Attempt) -> dict[int, list]:
    """Saved answers translated back to shown positions, so a reload shows what the participant chose."""
    shown = {}
    for question_id, value in attempt.answers.values_list("question_id", "value"):
        order = attempt.option_orders.get(str(question_id))
        if order and value and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            shown[question_id] = sorted(order.index(v) for v in value)
        else:
            shown[question_id] = value
    return shown


def contests_public():
    return Contest.objects.filter(phases__isnull=False).distinct().order_by("-id")

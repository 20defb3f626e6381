"""Writes of the quiz. The answer path (answer_save) is one indexed upsert after one attempt read: no aggregates.
Scores and rankings are computed by results_compute in the background (a django-tasks job or `quiz_results`)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from tongxin.audit.services import audit_record
from tongxin.core import clock
from tongxin.quiz.bankio import Parsed, near_duplicates
from tongxin.quiz.models import Answer, Attempt, Bank, Contest, Participant, Phase, Question

EDITABLE = ("type", "text", "options", "answer", "explanation", "category", "difficulty")


class QuizError(Exception):
    """A participant's request that doesn't fit: the message is shown as it is (Chinese)."""


def bank_import_commit(*, actor, bank: Bank, parsed: Parsed) -> list[Question]:
    """All rows or none: a file with any broken row writes nothing."""
    if parsed.errors or not parsed.rows:
        raise QuizError("文件有错误，未导入任何题目：" + "；".join(parsed.errors[:5]))
    with transaction.atomic():
        questions = Question.objects.bulk_create(
            [Question(bank=bank, **{k: row[k] for k in EDITABLE}) for row in parsed.rows]
        )
        audit_record(actor=actor, action="quiz.bank_import", target=bank, summary=f"导入试题 {len(questions)} 道")
    return questions


def bank_preview_duplicates(*, bank: Bank, parsed: Parsed) -> list[str]:
    return near_duplicates(parsed.rows, existing=list(bank.questions.values_list("text", flat=True)))


@transaction.atomic
def question_update(*, actor, question: Question, **changes) -> Question:
    before = {k: getattr(question, k) for k in changes if k in EDITABLE}
    for key, value in changes.items():
        if key in EDITABLE:
            setattr(question, key, value)
    question.save()
    audit_record(actor=actor, action="quiz.question_update", target=question, summary="修改试题",
                 changes={k: [before[k], getattr(question, k)] for k in before})
    return question


def participant_register(*, contest: Contest, name: str, phone: str, organisation, device: str = "",
                         ip: str = "", consent: dict | None = None) -> Participant:
    """One phone is one participant per contest: the same phone with another name is refused, never merged."""
    existing = Participant.objects.filter(contest=contest, phone=phone).first()
    if existing:
        if existing.name != name.strip():
            raise QuizError("该手机号已由他人报名参赛，一个手机号只能对应一名参赛者")
        return existing
    try:
        with transaction.atomic():
            return Participant.objects.create(contest=contest, name=name.strip(), phone=phone, organisation=organisation,
                                              device=device[:64], ip=ip[:64], **(consent or {}))
    except IntegrityError:  # the same phone registered twice at once
        raise QuizError("该手机号已报名参赛") from None


def _draw_questions(contest: Contest, rng: random.Random) -> list[int]:
    if contest.fixed_questions:
        ids = list(contest.fixed_questions)
        rng.shuffle(ids)
        return ids
    chosen: list[int] = []
    for rule in contest.paper_rules:
        pool = Question.objects.filter(bank_id=contest.bank_id, type=rule["type"])
        if rule.get("category"):
            pool = pool.filter(category=rule["category"])
        if rule.get("difficulty"):
            pool = pool.filter(difficulty=rule["difficulty"])
        ids = [i for i in pool.values_list("id", flat=True) if i not in chosen]
        if len(ids) < rule["count"]:
            raise QuizError("题库题目不足，无法按规则组卷，请联系主办方")
        chosen.extend(rng.sample(ids, rule["count"]))
    rng.shuffle(chosen)
    return chosen


def phase_open(contest: Contest, now=None) -> Phase | None:
    now = now or clock.now()
    return contest.phases.filter(opens_at__lte=now, closes_at__gt=now).order_by("-kind").first()


def attempt_start(*, participant: Participant, phase: Phase, seed: int | None = None) -> Attempt:
    """Resumes the participant's open attempt in this phase; otherwise checks the limits and draws a new paper."""
    now = clock.now()
    if not (phase.opens_at <= now < phase.closes_at):
        raise QuizError("当前不在答题时间内")
    with transaction.atomic():
        Participant.objects.select_for_update().filter(pk=participant.pk).first()  # one start at a time per person
        open_attempt = phase.attempts.filter(participant=participant, submitted_at__isnull=True).first()
        if open_attempt:
            if attempt_expire_if_due(open_attempt, now=now):
                pass
            else:
                return open_attempt
        done = phase.attempts.filter(participant=participant)
        if phase.kind == Phase.Kind.PRACTICE:
            start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0)
            done = done.filter(started_at__gte=start_of_day)
        if done.count() >= phase.max_attempts:
            raise QuizError("今日练习次数已用完" if phase.kind == Phase.Kind.PRACTICE else "正式答题次数已用完")
        contest = phase.contest
        rng = random.Random(seed)
        ids = _draw_questions(contest, rng)
        orders = {}
        if contest.shuffle_options:
            for qid, n in Question.objects.filter(id__in=ids, type__in=["single", "multiple"]).values_list("id",
                                                                                                            "options"):
                order = list(range(len(n)))
                rng.shuffle(order)
                orders[str(qid)] = order
        return Attempt.objects.create(participant=participant, phase=phase, started_at=now,
                                      deadline=now + timedelta(seconds=contest.time_limit), question_ids=ids,
                                      option_orders=orders)


def _clean_value(question_type: str, options: list, order: list | None, raw) -> list:
    """The client sends shown positions (choices), true/false, or text; stored in the bank's option order."""
    if question_type == "blank":
        text = str(raw[0] if isinstance(raw, list) and raw else raw or "").strip()[:200]
        return [text] if text else []
    if question_type == "judge":
        value = raw[0] if isinstance(raw, list) and len(raw) == 1 else raw
        if isinstance(value, bool):  # 0/1 are not accepted for true/false: only what the page sends
            return [value]
        raise QuizError("答案格式不正确")
    positions = raw if isinstance(raw, list) else [raw]
    try:
        positions = sorted({int(p) for p in positions})
    except (TypeError, ValueError):
        raise QuizError("答案格式不正确") from None
    if any(p < 0 or p >= len(options) for p in positions) or (question_type == "single" and len(positions) > 1):
        raise QuizError("答案格式不正确")
    return sorted(order[p] if order else p for p in positions)


def answer_save(*, attempt: Attempt, question_id: int, raw, qtype: str, n_options: int) -> Answer:
    """One upsert. The caller passes the question's type and option count from its own cache of the paper."""
    now = clock.now()
    if attempt.submitted_at is not None:
        raise QuizError("本次答题已交卷，答案不能再修改")
    if now >= attempt.deadline:
        attempt_expire_if_due(attempt, now=now)
        raise QuizError("答题时间已到，已自动交卷")
    if question_id not in attempt.question_ids:
        raise QuizError("该题不在本次试卷中")
    value = _clean_value(qtype, [0] * n_options, attempt.option_orders.get(str(question_id)), raw)
    answer = Answer(attempt=attempt, question_id=question_id, value=value, saved_at=now)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The phone keeps an unsaved answer and sends it again, so this commit need not wait for the WAL flush
            # (a crash loses at most the last fraction of a second of answers, never consistency).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        # One statement: INSERT … ON CONFLICT (attempt, question) DO UPDATE — a changed answer replaces the last.
        Answer.objects.bulk_create([answer], update_conflicts=True, unique_fields=["attempt", "question_id"],
                                   update_fields=["value", "saved_at"])
    return answer


def attempt_event(*, attempt: Attempt, kind: str) -> None:
    """A page-hide or tab switch, counted on the attempt (one UPDATE)."""
    if attempt.submitted_at is None and kind in ("hidden", "blur"):
        Attempt.objects.filter(pk=attempt.pk).update(hidden_count=F("hidden_count") + 1)


def _score(attempt: Attempt) -> float:
    contest = attempt.phase.contest
    keys = {q.id: q for q in Question.objects.filter(id__in=attempt.question_ids).only("id", "type", "answer")}
    total = 0.0
    for answer in attempt.answers.all():
        question = keys.get(answer.question_id)
        if question is None:
            continue
        if question.type == "blank":
            right = bool(answer.value) and answer.value[0].strip() in [str(a).strip() for a in question.answer]
        else:
            right = list(answer.value) == list(question.answer)
        if right:
            total += contest.point_for(question.type)
    return total


def attempt_submit(*, attempt: Attempt, expired: bool = False, now=None) -> Attempt:
    """Scores once. A replayed submission finds the attempt closed and changes nothing."""
    now = now or clock.now()
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().select_related("phase__contest").get(pk=attempt.pk)
        if locked.submitted_at is not None:
            raise QuizError("本次答题已交卷，不能重复提交")
        if now >= locked.deadline:
            expired, now = True, locked.deadline
        locked.submitted_at = now
        locked.expired = expired
        locked.time_used = (now - locked.started_at).total_seconds()
        locked.score = _score(locked)
        contest = locked.phase.contest
        answered = locked.answers.count()
        if answered and locked.time_used / answered < contest.fast_seconds:
            locked.flagged = "答题过快"
        locked.save(update_fields=["submitted_at", "expired", "time_used", "score", "flagged"])
        if locked.phase.kind == Phase.Kind.FORMAL:
            _best_update(locked)
    return locked


def _best_update(attempt: Attempt) -> None:
    """The best formal attempt counts: a higher score, or the same score in less time."""
    participant = Participant.objects.select_for_update().get(pk=attempt.participant_id)
    better = participant.best_score is None or (attempt.score, -attempt.time_used) > (
        participant.best_score, -(participant.best_time or 0))
    if better:
        participant.best_score, participant.best_time = attempt.score, attempt.time_used
    if attempt.flagged and not participant.flagged:
        participant.flagged = attempt.flagged
    participant.save(update_fields=["best_score", "best_time", "flagged"])


def attempt_expire_if_due(attempt: Attempt, *, now=None) -> bool:
    """Lazy expiry on the next touch: an attempt past its deadline is scored as of the deadline."""
    now = now or clock.now()
    if attempt.submitted_at is None and now >= attempt.deadline:
        try:
            attempt_submit(attempt=attempt, expired=True, now=now)
        except QuizError:
            pass
        attempt.refresh_from_db()
        return True
    return False


def attempts_expire_due(*, now=None) -> int:
    """The sweep (command `quiz_sweep` or a periodic task): every open attempt past its deadline is scored."""
    now = now or clock.now()
    count = 0
    for attempt in Attempt.objects.filter(submitted_at__isnull=True, deadline__lte=now).iterator():
        if attempt_expire_if_due(attempt, now=now):
            count += 1
    return count

from datetime import timedelta

import pytest

from tongxin.core import clock
from tongxin.quiz import services
from tongxin.quiz.models import Answer, Attempt, Question
from tongxin.quiz.services import QuizError


def _join(contest, org, phone="13800000001", name="张三"):
    return services.participant_register(contest=contest, name=name, phone=phone, organisation=org)


def _shape(qid):
    q = Question.objects.get(pk=qid)
    return {"qtype": q.type, "n_options": len(q.options)}


def _answer_right(attempt, qid):
    """What the phone would send for the right answer: shown positions under this attempt's option order."""
    q = Question.objects.get(pk=qid)
    order = attempt.option_orders.get(str(qid))
    raw = q.answer if q.type in ("judge", "blank") else [order.index(i) if order else i for i in q.answer]
    return services.answer_save(attempt=attempt, question_id=qid, raw=raw, **_shape(qid))


def test_paper_rules_draw_counts_by_type_and_shuffle_per_attempt(contest, tree):
    phase = contest.phases.get()
    first = services.attempt_start(participant=_join(contest, tree["a1"]), phase=phase, seed=1)
    second = services.attempt_start(participant=_join(contest, tree["a1"], "13800000002", "李四"), phase=phase, seed=2)
    types = list(Question.objects.filter(id__in=first.question_ids).values_list("type", flat=True))
    assert sorted(types) == sorted(["single"] * 5 + ["multiple"] * 2 + ["judge"] * 2)
    assert first.question_ids != second.question_ids
    assert first.option_orders != second.option_orders
    assert set(first.option_orders) == {str(q) for q in first.question_ids
                                        if Question.objects.get(pk=q).type in ("single", "multiple")}


def test_rules_by_category_and_fixed_paper(contest, tree):
    contest.paper_rules = [{"type": "single", "category": "国史", "count": 6}]
    contest.save()
    attempt = services.attempt_start(participant=_join(contest, tree["a1"]), phase=contest.phases.get())
    assert set(Question.objects.filter(id__in=attempt.question_ids).values_list("category", flat=True)) == {"国史"}
    contest.paper_rules = [{"type": "single", "category": "国史", "count": 7}]
    contest.save()
    with pytest.raises(QuizError, match="题库题目不足"):
        services.attempt_start(participant=_join(contest, tree["a1"], "13900000000", "王五"), phase=contest.phases.get())
    fixed = list(Question.objects.values_list("id", flat=True)[:3])
    contest.paper_rules, contest.fixed_questions = [], fixed
    contest.save()
    attempt = services.attempt_start(participant=_join(contest, tree["a1"], "13900000000", "王五"),
                                     phase=contest.phases.get())
    assert sorted(attempt.question_ids) == sorted(fixed)


def test_right_answers_score_and_shown_positions_map_back(contest, tree):
    attempt = services.attempt_start(participant=_join(contest, tree["a1"]), phase=contest.phases.get(), seed=3)
    for qid in attempt.question_ids:
        _answer_right(attempt, qid)
    done = services.attempt_submit(attempt=attempt)
    assert done.score == 5 + 2 * 2 + 2
    assert Answer.objects.filter(attempt=attempt).count() == 9


def test_server_expiry_scores_a_client_that_never_submits(contest, tree):
    attempt = services.attempt_start(participant=_join(contest, tree["a1"]), phase=contest.phases.get())
    _answer_right(attempt, attempt.question_ids[0])
    with clock.travel(clock.now() + timedelta(seconds=601)):
        assert services.attempts_expire_due() == 1
    attempt.refresh_from_db()
    assert attempt.expired and attempt.submitted_at == attempt.deadline
    assert attempt.time_used == 600 and attempt.score >= 1


def test_lazy_expiry_refuses_a_late_answer_without_changing_the_attempt(contest, tree):
    attempt = services.attempt_start(participant=_join(contest, tree["a1"]), phase=contest.phases.get())
    qid = attempt.question_ids[0]
    with clock.travel(clock.now() + timedelta(seconds=700)):
        with pytest.raises(QuizError, match="时间已到"):
            _answer_right(attempt, qid)
    attempt.refresh_from_db()
    assert attempt.expired and attempt.score == 0 and not attempt.answers.exists()


def test_forged_question_replayed_submit_and_second_phone_are_refused(contest, tree):
    attempt = services.attempt_start(participant=_join(contest, tree["a1"]), phase=contest.phases.get())
    outside = Question.objects.exclude(id__in=attempt.question_ids).first()
    with pytest.raises(QuizError, match="不在本次试卷"):
        services.answer_save(attempt=attempt, question_id=outside.id, raw=[0], qtype="single", n_options=4)
    services.attempt_submit(attempt=attempt)
    score = Attempt.objects.get(pk=attempt.pk).score
    with pytest.raises(QuizError, match="不能重复提交"):
        services.attempt_submit(attempt=attempt)
    assert Attempt.objects.get(pk=attempt.pk).score == score
    with pytest.raises(QuizError, match="一个手机号只能对应一名参赛者"):
        _join(contest, tree["a2"], name="冒名者")


def test_practice_limit_per_day_and_resume_of_an_open_attempt(contest, tree):
    person = _join(contest, tree["a1"])
    phase = contest.phases.get()
    first = services.attempt_start(participant=person, phase=phase)
    assert services.attempt_start(participant=person, phase=phase) == first  # a reload resumes
    services.attempt_submit(attempt=first)
    services.attempt_submit(attempt=services.attempt_start(participant=person, phase=phase))
    with pytest.raises(QuizError, match="今日练习次数已用完"):
        services.attempt_start(participant=person, phase=phase)
    with clock.travel(clock.now() + timedelta(days=1)):
        assert services.attempt_start(participant=person, phase=phase).pk


def test_formal_limit_and_best_attempt_counts(formal, tree):
    contest = formal.contest
    person = _join(contest, tree["a1"])
    weak = services.attempt_start(participant=person, phase=formal)
    services.attempt_submit(attempt=weak)
    strong = services.attempt_start(participant=person, phase=formal)
    for qid in strong.question_ids:
        _answer_right(strong, qid)
    services.attempt_submit(attempt=strong)
    services.attempt_submit(attempt=services.attempt_start(participant=person, phase=formal))
    person.refresh_from_db()
    assert person.best_score == 11
    with pytest.raises(QuizError, match="正式答题次数已用完"):
        services.attempt_start(participant=person, phase=formal)


def test_fast_answering_is_flagged(formal, tree):
    attempt = services.attempt_start(participant=_join(formal.contest, tree["a1"]), phase=formal)
    for qid in attempt.question_ids:
        _answer_right(attempt, qid)
    assert services.attempt_submit(attempt=attempt).flagged == "答题过快"

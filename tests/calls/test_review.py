"""Blind review of a call: even assignment, the conflict rule, scores, aggregation, ranking and decisions.

Personas (tests/conftest.py): admin runs the department; dangwai, zongjiao, qiaolian and stranger are reviewers
from four units; the authors write from 党外干部和民主党派科 (dangwai's unit), so dangwai must never review them.
"""

from collections import Counter
from decimal import Decimal

import pytest

from tongxin.audit.models import AuditEntry
from tongxin.calls.models import Review, Submission
from tongxin.calls.selectors import aggregate, call_lights, call_ranking, reviews_for_reviewer
from tongxin.calls.services import (
    CallError,
    call_create,
    review_declare_conflict,
    review_reassign,
    review_score,
    reviewer_add,
    reviews_assign,
    submission_create,
    submission_decide,
)

REVIEWERS = ["dangwai", "zongjiao", "qiaolian", "stranger"]


@pytest.fixture
def call(programme, people, units):
    call = call_create(
        actor=people["admin"],
        activity=programme["c"],
        kind="call:proposal",
        title="献一策",
        rounds=2,
        reviewers_per_submission=2,
    )
    for name in REVIEWERS:
        reviewer_add(actor=people["admin"], call=call, user=people[name])
    for i in range(6):
        submission_create(
            actor=None,
            call=call,
            title=f"建议{i}",
            author_name=f"独特作者甲乙{i}",
            author_unit=units["dangwai"],
            body="正文",
        )
    return call


def test_receipts_are_numbered_per_call(call):
    assert list(call.submissions.values_list("receipt", flat=True)) == [f"ZJ{call.pk:03d}-{i:05d}" for i in range(1, 7)]


def test_assignment_is_even_and_never_from_the_authors_unit(call, people):
    assert reviews_assign(actor=people["admin"], call=call) == 12
    load = Counter(Review.objects.values_list("reviewer__username", flat=True))
    assert load == {"zongjiao": 4, "qiaolian": 4, "stranger": 4}
    for submission in call.submissions.all():
        assert submission.reviews.count() == 2
    # Running it again fills no gap that is not there.
    assert reviews_assign(actor=people["admin"], call=call) == 0


def test_too_few_eligible_reviewers_is_a_clear_error(call, people):
    call.reviewers_per_submission = 4
    call.save()
    with pytest.raises(CallError, match="评审人不足"):
        reviews_assign(actor=people["admin"], call=call)
    assert Review.objects.count() == 0


def test_conflict_declared_is_refilled_and_reassign_keeps_the_rule(call, people):
    reviews_assign(actor=people["admin"], call=call)
    review = Review.objects.filter(reviewer=people["zongjiao"]).first()
    review_declare_conflict(actor=people["zongjiao"], review=review)
    live = review.submission.reviews.filter(conflict=False)
    assert live.count() == 2
    assert people["zongjiao"].pk not in set(live.values_list("reviewer_id", flat=True))
    other = live.first()
    with pytest.raises(CallError, match="回避"):
        review_reassign(actor=people["admin"], review=other, reviewer=people["dangwai"])
    with pytest.raises(CallError, match="回避"):
        review_reassign(actor=people["admin"], review=other, reviewer=people["zongjiao"])


def test_reviewer_sees_no_author_or_unit(call, people):
    reviews_assign(actor=people["admin"], call=call)
    rows = list(reviews_for_reviewer(people["qiaolian"], call))
    assert len(rows) == 4
    text = repr(rows)
    assert "独特作者甲乙" not in text
    assert "党外干部和民主党派科" not in text


def test_scores_are_checked(call, people):
    reviews_assign(actor=people["admin"], call=call)
    review = Review.objects.filter(reviewer=people["qiaolian"]).first()
    for bad in ["abc", "101", "-1", "NaN"]:
        with pytest.raises(CallError, match="0到100"):
            review_score(actor=people["qiaolian"], review=review, score=bad)
    with pytest.raises(CallError, match="分配给自己"):
        review_score(actor=people["stranger"], review=review, score="80")
    review_score(actor=people["qiaolian"], review=review, score=" 88.5 ", comment="好")
    review.refresh_from_db()
    assert review.score == Decimal("88.50")
    assert AuditEntry.objects.filter(action="call.score").count() == 1


def test_aggregate_mean_median_trimmed():
    agg = aggregate([Decimal(x) for x in ("60", "90", "70", "100", "80")])
    assert (agg.count, agg.mean, agg.median, agg.trimmed) == (5, Decimal("80.00"), Decimal("80.00"), Decimal("80.00"))
    agg = aggregate([Decimal(x) for x in ("10", "80", "90")])
    assert (agg.mean, agg.median, agg.trimmed) == (Decimal("60.00"), Decimal("80.00"), Decimal("80.00"))
    assert aggregate([]).mean is None


def test_ranking_ties_break_deterministically(call, people):
    reviews_assign(actor=people["admin"], call=call)
    for review in Review.objects.select_related("submission"):
        n = int(review.submission.title[-1])
        review_score(actor=review.reviewer, review=review, score=90 if n in (1, 2) else 70 + n)
    ranking = [s.title for s, _ in call_ranking(call)]
    # 建议1 and 建议2 tie on every measure: the earlier receipt comes first, every time.
    assert ranking == ["建议1", "建议2", "建议5", "建议4", "建议3", "建议0"]
    assert [s.title for s, _ in call_ranking(call, method="median")] == ranking


def test_decisions_and_the_next_round(call, people):
    first, second, third = call.submissions.all()[:3]
    submission_decide(actor=people["admin"], submission=first, decision="select")
    first.refresh_from_db()
    assert (first.round, first.state) == (2, Submission.State.SUBMITTED)
    with pytest.raises(CallError, match="修改意见"):
        submission_decide(actor=people["admin"], submission=second, decision="return")
    submission_decide(actor=people["admin"], submission=second, decision="return", note="请补充数据")
    submission_decide(actor=people["admin"], submission=third, decision="reject")
    assert set(call.submissions.values_list("state", flat=True)) == {"submitted", "returned", "rejected"}


def test_lights_show_review_progress(call, people, programme):
    reviews_assign(actor=people["admin"], call=call)
    review = Review.objects.first()
    review_score(actor=review.reviewer, review=review, score=80)
    lights = call_lights([programme["c"].pk])
    assert [(lt.light, lt.label) for lt in lights[programme["c"].pk]] == [("yellow", "献一策 评审进度 1/12")]

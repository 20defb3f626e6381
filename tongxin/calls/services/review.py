"""Blind review: assigning reviewers evenly (never from the author's unit), conflicts, reassignment and scores."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation

from django.db import transaction

from tongxin.audit.services import audit_record
from tongxin.calls.models import Call, Review, Submission
from tongxin.calls.selectors import call_reviewers
from tongxin.calls.services.errors import CallError
from tongxin.core import clock


def _conflicted(reviewer, submission: Submission, declared: set[int]) -> bool:
    """The conflict rule: no reviewer from the author's unit, the author themselves, or one who declared a conflict."""
    if submission.author_unit_id and reviewer.organisation_id == submission.author_unit_id:
        return True
    if submission.submitted_by_id and reviewer.pk == submission.submitted_by_id:
        return True
    return reviewer.pk in declared


@transaction.atomic
def reviews_assign(*, actor, call: Call, round: int = 1) -> int:
    """Give every submission of this round its N reviewers, least-loaded first (ties by account), and return how
    many reviews were created. Running it again only fills gaps (after conflicts or new submissions)."""
    reviewers = call_reviewers(call)
    needed = call.reviewers_per_submission
    existing = list(
        Review.objects.filter(submission__call=call, round=round).values("submission_id", "reviewer_id", "conflict")
    )
    load = Counter(r["reviewer_id"] for r in existing if not r["conflict"])
    taken: dict[int, set[int]] = {}
    declared: dict[int, set[int]] = {}
    for r in existing:
        (declared if r["conflict"] else taken).setdefault(r["submission_id"], set()).add(r["reviewer_id"])
    created = []
    submissions = Submission.objects.filter(call=call, round=round, state=Submission.State.SUBMITTED).order_by("pk")
    for submission in submissions:
        have = taken.get(submission.pk, set())
        gone = declared.get(submission.pk, set())
        candidates = [u for u in reviewers if u.pk not in have and not _conflicted(u, submission, gone)]
        missing = needed - len(have)
        if missing <= 0:
            continue
        if len(candidates) < missing:
            raise CallError(f"{submission.receipt} 可回避后的评审人不足 {needed} 人，请增加评审人。")
        for reviewer in sorted(candidates, key=lambda u: (load[u.pk], u.pk))[:missing]:
            created.append(Review(submission=submission, round=round, reviewer=reviewer))
            load[reviewer.pk] += 1
    Review.objects.bulk_create(created)
    audit_record(
        actor=actor,
        action="call.assign",
        target=call,
        summary=f"第{round}轮分配评审 {len(created)} 件次",
        plan_id=call.activity.plan_id,
    )
    return len(created)


@transaction.atomic
def review_reassign(*, actor, review: Review, reviewer) -> Review:
    """The department moves a review to another reviewer (the conflict rule still holds)."""
    submission = review.submission
    if review.score is not None:
        raise CallError("已评分的评审不能改派。")
    if reviewer.pk not in {u.pk for u in call_reviewers(submission.call)}:
        raise CallError("该用户不是本次征集的评审人。")
    declared = set(submission.reviews.filter(conflict=True).values_list("reviewer_id", flat=True))
    if _conflicted(reviewer, submission, declared):
        raise CallError("该评审人需回避（与作者同单位或已声明回避）。")
    if Review.objects.filter(submission=submission, round=review.round, reviewer=reviewer).exists():
        raise CallError("该评审人已在评审这件作品。")
    before = review.reviewer_id
    review.reviewer = reviewer
    review.save(update_fields=["reviewer"])
    audit_record(
        actor=actor,
        action="call.reassign",
        target=submission,
        summary=f"{submission.receipt} 改派评审",
        changes={"reviewer": [before, reviewer.pk]},
        plan_id=submission.call.activity.plan_id,
    )
    return review


@transaction.atomic
def review_declare_conflict(*, actor, review: Review) -> Review:
    """The reviewer steps aside; the gap is filled at once by the next least-loaded eligible reviewer."""
    if review.reviewer_id != actor.pk:
        raise CallError("只能为自己的评审声明回避。")
    if review.score is not None:
        raise CallError("已评分的作品不能再声明回避。")
    review.conflict = True
    review.save(update_fields=["conflict"])
    audit_record(actor=actor, action="call.conflict", target=review.submission, summary="评审人声明回避")
    # The step aside always stands; if nobody eligible is left the gap shows in the progress for the department.
    try:
        with transaction.atomic():
            reviews_assign(actor=actor, call=review.submission.call, round=review.round)
    except CallError:
        audit_record(actor=actor, action="call.gap", target=review.submission, summary="回避后暂无可补充的评审人")
    return review


@transaction.atomic
def review_score(*, actor, review: Review, score, comment: str = "") -> Review:
    if review.reviewer_id != actor.pk:
        raise CallError("只能为分配给自己的作品评分。")
    if review.conflict:
        raise CallError("已回避的作品不能评分。")
    try:
        value = Decimal(str(score).strip())
    except (InvalidOperation, ValueError):
        raise CallError("评分须为0到100之间的数字。") from None
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise CallError("评分须为0到100之间的数字。")
    review.score = value.quantize(Decimal("0.01"))
    review.comment = comment.strip()
    review.scored_at = clock.now()
    review.save(update_fields=["score", "comment", "scored_at"])
    audit_record(actor=actor, action="call.score", target=review, summary=f"评分 {review.score}")
    return review

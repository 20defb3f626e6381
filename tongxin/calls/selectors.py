"""Reads for calls: reviewers, what a reviewer may see (blind), aggregated scores and a deterministic ranking."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from tongxin.accounts.models import ObjectRole
from tongxin.calls.models import Call, Instruction, Review, Submission
from tongxin.core.modules import Light

REVIEWER = "calls.reviewer"
OPEN_TASK_STATES = ["open", "submitted", "returned"]


def call_reviewers(call: Call) -> list:
    """The accounts holding the reviewer role on this call (directly or through the person they stand for)."""
    ct = ContentType.objects.get_for_model(Call)
    roles = ObjectRole.objects.filter(role=REVIEWER, target_type=ct, target_id=call.pk)
    users = get_user_model().objects.filter(
        Q(pk__in=roles.exclude(user=None).values("user_id"))
        | Q(person_id__in=roles.exclude(person=None).values("person_id"))
    )
    return list(users.order_by("pk"))


def reviews_for_reviewer(user, call: Call | None = None):
    """A reviewer's work list: only the fields a blind reviewer may see (no author, no unit, no submitter)."""
    qs = Review.objects.filter(reviewer=user, conflict=False)
    if call is not None:
        qs = qs.filter(submission__call=call)
    return qs.order_by("submission__receipt").values(
        "pk", "round", "score", "comment", "submission__receipt", "submission__title", "submission__body"
    )


@dataclass(frozen=True)
class Aggregate:
    count: int
    mean: Decimal | None
    median: Decimal | None
    trimmed: Decimal | None  # mean after dropping one highest and one lowest (needs at least three scores)


def aggregate(scores: list[Decimal]) -> Aggregate:
    q = Decimal("0.01")
    if not scores:
        return Aggregate(0, None, None, None)
    ordered = sorted(scores)
    mean = (sum(ordered) / len(ordered)).quantize(q)
    median = Decimal(statistics.median(ordered)).quantize(q)
    trimmed_scores = ordered[1:-1] if len(ordered) >= 3 else ordered
    trimmed = (sum(trimmed_scores) / len(trimmed_scores)).quantize(q)
    return Aggregate(len(ordered), mean, median, trimmed)


def call_ranking(call: Call, round: int = 1, method: str = "trimmed") -> list[tuple[Submission, Aggregate]]:
    """Submissions of a round, best first. Ties break by the other two measures, then by more scores, then by the
    earlier receipt number, so the same scores always give the same order."""
    scores: dict[int, list[Decimal]] = {}
    for sid, score in Review.objects.filter(
        submission__call=call, round=round, conflict=False, score__isnull=False
    ).values_list("submission_id", "score"):
        scores.setdefault(sid, []).append(score)
    rows = [(s, aggregate(scores.get(s.pk, []))) for s in Submission.objects.filter(call=call, round__gte=round)]
    others = [m for m in ("trimmed", "mean", "median") if m != method]
    low = Decimal(-1)

    def key(row):
        agg = row[1]
        values = [getattr(agg, m) for m in (method, *others)]
        return (*(-(v if v is not None else low) for v in values), -agg.count, row[0].receipt)

    return sorted(rows, key=key)


def review_progress(call_ids: list[int]) -> dict[int, tuple[int, int]]:
    """{call_id: (scored, assigned)} over live (not conflicted) reviews, in one query."""
    rows = (
        Review.objects.filter(submission__call_id__in=call_ids, conflict=False)
        .values("submission__call_id")
        .annotate(done=Count("pk", filter=Q(score__isnull=False)), total=Count("pk"))
    )
    return {r["submission__call_id"]: (r["done"], r["total"]) for r in rows}


def call_lights(activity_ids: list[int]) -> dict[int, list[Light]]:
    """Each call's review progress as a light on its activity: green when every review is in, yellow while open."""
    calls = list(Call.objects.filter(activity_id__in=activity_ids).values("pk", "activity_id", "title"))
    progress = review_progress([c["pk"] for c in calls])
    out: dict[int, list[Light]] = {}
    for c in calls:
        done, total = progress.get(c["pk"], (0, 0))
        if not total:
            continue
        light = "green" if done == total else "yellow"
        out.setdefault(c["activity_id"], []).append(Light(light=light, label=f"{c['title']} 评审进度 {done}/{total}"))
    return out


@dataclass(frozen=True)
class Rates:
    submissions: int
    adopted: int  # 采纳: selected in any round or carried by 直通车
    reported: int  # 报送: carried to leaders by 直通车
    instructed: int  # 批示: proposals with at least one leader's instruction
    finished: int  # 办结: instructions whose tasks are all done and whose result went back

    @staticmethod
    def _pct(part: int, whole: int) -> str:
        return f"{part * 100 / whole:.1f}%" if whole else "—"

    @property
    def adoption(self) -> str:
        return self._pct(self.adopted, self.submissions)

    @property
    def instruction(self) -> str:
        return self._pct(self.instructed, self.reported)

    @property
    def completion(self) -> str:
        return self._pct(self.finished, self.instructed)


def call_rates(call: Call) -> Rates:
    """采纳率 (adopted / submitted), 批示率 (instructed / sent by 直通车), 办结率 (finished / instructed)."""
    subs = Submission.objects.filter(call=call)
    adopted = subs.filter(
        Q(state=Submission.State.SELECTED) | Q(round__gt=1) | Q(direct_reports__isnull=False)
    ).distinct()
    instructions = Instruction.objects.filter(submission__call=call)
    # A task still open, with the unit or returned keeps the instruction unfinished; a cancelled one does not.
    unfinished = instructions.filter(Q(tasks__state__in=OPEN_TASK_STATES) | Q(result="")).values("submission_id")
    instructed_ids = set(instructions.values_list("submission_id", flat=True))
    finished = len(instructed_ids - set(unfinished.values_list("submission_id", flat=True)))
    reported = subs.filter(direct_reports__isnull=False).distinct().count()
    return Rates(subs.count(), adopted.count(), reported, len(instructed_ids), finished)


def lookup_by_receipt(receipt: str) -> dict | None:
    """What the public sees for a receipt number: the title, its state and any 办理结果 — never reviewers' names."""
    submission = Submission.objects.filter(receipt=receipt.strip().upper()).select_related("call").first()
    if submission is None:
        return None
    results = [i.result for i in submission.instructions.all() if i.result]
    return {
        "receipt": submission.receipt,
        "call": submission.call.title,
        "title": submission.title,
        "state": submission.get_state_display(),
        "round": submission.round,
        "direct": submission.direct_reports.exists(),
        "instructed": bool(submission.instructions.all()),
        "results": results,
    }

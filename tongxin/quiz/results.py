"""Results, computed in the background (never on the answer path): per organisation participants, member count,
participation rate and average score, rolled up the hierarchy; the collective ranking; identity flags.

One GROUP BY over participants, then the tree is walked in Python (organisations number in the hundreds, participants
in the hundreds of thousands), then one bulk write."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.db.models import Avg, Count, Q, Sum

from tongxin.audit.services import audit_record
from tongxin.core import clock
from tongxin.orgs.models import Organisation
from tongxin.quiz.models import Contest, OrgResult, Participant

MANY_IDENTITIES = 5  # identities from one device or address before they are flagged for review


def _subtree(root_id: int | None) -> tuple[dict[int, Organisation], dict[int | None, list[int]]]:
    orgs = {o.id: o for o in Organisation.objects.only("id", "parent_id", "member_count", "name")}
    children: dict[int | None, list[int]] = defaultdict(list)
    for org in orgs.values():
        children[org.parent_id].append(org.id)
    if root_id is None:
        return orgs, children
    keep, stack = {}, [root_id]
    while stack:
        oid = stack.pop()
        keep[oid] = orgs[oid]
        stack.extend(children.get(oid, []))
    return keep, children


def roll_up(contest: Contest) -> list[OrgResult]:
    """participants and score sums per organisation including everyone below it; member_count is the organisation's
    own figure when set, else the sum of its children's."""
    orgs, children = _subtree(contest.root_org_id)
    own = {
        row["organisation_id"]: row
        for row in Participant.objects.filter(contest=contest, best_score__isnull=False)
        .values("organisation_id").annotate(n=Count("id"), total=Sum("best_score"))
    }
    memo: dict[int, tuple[int, float, int]] = {}

    def walk(oid: int) -> tuple[int, float, int]:
        if oid in memo:
            return memo[oid]
        n, total = own.get(oid, {}).get("n", 0), float(own.get(oid, {}).get("total") or 0)
        members_below = 0
        for child in children.get(oid, []):
            if child in orgs:
                cn, ctotal, cmembers = walk(child)
                n, total, members_below = n + cn, total + ctotal, members_below + cmembers
        members = orgs[oid].member_count or members_below
        memo[oid] = (n, total, members)
        return memo[oid]

    results = []
    for oid in orgs:
        n, total, members = walk(oid)
        results.append(OrgResult(
            contest=contest, organisation_id=oid, participants=n, member_count=members,
            participation_rate=round(n / members, 4) if members else 0.0,
            average_score=round(total / n, 2) if n else 0.0,
        ))
    top_average = max((r.average_score for r in results), default=0) or 1
    for result in results:
        result.collective_score = round(
            100 * (contest.weight_score * result.average_score / top_average
                   + contest.weight_rate * min(result.participation_rate, 1.0)), 2)
    for rank, result in enumerate(sorted(results, key=lambda r: (-r.collective_score, -r.participants)), start=1):
        result.rank = rank
    return results


def identity_flags(contest: Contest) -> int:
    """Many identities from one device or one address: each of them is flagged (an UPDATE per crowded key)."""
    flagged = 0
    for field, reason in (("device", "同一设备多人参赛"), ("ip", "同一地址多人参赛")):
        crowded = (Participant.objects.filter(contest=contest).exclude(**{field: ""}).values(field)
                   .annotate(n=Count("id")).filter(n__gte=MANY_IDENTITIES).values_list(field, flat=True))
        flagged += Participant.objects.filter(contest=contest, flagged="", **{f"{field}__in": list(crowded)}).update(
            flagged=reason)
    return flagged


def results_compute(*, contest: Contest, actor="竞答排名计算") -> int:
    """Recompute the contest's organisation results (all replaced in one transaction)."""
    identity_flags(contest)
    results = roll_up(contest)
    with transaction.atomic():
        OrgResult.objects.filter(contest=contest).delete()
        OrgResult.objects.bulk_create(results, batch_size=2000)
        Contest.objects.filter(pk=contest.pk).update(results_at=clock.now())
        audit_record(actor=actor, action="quiz.results_compute", target=contest, summary="计算竞答排名与参赛率")
    return len(results)


def contest_figures(contest: Contest) -> dict:
    return Participant.objects.filter(contest=contest).aggregate(
        participants=Count("id"), scored=Count("id", filter=Q(best_score__isnull=False)), average=Avg("best_score"),
        flagged=Count("id", filter=~Q(flagged="")),
    )

"""What field work shows on an activity's page and in the lists' lights (through the seam)."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Q, Sum
from django.template.loader import render_to_string

from tongxin.core import clock
from tongxin.core.modules import Light
from tongxin.fieldwork import rates, selectors
from tongxin.fieldwork.models import Campaign, CampaignPhase, Difficulty, Opinion, Pairing, Problem, Visit


def household_totals(households) -> dict:
    """Totals for reports: households, visits, difficulties (resolved), money given — a fixed number of queries."""
    ids = households.values("pk")
    diff = Difficulty.objects.filter(household__in=ids).aggregate(
        n=Count("pk"), resolved=Count("pk", filter=Q(state=Difficulty.State.RESOLVED)), money=Sum("money")
    )
    return {
        "total": households.count(),
        "visits": Visit.objects.filter(household__in=ids).count(),
        "difficulties": diff["n"],
        "resolved": diff["resolved"],
        "money": f"{diff['money'] or 0:,.0f}",
        "goods": Difficulty.objects.filter(household__in=ids).exclude(goods="").count(),
    }


def pairing_summary(pairings) -> dict:
    rows = selectors.pairing_rows(pairings)
    if not rows:
        return {}
    lights = Counter(p.coverage for p in rows)
    ops = Opinion.objects.filter(visit__pairing__in=pairings.values("pk"))
    return {
        "total": len(rows),
        "lights": [(k, lights[k]) for k in ("red", "yellow", "green", "done") if lights[k]],
        "visits": sum(p.visits_this_year for p in rows),
        "opinions": ops.count(),
        "closed": ops.filter(task__state="done").count(),
    }


def activity_panel(request, activity) -> str:
    user = request.user
    pairings = pairing_summary(selectors.pairings_visible_to(user).filter(activity=activity))
    households = selectors.households_visible_to(user).filter(activity=activity)
    campaign = Campaign.objects.filter(activity=activity).first()
    ctx = {
        "activity": activity,
        "pairings": pairings,
        "households": household_totals(households) if households.exists() else None,
        "campaign": {"obj": campaign, "total": rates.overall(campaign, venues=selectors.venue_scope(user))}
        if campaign
        else None,
        "is_visits": "visits" in (activity.kinds or []),
    }
    return render_to_string("fieldwork/_panel.html", ctx, request=request)


def activity_lights(activity_ids: list[int]) -> dict[int, list[Light]]:
    """Pairs behind on their visits and problems past their deadline, per activity: two queries for any list."""
    today = clock.today()
    out: dict[int, list[Light]] = {}
    behind: Counter = Counter()
    for p in selectors.with_coverage(Pairing.objects.filter(activity_id__in=activity_ids)).values(
        "activity_id", "required_visits", "visits_this_year"
    ):
        if selectors.coverage_light(p["visits_this_year"], p["required_visits"], today) == "red":
            behind[p["activity_id"]] += 1
    for activity_id, n in behind.items():
        out.setdefault(activity_id, []).append(Light("red", f"走访覆盖不足 {n} 对"))
    # Counted per phase on the problems' own index, then mapped to activities: no join over 50,000 problems.
    phases = dict(
        CampaignPhase.objects.filter(campaign__activity_id__in=activity_ids).values_list("pk", "campaign__activity_id")
    )
    late = (
        Problem.objects.filter(phase_id__in=list(phases), deadline__lt=today)
        .exclude(state=Problem.State.SIGNED_OFF)
        .values("phase_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    counts: Counter = Counter()
    for row in late:
        counts[phases[row["phase_id"]]] += row["n"]
    for activity_id, n in counts.items():
        out.setdefault(activity_id, []).append(Light("red", f"整改逾期 {n} 个"))
    return out

"""The campaign's two rates, defined here once and computed in SQL for any grouping:

- 自查完成率 = checklist items done / checklist items required (each venue, each phase);
- 问题整改率 = problems signed off (销号) / problems found.

A rate with nothing to count is None (shown as "—"), never 0% or 100%.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet

from tongxin.fieldwork.models import CheckItem, Problem, Venue

GROUPS = {"phase": "phase_id", "venue": "venue_id", "religion": "venue__religion"}


def ratio(done: int, total: int) -> float | None:
    return round(100.0 * done / total, 1) if total else None


@dataclass
class Rate:
    key: object
    label: str
    items: int = 0
    items_done: int = 0
    problems: int = 0
    problems_done: int = 0

    @property
    def self_check_rate(self) -> float | None:
        return ratio(self.items_done, self.items)

    @property
    def rectification_rate(self) -> float | None:
        return ratio(self.problems_done, self.problems)

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "items": self.items,
            "items_done": self.items_done,
            "self_check_rate": self.self_check_rate,
            "problems": self.problems,
            "problems_signed_off": self.problems_done,
            "rectification_rate": self.rectification_rate,
        }


def campaign_rates(campaign, *, by: str, venues: QuerySet[Venue] | None = None) -> list[Rate]:
    """Rates of a campaign grouped by "phase", "venue" or "religion", over `venues` (the viewer's) or all.
    Two aggregate queries plus one for the labels, whatever the number of venues, items or problems."""
    key = GROUPS[by]
    venue_ids = (venues if venues is not None else Venue.objects.all()).filter(campaign=campaign).values("pk")
    items = (
        CheckItem.objects.filter(venue_id__in=venue_ids, required=True)
        .values(k=F(key))
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(done_at__isnull=False)))
    )
    problems = (
        Problem.objects.filter(venue_id__in=venue_ids)
        .values(k=F(key))
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(state=Problem.State.SIGNED_OFF)))
    )
    labels = _labels(campaign, by, venue_ids)
    rates = {k: Rate(key=k, label=label) for k, label in labels.items()}
    for row in items:
        rate = rates.setdefault(row["k"], Rate(key=row["k"], label=str(row["k"])))
        rate.items, rate.items_done = row["total"], row["done"]
    for row in problems:
        rate = rates.setdefault(row["k"], Rate(key=row["k"], label=str(row["k"])))
        rate.problems, rate.problems_done = row["total"], row["done"]
    return list(rates.values())


def _labels(campaign, by: str, venue_ids) -> dict:
    if by == "phase":
        return dict(campaign.phases.order_by("order", "id").values_list("pk", "name"))
    if by == "religion":
        present = set(Venue.objects.filter(pk__in=venue_ids).values_list("religion", flat=True).distinct())
        return {value: str(label) for value, label in Venue.Religion.choices if value in present}
    return dict(Venue.objects.filter(pk__in=venue_ids).order_by("religion", "name", "id").values_list("pk", "name"))


def overall(campaign, *, venues: QuerySet[Venue] | None = None) -> Rate:
    total = Rate(key="all", label="合计")
    for rate in campaign_rates(campaign, by="phase", venues=venues):
        total.items += rate.items
        total.items_done += rate.items_done
        total.problems += rate.problems
        total.problems_done += rate.problems_done
    return total

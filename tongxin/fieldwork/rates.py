"""The campaign's two rates, defined here once and computed from one tally for any grouping:

- 自查完成率 = checklist items done / checklist items required (each venue, each phase);
- 问题整改率 = problems signed off (销号) / problems found.

A rate with nothing to count is None (shown as "—"), never 0% or 100%. The tally is two aggregate queries grouped by
(phase, venue) — a few thousand rows at most, whatever the number of problems — and every grouping (phase, venue,
religion, overall) is summed from it in Python, so a page showing all of them still scans the problems once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from tongxin.fieldwork.models import CheckItem, Problem, Venue


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

    def add(self, counts: list[int]) -> None:
        self.items += counts[0]
        self.items_done += counts[1]
        self.problems += counts[2]
        self.problems_done += counts[3]

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


@dataclass
class Tally:
    """Counts per (phase id, venue id): [items, items done, problems, problems signed off]."""

    phases: dict[int, str]
    venues: dict[int, tuple[str, str]]  # id -> (name, religion)
    counts: dict[tuple[int, int], list[int]] = field(default_factory=dict)

    def by(self, what: str, *, only: set[int] | None = None) -> list[Rate]:
        religions = dict(Venue.Religion.choices)
        if what == "phase":
            rates = {k: Rate(k, label) for k, label in self.phases.items()}
        elif what == "religion":
            present = {religion for _name, religion in self.venues.values()}
            rates = {k: Rate(k, str(label)) for k, label in religions.items() if k in present}
        else:
            ids = self.venues if only is None else [v for v in self.venues if v in only]
            rates = {v: Rate(v, self.venues[v][0]) for v in ids}
        for (phase_id, venue_id), counts in self.counts.items():
            key = {"phase": phase_id, "religion": self.venues[venue_id][1], "venue": venue_id}[what]
            if key in rates:
                rates[key].add(counts)
        return list(rates.values())

    def overall(self) -> Rate:
        total = Rate("all", "合计")
        for counts in self.counts.values():
            total.add(counts)
        return total


def tally(campaign, *, venues: QuerySet[Venue] | None = None) -> Tally:
    """`venues`: the viewer's venues of this campaign, or None for all of them (the department's readers)."""
    venue_qs = (venues if venues is not None else Venue.objects.all()).filter(campaign=campaign)
    found = {
        pk: (name, religion)
        for pk, name, religion in venue_qs.order_by("religion", "name", "id").values_list("pk", "name", "religion")
    }
    phases = dict(campaign.phases.order_by("order", "id").values_list("pk", "name"))
    result = Tally(phases=phases, venues=found)
    scope = Q(phase_id__in=list(phases))
    if venues is not None:
        scope &= Q(venue_id__in=list(found))
    items = (
        CheckItem.objects.filter(scope, required=True)
        .values("phase_id", "venue_id")
        .annotate(total=Count("phase_id"), done=Count("phase_id", filter=Q(done_at__isnull=False)))
        .order_by()
    )
    problems = (
        Problem.objects.filter(scope)
        .values("phase_id", "venue_id")
        .annotate(total=Count("phase_id"), done=Count("phase_id", filter=Q(state=Problem.State.SIGNED_OFF)))
        .order_by()
    )
    for row in items:
        result.counts.setdefault((row["phase_id"], row["venue_id"]), [0, 0, 0, 0])[0:2] = [row["total"], row["done"]]
    for row in problems:
        result.counts.setdefault((row["phase_id"], row["venue_id"]), [0, 0, 0, 0])[2:4] = [row["total"], row["done"]]
    return result


def campaign_rates(campaign, *, by: str, venues: QuerySet[Venue] | None = None) -> list[Rate]:
    """Rates of a campaign grouped by "phase", "venue" or "religion", over `venues` (the viewer's) or all."""
    return tally(campaign, venues=venues).by(by)


def overall(campaign, *, venues: QuerySet[Venue] | None = None) -> Rate:
    return tally(campaign, venues=venues).overall()

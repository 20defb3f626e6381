"""Reads for events: attendance of a session and per unit, the publicity log and its counts by outlet type."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from tongxin.activities.models import Session
from tongxin.activities.selectors import under_visible_activities
from tongxin.events.models import Attendance, Invitation, PublicityEntry


@dataclass(frozen=True)
class UnitRate:
    unit: str
    expected: int | None  # None: the unit came without an invitation
    attended: int

    @property
    def rate(self) -> str:
        if not self.expected:
            return "—"
        return f"{min(self.attended / self.expected, 1) * 100:.0f}%"


def attendance_of(session: Session) -> QuerySet[Attendance]:
    return session.attendances.select_related("org").order_by("created_at", "id")


def attendance_by_unit(session: Session) -> list[UnitRate]:
    """Each invited unit's attendance rate (signed in ÷ expected), then the units that came uninvited."""
    came = Counter()
    for org_id, unit_name in session.attendances.values_list("org_id", "unit_name"):
        came[org_id or unit_name] += 1
    rows = []
    for inv in Invitation.objects.filter(session=session).select_related("org").order_by("org__name"):
        rows.append(UnitRate(unit=inv.org.name, expected=inv.expected, attended=came.pop(inv.org_id, 0)))
    names = dict(session.attendances.filter(org__isnull=False).values_list("org_id", "org__name"))
    for key, n in sorted(came.items(), key=lambda kv: str(kv[0])):
        rows.append(UnitRate(unit=names.get(key, str(key)), expected=None, attended=n))
    return rows


def attendance_counts(session_ids: list[int]) -> dict[int, int]:
    rows = Attendance.objects.filter(session_id__in=session_ids).values("session_id").annotate(n=Count("id"))
    return {r["session_id"]: r["n"] for r in rows}


def publicity_visible_to(user) -> QuerySet[PublicityEntry]:
    return under_visible_activities(PublicityEntry.objects.select_related("activity"), user)


def publicity_counts(entries: QuerySet[PublicityEntry]) -> list[tuple[str, int]]:
    """(outlet type label, count) for every type, in the order of the choices, zeros included."""
    counts = dict(entries.order_by().values_list("outlet_type").annotate(n=Count("id")))
    return [(str(label), counts.get(value, 0)) for value, label in PublicityEntry.OutletType.choices]

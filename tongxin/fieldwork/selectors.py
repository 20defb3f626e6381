"""Reading field work: one visibility rule for every list, page, export and API answer; masking; coverage."""

from __future__ import annotations

import datetime as dt
import math

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet

from tongxin.accounts.models import ObjectRole
from tongxin.accounts.rules import sees_everything
from tongxin.activities.selectors import under_visible_activities
from tongxin.core import clock
from tongxin.fieldwork.models import Campaign, Difficulty, Household, Opinion, Pairing, Problem, Venue, Visit
from tongxin.orgs.contacts import mask_id_number, mask_phone
from tongxin.orgs.selectors import user_unit_ids


def _scoped(qs: QuerySet, user, *, via: str, unit: str) -> QuerySet:
    """Rows under an activity the user may see; a unit (not the department's readers) sees only its own rows."""
    qs = under_visible_activities(qs, user, via=via)
    if not sees_everything(user):
        qs = qs.filter(**{f"{unit}__in": user_unit_ids(user)})
    return qs


def pairings_visible_to(user) -> QuerySet[Pairing]:
    qs = _scoped(Pairing.objects.all(), user, via="activity", unit="unit_id")
    if getattr(user, "person_id", None) and not sees_everything(user):
        qs = qs | under_visible_activities(Pairing.objects.filter(leader_id=user.person_id), user)
    return qs


def visits_visible_to(user) -> QuerySet[Visit]:
    return _scoped(Visit.objects.all(), user, via="activity", unit="unit_id")


def opinions_visible_to(user) -> QuerySet[Opinion]:
    """Those of the visits the user sees, and those handed to the user's unit to follow up — even when that unit has
    no part in the activity (an opinion often needs another department), so it can read it and feed back."""
    if not (user and user.is_authenticated):
        return Opinion.objects.none()
    mine = Q(visit__in=visits_visible_to(user).values("pk"))
    units = user_unit_ids(user)
    if units:
        mine |= Q(task__owner_org_id__in=units)
    return Opinion.objects.filter(mine)


def households_visible_to(user) -> QuerySet[Household]:
    return _scoped(Household.objects.all(), user, via="activity", unit="unit_id")


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    return under_visible_activities(Campaign.objects.all(), user, via="activity")


def venues_with_role(user):
    """Ids of the venues this user holds a role on (staff, inspector): granted explicitly, so seen outside the unit."""
    if not (user and user.is_authenticated):
        return []
    holder = Q(user_id=user.pk) | (Q(person_id=user.person_id) if user.person_id else Q(pk__in=[]))
    return ObjectRole.objects.filter(holder, target_type=ContentType.objects.get_for_model(Venue)).values("target_id")


def venues_visible_to(user) -> QuerySet[Venue]:
    scoped = _scoped(Venue.objects.all(), user, via="campaign__activity", unit="unit_id")
    if sees_everything(user):
        return scoped
    return Venue.objects.filter(Q(pk__in=scoped.values("pk")) | Q(pk__in=venues_with_role(user)))


def venue_scope(user) -> QuerySet[Venue] | None:
    """The venues whose figures this user may see in a visible campaign: None (all of them) for the department's
    readers, else the unit's own — what the rates are computed over."""
    return None if sees_everything(user) else venues_visible_to(user)


def problems_visible_to(user) -> QuerySet[Problem]:
    return Problem.objects.filter(venue__in=venues_visible_to(user).values("pk"))


def add_household_counts(households) -> list[Household]:
    """Visits, difficulties and those resolved, for a page of households: two grouped queries on their ids."""
    rows = list(households)
    ids = [h.pk for h in rows]
    visits = dict(
        Visit.objects.filter(household_id__in=ids)
        .values("household_id")
        .annotate(n=Count("pk"))
        .values_list("household_id", "n")
        .order_by()
    )
    diffs = {
        r["household_id"]: r
        for r in Difficulty.objects.filter(household_id__in=ids)
        .values("household_id")
        .annotate(n=Count("pk"), resolved=Count("pk", filter=Q(state=Difficulty.State.RESOLVED)))
        .order_by()
    }
    for h in rows:
        d = diffs.get(h.pk, {"n": 0, "resolved": 0})
        h.n_visits, h.n_difficulties, h.n_resolved = visits.get(h.pk, 0), d["n"], d["resolved"]
        h.n_open = d["n"] - d["resolved"]
    return rows


# Masking: ID numbers and phones in full only for the responsible unit (rules "fieldwork.see_personal").


# The same masks as the directory's people (orgs.contacts), so a number reads the same wherever it is shown.
mask_id = mask_id_number


def personal(user, obj, value: str, *, kind: str) -> str:
    if user.has_perm("fieldwork.see_personal", obj):
        return value
    return mask_id(value) if kind == "id" else mask_phone(value)


# Coverage: each pair's visits this year against the required number, as a light.


def expected_by_now(required: int, today: dt.date) -> int:
    """How many visits a pair should have had by today, at an even pace over the year."""
    elapsed = (today - dt.date(today.year, 1, 1)).days + 1
    days = (dt.date(today.year + 1, 1, 1) - dt.date(today.year, 1, 1)).days
    return math.floor(required * elapsed / days)


def coverage_light(count: int, required: int, today: dt.date) -> str:
    """done: the year's visits are made; green: on pace; yellow: one behind pace; red: more than one behind."""
    if count >= required:
        return "done"
    behind = expected_by_now(required, today) - count
    return "green" if behind <= 0 else "yellow" if behind == 1 else "red"


def with_coverage(qs: QuerySet[Pairing], *, year: int | None = None) -> QuerySet[Pairing]:
    year = year or clock.today().year
    return qs.annotate(
        visits_this_year=Count("visits", filter=Q(visits__visited_on__year=year), distinct=True)
    ).select_related("leader", "figure", "unit")


def pairing_rows(qs: QuerySet[Pairing]) -> list[Pairing]:
    today = clock.today()
    rows = list(with_coverage(qs).order_by("leader__name", "id"))
    for p in rows:
        p.coverage = coverage_light(p.visits_this_year, p.required_visits, today)
    return rows


def opinion_state(opinion: Opinion) -> str:
    """未交办 / 办理中 / 已反馈待确认 / 已办结, from the follow-up task's state."""
    task = opinion.task
    if task is None:
        return "未交办"
    return {"done": "已办结", "cancelled": "已取消", "submitted": "已反馈待确认", "returned": "退回重办"}.get(
        task.state, "办理中"
    )

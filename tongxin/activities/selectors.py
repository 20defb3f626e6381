"""Reading activities: one visibility query reused by every list, page, export and API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from tongxin.accounts.rules import is_admin, sees_everything
from tongxin.activities.models import Activity, Assignment, Session, TimeWindow
from tongxin.core import modules
from tongxin.orgs.selectors import org_with_descendants_ids, user_unit_ids


def activities_visible_to(user) -> QuerySet[Activity]:
    qs = Activity.objects.all()
    if not (user and user.is_authenticated):
        return qs.none()
    if is_admin(user):
        return qs
    qs = qs.filter(plan__status="published")
    if sees_everything(user):
        return qs
    units = user_unit_ids(user)
    if not units:
        return qs.none()
    return qs.filter(Q(assignments__organisation_id__in=units) | Q(owner_org_id__in=units)).distinct()


def under_visible_activities(queryset: QuerySet, user, *, via: str = "activity") -> QuerySet:
    """Rows of any app that hang off an activity (a call, a quiz, a visit, a session's sign-in), limited to those
    whose activity this user may see — the one rule every module's lists and pages use (outsiders then get 404).
    `via` is the lookup path from the row to its activity, e.g. "call__activity"."""
    return queryset.filter(**{f"{via}__in": activities_visible_to(user).values("pk")})


def with_details(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    """Everything a list row shows, in a fixed number of queries whatever the number of activities."""
    return qs.select_related("plan", "owner_org").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("organisation", "person", "session")),
        Prefetch("windows", queryset=TimeWindow.objects.order_by("order", "id")),
        Prefetch("sessions", queryset=Session.objects.order_by("order", "id")),
        "phases",
    )


@dataclass
class OverviewFilters:
    plan_id: int | None = None
    leader_id: int | None = None
    unit_id: int | None = None
    month: int | None = None
    kind: str = ""
    q: str = ""


def activities_overview(user, filters: OverviewFilters, *, year: int | None = None) -> QuerySet[Activity]:
    qs = activities_visible_to(user)
    if filters.plan_id:
        qs = qs.filter(plan_id=filters.plan_id)
    if filters.leader_id:
        qs = qs.filter(assignments__person_id=filters.leader_id, assignments__role=Assignment.Role.LEAD)
    if filters.unit_id:
        qs = qs.filter(
            Q(assignments__organisation_id__in=org_with_descendants_ids(filters.unit_id))
            | Q(owner_org_id=filters.unit_id)
        )
    if filters.month and year:
        first = dt.date(year, filters.month, 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        qs = qs.filter(
            Q(windows__start__lte=last, windows__end__gte=first)
            | Q(windows__start__isnull=True, windows__end__gte=first, windows__end__lte=last)
            | Q(sessions__start__lte=last, sessions__end__gte=first)
        )
    if filters.kind:
        # JSON list membership that works the same on SQLite and PostgreSQL.
        qs = qs.filter(kinds__icontains=f'"{filters.kind}"')
    if filters.q:
        qs = qs.filter(Q(title__icontains=filters.q) | Q(paragraph__icontains=filters.q))
    # Filter by id rather than DISTINCT over whole rows: the joins above may repeat an activity, and DISTINCT on
    # every column (the paragraph text included) was the costliest part of the page at 500 activities.
    rows = Activity.objects.filter(pk__in=qs.values("pk")).defer("paragraph")
    # The light comes from supervision, a floor above, through the annotation it registers (see core.modules).
    return modules.annotate_activities(with_details(rows)).order_by("plan__year", "plan_id", "order", "id")


def roles_of(activity: Activity) -> dict[str, list[Assignment]]:
    """The activity-level assignments by role, from the prefetched list (no query)."""
    out: dict[str, list[Assignment]] = {r.value: [] for r in Assignment.Role}
    for a in activity.assignments.all():
        if a.session_id is None:
            out[a.role].append(a)
    return out


ROLE_CSS = {"lead": "hl-lead", "responsible": "hl-responsible", "cooperating": "hl-cooperating"}


def paragraph_with_marks(activity: Activity):
    """The plan's own paragraph with the times, people and units highlighted where the text names them."""
    from tongxin.core.highlight import Mark, find_marks, highlight

    text = activity.paragraph or ""
    base = activity.span_start
    marks: list[Mark] = []
    for w in activity.windows.all():
        if base is not None and w.span_start is not None and w.span_end is not None:
            marks.append(Mark(w.span_start - base, w.span_end - base, "hl-time", "时间"))
        else:
            marks += find_marks(text, [(w.text, "hl-time", "时间")])
    needles = [
        (a.name_as_written or a.holder_name, ROLE_CSS[a.role], a.get_role_display()) for a in activity.assignments.all()
    ]
    needles += [(p, "hl-place", "地点") for p in activity.places]
    marks += find_marks(text, needles)
    return highlight(text, marks)


def my_work(user) -> list[tuple[str, list[Activity]]]:
    """What the signed-in person leads, owns or helps with, by role; for others, the programme's coming activities."""
    visible = activities_visible_to(user).exclude(state=Activity.State.CANCELLED)
    groups: list[tuple[str, QuerySet[Activity]]] = []
    if user.person_id:
        groups.append(("我牵头的活动", visible.filter(assignments__person_id=user.person_id)))
    units = user_unit_ids(user)
    if units:
        groups.append(
            (
                "本单位负责的活动",
                visible.filter(
                    Q(assignments__role=Assignment.Role.RESPONSIBLE, assignments__organisation_id__in=units)
                    | Q(owner_org_id__in=units)
                ),
            )
        )
        groups.append(
            (
                "本单位配合的活动",
                visible.filter(assignments__role=Assignment.Role.COOPERATING, assignments__organisation_id__in=units),
            )
        )
    if not groups:
        groups.append(("全部活动", visible))
    return [(label, list(with_details(qs.distinct()).order_by("starts_on", "order"))) for label, qs in groups]


def search(user, q: str) -> dict:
    """Plans, activities, units and people matching `q`, each limited to what the user may see."""
    from tongxin.orgs.models import Organisation, Person
    from tongxin.plans.selectors import plans_visible_to

    q = q[:100]
    acts = activities_visible_to(user).filter(
        Q(title__icontains=q) | Q(paragraph__icontains=q) | Q(assignments__name_as_written__icontains=q)
    )
    return {
        "plans": list(plans_visible_to(user).filter(Q(title__icontains=q) | Q(issuer__icontains=q))[:20]),
        "activities": list(with_details(acts.distinct()).order_by("plan_id", "order")[:50]),
        "units": list(
            Organisation.objects.filter(Q(name__icontains=q) | Q(aliases__name__icontains=q)).distinct()[:30]
        ),
        "people": list(Person.objects.filter(name__icontains=q).select_related("organisation")[:30]),
    }

"""Reading supervision: which tasks, reports and approvals a person sees, lists with lights, the unit page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from tongxin.accounts.rules import is_admin, is_unit_member
from tongxin.activities.models import Activity, Assignment
from tongxin.activities.selectors import activities_visible_to
from tongxin.orgs.selectors import org_with_descendants_ids, user_unit_ids
from tongxin.supervision import status
from tongxin.supervision.models import Approval, ProgressReport, Task

# ---------------------------------------------------------------- visibility


def _units_of(user) -> set[int]:
    return user_unit_ids(user)


def _owned_activities(units: set[int]) -> QuerySet[Activity]:
    """Activities a unit is responsible for (or chose itself): its members follow every task and report on them."""
    return Activity.objects.filter(
        Q(owner_org_id__in=units)
        | Q(assignments__role=Assignment.Role.RESPONSIBLE, assignments__organisation_id__in=units)
    ).values("pk")


def _scoped(qs: QuerySet, user, org_field: str) -> QuerySet:
    """Limit to visible activities; a unit member further sees only their unit's own items and activities."""
    if not (user and user.is_authenticated):
        return qs.none()
    if is_admin(user):
        return qs
    qs = qs.filter(activity_id__in=activities_visible_to(user).values("pk"))
    if is_unit_member(user):
        units = _units_of(user)
        qs = qs.filter(Q(**{f"{org_field}__in": units}) | Q(activity_id__in=_owned_activities(units)))
    return qs


def tasks_visible_to(user) -> QuerySet[Task]:
    return _scoped(Task.objects.all(), user, "owner_org_id")


def tasks_to_report_on(user, activity: Activity) -> QuerySet[Task]:
    """Open tasks of the activity that the user may file a report or extension against: a unit only its own.

    Co-responsible units each have a task of the same title; offering a unit the other's made its report
    complete the other unit's task and leave its own red.
    """
    qs = tasks_visible_to(user).filter(activity=activity).exclude(state__in=status.CLOSED).select_related("owner_org")
    return qs if is_admin(user) else qs.filter(owner_org_id__in=_units_of(user))


def reports_visible_to(user) -> QuerySet[ProgressReport]:
    return _scoped(ProgressReport.objects.all(), user, "org_id")


def approvals_visible_to(user) -> QuerySet[Approval]:
    return _scoped(Approval.objects.all(), user, "org_id")


# ---------------------------------------------------------------- lights


def activities_with_lights(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    """Activities with `light` (and its parts) annotated in the same query; for the overview and every list."""
    return status.annotate_activities(qs)


def activity_light(activity: Activity) -> str:
    """One activity's light over all its tasks (whoever looks), by the same SQL rule as every list."""
    return status.annotate_activities(Activity.objects.filter(pk=activity.pk)).values_list("light", flat=True)[0]


def _light_rank():
    return Case(
        *[When(light=light, then=Value(rank)) for light, rank in status.ORDER.items()],
        output_field=IntegerField(),
    )


# ---------------------------------------------------------------- tasks


@dataclass
class TaskFilters:
    plan_id: int | None = None
    light: str = ""
    unit_id: int | None = None
    state: str = ""
    kind: str = ""
    due_month: dt.date | None = None  # the first of the month
    activity_id: int | None = None


def tasks_list(user, filters: TaskFilters) -> QuerySet[Task]:
    """Visible tasks with their light, red first, then by deadline."""
    qs = status.annotate_tasks(tasks_visible_to(user))
    if filters.plan_id:
        qs = qs.filter(activity__plan_id=filters.plan_id)
    if filters.activity_id:
        qs = qs.filter(activity_id=filters.activity_id)
    if filters.light:
        qs = qs.filter(light=filters.light)
    if filters.unit_id:
        qs = qs.filter(owner_org_id__in=org_with_descendants_ids(filters.unit_id))
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.due_month:
        first = filters.due_month.replace(day=1)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        qs = qs.filter(due__gte=first, due__lt=nxt)
    return (
        qs.select_related("activity", "owner_org", "owner_user", "session")
        .annotate(light_rank=_light_rank())
        .order_by("light_rank", "due", "id")
    )


def task_for_page(user, pk: int) -> Task:
    """One visible task with everything its page and its permission checks read (404 for outsiders)."""
    from tongxin.core.access import get_visible_or_404

    qs = status.annotate_tasks(tasks_visible_to(user)).select_related(
        "activity__plan", "owner_org", "owner_user", "session", "created_by"
    )
    return get_visible_or_404(qs.prefetch_related("activity__assignments"), pk=pk)


def task_history(task: Task, *, reports: list, approvals: list, limit: int = 100) -> list:
    """The task's own audit entries with those of its reports and approvals: its whole story in one list."""
    from tongxin.audit.models import AuditEntry

    q = Q(target_type="supervision.task", target_id=str(task.pk))
    if reports:
        q |= Q(target_type="supervision.progressreport", target_id__in=[str(r.pk) for r in reports])
    if approvals:
        q |= Q(target_type="supervision.approval", target_id__in=[str(a.pk) for a in approvals])
    return list(AuditEntry.objects.filter(q).order_by("-at", "-id")[:limit])


def urges_for(task: Task) -> list:
    return list(task.urges.select_related("to_org", "by")[:50])


# ---------------------------------------------------------------- reports


@dataclass
class ReportFilters:
    state: str = ""
    unit_id: int | None = None
    plan_id: int | None = None
    activity_id: int | None = None


def reports_list(user, filters: ReportFilters, *, pending_first: bool = False) -> QuerySet[ProgressReport]:
    """The ids of the reports a list shows, in order. Narrow on purpose: sorting 100,000 joined rows with their
    evidence counts took 300 ms on PostgreSQL; the page's rows are loaded by `reports_for_rows`."""
    qs = reports_visible_to(user)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.unit_id:
        qs = qs.filter(org_id__in=org_with_descendants_ids(filters.unit_id))
    if filters.plan_id:
        qs = qs.filter(activity__plan_id=filters.plan_id)
    if filters.activity_id:
        qs = qs.filter(activity_id=filters.activity_id)
    if pending_first:
        pending = Case(When(state=ProgressReport.State.SUBMITTED, then=Value(0)), default=Value(1))
        qs = qs.annotate(pending=pending).order_by("pending", "-submitted_at", "-id")
    else:
        qs = qs.order_by("-submitted_at", "-id")
    return qs.values_list("pk", flat=True)


def reports_for_rows(ids: list[int]) -> list[ProgressReport]:
    """The reports behind one page of ids, in that order, with what a row shows and its number of files."""
    from tongxin.core.queries import count_of
    from tongxin.supervision.models import Evidence

    found = (
        ProgressReport.objects.filter(pk__in=ids)
        .select_related("activity", "org", "author", "task", "session")
        .annotate(evidence_count=count_of(Evidence, "report"))
    )
    by_id = {r.pk: r for r in found}
    return [by_id[pk] for pk in ids if pk in by_id]


def report_for_page(user, pk: int) -> ProgressReport:
    from tongxin.core.access import get_visible_or_404

    qs = (
        reports_visible_to(user)
        .select_related("activity__plan", "org", "author", "task", "session", "reviewed_by")
        .prefetch_related("evidence", "activity__assignments")
    )
    return get_visible_or_404(qs, pk=pk)


# ---------------------------------------------------------------- approvals


def _leads_q(user) -> Q:
    """The SQL twin of rules `leads`: the person is named on one of the activity's assignments."""
    if not user.person_id:
        return Q(pk__in=[])
    return Q(Exists(Assignment.objects.filter(activity_id=OuterRef("activity_id"), person_id=user.person_id)))


def approvals_decidable_by(user) -> QuerySet[Approval]:
    """Pending approvals this person may decide or acknowledge (the same rule as `supervision.decide_approval`)."""
    qs = approvals_visible_to(user).filter(state=Approval.State.PENDING)
    leads = _leads_q(user)
    if is_admin(user):
        no_lead = ~Q(Exists(Assignment.objects.filter(activity_id=OuterRef("activity_id"), role=Assignment.Role.LEAD)))
        may = Q(kind=Approval.Kind.FILING) | leads | no_lead
    else:
        may = leads
    return qs.filter(may)


def approvals_list(user, *, state: str = "", kind: str = "") -> QuerySet[Approval]:
    qs = approvals_visible_to(user)
    if state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("activity", "org", "requested_by", "task", "decided_by").order_by("-created_at", "-id")


def approval_for_page(user, pk: int) -> Approval:
    from tongxin.core.access import get_visible_or_404

    qs = (
        approvals_visible_to(user)
        .select_related("activity__plan", "org", "requested_by", "task", "decided_by")
        .prefetch_related("activity__assignments")
    )
    return get_visible_or_404(qs, pk=pk)


# ---------------------------------------------------------------- an activity's page and a unit's page


def activity_supervision(user, activity: Activity) -> dict:
    """What the activity page shows of supervision, in a fixed number of queries."""
    tasks = list(
        status.annotate_tasks(tasks_visible_to(user).filter(activity=activity))
        .select_related("owner_org", "owner_user", "session")
        .annotate(light_rank=_light_rank())
        .order_by("light_rank", "due", "id")
    )
    return {
        "light": activity_light(activity),
        "tasks": tasks,
        "reports": list(reports_visible_to(user).filter(activity=activity).select_related("org", "author")[:20]),
        "approvals": list(
            approvals_visible_to(user).filter(activity=activity).select_related("org", "requested_by")[:20]
        ),
    }


def unit_may_be_seen_by(user, org) -> bool:
    """The department, leaders and viewers see every unit's page; a member sees their unit's (and its sub-units')."""
    from tongxin.accounts.rules import sees_everything

    if sees_everything(user):
        return True
    return bool(user.organisation_id) and org.pk in _units_of(user)


def unit_page(user, org) -> dict:
    """A unit's activities by role with lights, its tasks by light, latest reports and pending approvals."""
    units = org_with_descendants_ids(org)
    visible = activities_visible_to(user).values("pk")
    acts = Activity.objects.filter(pk__in=visible).exclude(state=Activity.State.CANCELLED)

    def by_role(q: Q) -> list[Activity]:
        ids = Activity.objects.filter(q).values("pk")
        lit = activities_with_lights(acts.filter(pk__in=ids)).annotate(light_rank=_light_rank())
        return list(lit.select_related("plan").order_by("light_rank", "starts_on", "id"))

    responsible = Q(owner_org_id__in=units) | Q(
        assignments__role=Assignment.Role.RESPONSIBLE, assignments__organisation_id__in=units
    )
    cooperating = Q(assignments__role=Assignment.Role.COOPERATING, assignments__organisation_id__in=units)
    tasks = tasks_visible_to(user).filter(owner_org_id__in=units)
    late_or_near = (
        status.annotate_tasks(tasks)
        .filter(light__in=[status.RED, status.YELLOW])
        .select_related("activity", "owner_org")
        .annotate(light_rank=_light_rank())
        .order_by("light_rank", "due", "id")[:100]
    )
    return {
        "responsible": by_role(responsible),
        "cooperating": by_role(cooperating),
        "counts": status.light_counts(tasks),
        "late_or_near": list(late_or_near),
        "reports": list(
            reports_visible_to(user).filter(org_id__in=units).select_related("activity", "org", "author")[:10]
        ),
        "approvals": list(
            approvals_visible_to(user)
            .filter(org_id__in=units, state=Approval.State.PENDING)
            .select_related("activity", "org", "requested_by")
        ),
    }

"""Plain functions turning plans, activities, sessions, tasks, units and people into JSON-ready dicts.

The plan and activity shapes are the parse schema's (../shared/eval/SCHEMA.md): the API and the plan's JSON
export both use these functions, so a parsed document, the API and the export speak the same language.
Every function reads only prefetched relations (see activities.selectors.with_details): no query per object.
Lights are read from the `light` annotation of supervision.status (SQL), never worked out here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone

from tongxin.activities.models import Activity, Session, TimeWindow
from tongxin.activities.selectors import roles_of
from tongxin.orgs.models import Organisation, Person
from tongxin.orgs.selectors_contacts import person_contact
from tongxin.plans.models import Plan, PlanSection
from tongxin.supervision import status
from tongxin.supervision.models import Task


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _or_none(text: str | None) -> str | None:
    return text or None


def _moment(value: dt.datetime | None) -> str | None:
    # Local time with its offset, to the second: what the pages show, unambiguous for a program.
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _light(obj) -> dict:
    """`light` must come from status.annotate_tasks / annotate_activities on the queryset."""
    return {"light": obj.light, "light_label": str(status.LABELS[obj.light])}


def window_to_dict(window: TimeWindow) -> dict:
    return {
        "start": _iso(window.start),
        "end": _iso(window.end),
        "text": _or_none(window.text),
        "tentative": window.tentative,
        "approximate": window.approximate,
    }


def session_to_dict(session: Session) -> dict:
    return {
        "id": session.pk,
        "title": session.title,
        "start": _iso(session.start),
        "end": _iso(session.end),
        "place": _or_none(session.place),
    }


def session_detail_to_dict(session: Session) -> dict:
    """A session on its own (/api/sessions): also which activity it belongs to and whether it was held."""
    return {**session_to_dict(session), "activity_id": session.activity_id, "state": session.state}


def _role_names(assignments) -> list[str]:
    # The schema writes names as the plan does; an activity entered in the app has no written form.
    return [a.name_as_written or a.holder_name for a in assignments]


def activity_to_dict(activity: Activity) -> dict:
    roles = roles_of(activity)
    recurrence = None
    if activity.recurrence_text or activity.recurrence_months:
        recurrence = {"every_months": activity.recurrence_months, "text": _or_none(activity.recurrence_text)}
    return {
        "id": activity.pk,
        "number": _or_none(activity.number),
        "title": activity.title,
        "components": list(activity.kinds),
        "windows": [window_to_dict(w) for w in activity.windows.all()],
        "recurrence": recurrence,
        # A cancelled session is no longer part of the programme; /api/sessions still lists it with its state.
        "sessions": [session_to_dict(s) for s in activity.sessions.all() if s.state != Session.State.CANCELLED],
        "phases": [p.name for p in activity.phases.all()],
        "places": list(activity.places),
        "place_pending": activity.place_pending,
        "participants": list(activity.participants),
        "lead_leaders": _role_names(roles["lead"]),
        "responsible": _role_names(roles["responsible"]),
        "cooperating": _role_names(roles["cooperating"]),
        "origin": activity.origin,
        "state": activity.state,
        # Beyond the parse schema: the supervision light over all the activity's tasks.
        **_light(activity),
    }


def activity_detail_to_dict(activity: Activity) -> dict:
    """An activity on its own (/api/activities): also which plan it belongs to."""
    return {**activity_to_dict(activity), "plan_id": activity.plan_id}


def plan_to_dict(plan: Plan, *, activity_count: int) -> dict:
    return {
        "id": plan.pk,
        "title": plan.title,
        "year": plan.year,
        "issuer": _or_none(plan.issuer),
        "status": plan.status,
        "activity_count": activity_count,
        "url": reverse("api:plan", args=[plan.pk]),
    }


def plan_detail_to_dict(plan: Plan, activities: Iterable[Activity]) -> dict:
    """The plan with its structure and the given activities (already limited to what the reader may see)."""
    sections = list(plan.sections.all())
    reporting = None
    if plan.reporting_to or plan.reporting_text:
        reporting = {"to": _or_none(plan.reporting_to), "text": _or_none(plan.reporting_text)}
    return {
        "id": plan.pk,
        "title": plan.title,
        "year": plan.year,
        "issuer": _or_none(plan.issuer),
        "status": plan.status,
        "sections": [_heading(s) for s in sections if s.kind == PlanSection.Kind.SECTION],
        "requirements": [_heading(s) for s in sections if s.kind == PlanSection.Kind.REQUIREMENT],
        "reporting": reporting,
        "contacts": [
            {"name": c.name, "phones": list(c.phones), "fax": _or_none(c.fax), "email": _or_none(c.email)}
            for c in plan.contacts.all()
        ],
        "activities": [activity_to_dict(a) for a in activities],
    }


def _heading(section: PlanSection) -> dict:
    return {"number": _or_none(section.number), "title": section.title}


def task_to_dict(task: Task) -> dict:
    """A task with its light; reads owner_org and owner_user, which the caller selects with it."""
    return {
        "id": task.pk,
        "activity_id": task.activity_id,
        "session_id": task.session_id,
        "kind": task.kind,
        "title": task.title,
        "owner_org": task.owner_org.name,
        "owner_org_id": task.owner_org_id,
        "owner_user": task.owner_user.label if task.owner_user_id else None,
        "due": _iso(task.due),
        "original_due": _iso(task.original_due),
        "state": task.state,
        **_light(task),
        "done_at": _moment(task.done_at),
        "last_urged_at": _moment(task.last_urged_at),
        "escalated_at": _moment(task.escalated_at),
        "url": reverse("api:task", args=[task.pk]),
    }


def organisation_to_dict(org: Organisation) -> dict:
    # `members` and `parent` come from organisations_list's prefetch and select_related: no query per unit.
    return {
        "id": org.pk,
        "name": org.name,
        "short_name": _or_none(org.short_name),
        "kind": org.kind,
        "type": org.type,
        "type_label": org.get_type_display(),
        "is_placeholder": org.is_placeholder,
        "is_active": org.is_active,
        "member_count": org.member_count,
        "parent_id": org.parent_id,
        "parent": org.parent.name if org.parent_id else None,
        "members": [{"id": m.pk, "name": m.name} for m in org.members.all()],
        "aliases": [a.name for a in org.aliases.all()],
    }


def person_to_dict(person: Person, user=None) -> dict:
    """Phone and ID number in full only for those allowed (orgs.view_contact), masked for everyone else."""
    return {
        "id": person.pk,
        "name": person.name,
        "kind": person.kind,
        "category": _or_none(person.category),
        "title": _or_none(person.title),
        "organisation_id": person.organisation_id,
        "phone": _or_none(person_contact(user, person, "phone")),
        "id_number": _or_none(person_contact(user, person, "id_number")),
    }

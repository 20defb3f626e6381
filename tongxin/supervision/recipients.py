"""Who hears about what: the people behind a unit, a department, an activity's lead leaders."""

from __future__ import annotations

from tongxin.accounts.models import User


def unit_users(org) -> list[User]:
    return list(User.objects.filter(organisation=org, is_active=True))


def department_admins() -> list[User]:
    return list(User.objects.filter(role=User.Role.ADMIN, is_active=True))


def lead_leader_users(activity) -> list[User]:
    person_ids = [a.person_id for a in activity.assignments.all() if a.role == "lead" and a.person_id]
    return list(User.objects.filter(person_id__in=person_ids, is_active=True))

"""Who may see and change an activity: decided here and nowhere else."""

from __future__ import annotations

import rules

from tongxin.accounts.rules import is_admin, is_unit_member, sees_everything
from tongxin.orgs.selectors import user_unit_ids


@rules.predicate
def belongs_to_users_unit(user, activity) -> bool:
    if activity is None or not user.organisation_id:
        return False
    units = user_unit_ids(user)
    if activity.owner_org_id in units:
        return True
    return any(a.organisation_id in units for a in activity.assignments.all())


@rules.predicate
def is_lead_leader_of(user, activity) -> bool:
    if activity is None or not user.person_id:
        return False
    return any(a.role == "lead" and a.person_id == user.person_id for a in activity.assignments.all())


@rules.predicate
def is_responsible_unit_of(user, activity) -> bool:
    """The unit that owns the activity (责任单位, or the unit of a 自选动作) — not a cooperating unit."""
    if activity is None or not user.organisation_id:
        return False
    units = user_unit_ids(user)
    if activity.owner_org_id in units:
        return True
    return any(a.role == "responsible" and a.organisation_id in units for a in activity.assignments.all())


@rules.predicate
def is_published(user, activity) -> bool:
    return activity is not None and activity.plan.status == "published"


can_view = is_admin | (is_published & (sees_everything | belongs_to_users_unit))
# A unit edits the activities it owns or helps with; leaders and viewers read only.
can_edit = is_admin | (is_published & is_unit_member & belongs_to_users_unit)

# Editing after publishing. The department edits everything: title, windows, owners, kinds, phases. The responsible
# unit runs the activity, so it fixes what it learns on the ground: the place (ending 地点待定) and the sessions
# (date and time, place, speakers and guests, participants; add, cancel). Cooperating units, leaders and viewers
# read only (403); anyone who cannot see the activity gets 404 before any rule is asked.
can_edit_all = is_admin
can_edit_sessions = is_admin | (is_published & is_unit_member & is_responsible_unit_of)

rules.add_perm("activities.view_activity", can_view)
rules.add_perm("activities.edit_activity", can_edit_all)
rules.add_perm("activities.edit_sessions", can_edit_sessions)
rules.add_perm("activities.change_activity", can_edit)
rules.add_perm("activities.add_own_activity", is_admin | is_unit_member)

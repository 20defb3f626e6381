"""Who may change what in field work. Seeing is decided by selectors (a unit sees only its own rows: 404 otherwise);
changing by these predicates (a visible row one may not change: 403)."""

from __future__ import annotations

import rules

from tongxin.accounts.rules import holds_object_role, is_admin, is_unit_member
from tongxin.orgs.selectors import user_unit_ids


def _unit_of(obj) -> int | None:
    """The unit responsible for a pairing, visit, household, venue, problem or check item."""
    for path in ("unit_id", "venue.unit_id", "household.unit_id", "pairing.unit_id"):
        target = obj
        for part in path.split("."):
            target = getattr(target, part, None)
            if target is None:
                break
        if target is not None:
            return target
    return None


@rules.predicate
def is_responsible_unit(user, obj) -> bool:
    """The user's unit (or a parent of it) is the object's responsible unit."""
    unit = _unit_of(obj) if obj is not None else None
    return bool(unit and user.organisation_id and unit in user_unit_ids(user))


@rules.predicate
def is_pair_leader(user, obj) -> bool:
    """The paired leader logs his own visits."""
    pairing = obj if hasattr(obj, "figure_id") else getattr(obj, "pairing", None)
    return bool(pairing and user.person_id and pairing.leader_id == user.person_id)


@rules.predicate
def is_follow_up_unit(user, opinion) -> bool:
    task = getattr(opinion, "task", None)
    return bool(task and user.organisation_id and task.owner_org_id in user_unit_ids(user))


can_work = is_admin | (is_unit_member & is_responsible_unit)
# Roles on a venue are rows (accounts.ObjectRole): its staff do the venue's part (checklist, rectification) on a phone;
# an inspector records inspections. Neither reviews (销号/退回): that stays with the supervising unit.
VENUE_STAFF, INSPECTOR = "venue_staff", "inspector"

rules.add_perm("fieldwork.log_visit", can_work | is_pair_leader)
rules.add_perm("fieldwork.follow_up", can_work)  # turn an opinion into a task, confirm or return its result
rules.add_perm("fieldwork.feed_back", is_admin | is_follow_up_unit)
rules.add_perm("fieldwork.change_household", can_work)
rules.add_perm("fieldwork.change_venue", can_work | holds_object_role(VENUE_STAFF))  # checklist, rectifications
rules.add_perm("fieldwork.inspect_venue", can_work | holds_object_role(INSPECTOR))
rules.add_perm("fieldwork.review_problem", is_admin | (is_unit_member & is_responsible_unit))
rules.add_perm("fieldwork.manage_campaign", is_admin)  # phases, gates, imports
rules.add_perm("fieldwork.see_personal", is_responsible_unit)  # full ID numbers and phones

"""Who may do what in supervision: units report, the department reviews, lead leaders decide."""

from __future__ import annotations

import rules

from tongxin.accounts.rules import is_admin, is_unit_member
from tongxin.activities.rules import belongs_to_users_unit, can_view, is_lead_leader_of


def _activity(obj):
    return getattr(obj, "activity", obj)


@rules.predicate
def unit_of(user, obj) -> bool:
    return obj is not None and belongs_to_users_unit(user, _activity(obj))


@rules.predicate
def leads(user, obj) -> bool:
    return obj is not None and is_lead_leader_of(user, _activity(obj))


@rules.predicate
def has_no_lead_leader(user, obj) -> bool:
    act = _activity(obj)
    return act is not None and not any(a.role == "lead" for a in act.assignments.all())


@rules.predicate
def sees(user, obj) -> bool:
    return obj is not None and can_view(user, _activity(obj))


rules.add_perm("supervision.view", sees)
rules.add_perm("supervision.report", is_admin | (is_unit_member & unit_of))
rules.add_perm("supervision.review_report", is_admin)
rules.add_perm("supervision.request_approval", is_admin | (is_unit_member & unit_of))
# A 请示 or 延期申请 is decided by the activity's lead leader; where the plan names none, by the department.
rules.add_perm("supervision.decide_approval", leads | (is_admin & has_no_lead_leader))
rules.add_perm("supervision.acknowledge_filing", leads | is_admin)
rules.add_perm("supervision.urge", is_admin | leads)
rules.add_perm("supervision.manage_tasks", is_admin)

"""Who may download a plan's ledger (台账) and compose its work bulletin (工作简报)."""

from __future__ import annotations

import rules

from tongxin.accounts.rules import is_unit_member, sees_everything


@rules.predicate
def has_part_in_plan(user, plan) -> bool:
    """A unit with at least one activity of the plan it may see; a unit with none is an outsider to the plan."""
    from tongxin.activities.selectors import activities_visible_to

    return plan is not None and activities_visible_to(user).filter(plan=plan).exists()


# Department-wide readers get the whole plan; a unit gets only its own rows (see selectors.ledger_units).
rules.add_perm("reports.view_ledger", sees_everything | (is_unit_member & has_part_in_plan))
# The bulletin speaks for the department: composed by those who see the whole programme.
rules.add_perm("reports.make_bulletin", sees_everything)

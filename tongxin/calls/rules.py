"""Who may do what with a call: the department manages, a call's reviewers review."""

from __future__ import annotations

import rules

from tongxin.accounts.rules import is_admin
from tongxin.accounts.selectors import has_object_role
from tongxin.calls.selectors import REVIEWER


@rules.predicate
def is_reviewer_of(user, call) -> bool:
    return has_object_role(user, REVIEWER, call)


rules.add_perm("calls.manage_call", is_admin)
rules.add_perm("calls.review_call", is_reviewer_of)

"""Role predicates; object rules in each app build on these."""

from __future__ import annotations

import rules

from tongxin.accounts.models import User

Role = User.Role


@rules.predicate
def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and (user.role == Role.ADMIN or user.is_superuser))


@rules.predicate
def is_leader(user) -> bool:
    return bool(user and user.is_authenticated and user.role == Role.LEADER)


@rules.predicate
def is_viewer(user) -> bool:
    return bool(user and user.is_authenticated and user.role == Role.VIEWER)


@rules.predicate
def is_unit_member(user) -> bool:
    return bool(user and user.is_authenticated and user.role in (Role.UNIT, Role.MEMBER_ORG))


# Department-wide readers see every published plan; units and member organisations see their own part.
sees_everything = is_admin | is_leader | is_viewer

rules.add_perm("accounts.manage", is_admin)


def holds_object_role(role: str) -> rules.Predicate:
    """A predicate for a module's rules: `is_admin | holds_object_role("reviewer")` on its object."""
    from tongxin.accounts.selectors import has_object_role

    @rules.predicate(name=f"holds_object_role:{role}")
    def _holds(user, obj) -> bool:
        return has_object_role(user, role, obj)

    return _holds

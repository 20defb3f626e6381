"""Roles on objects as rows: a reviewer of this call, an inspector of this venue — not new values of User.role.

Personas: admin grants; dangwai (an account) and a person without an account hold roles; zongjiao holds none."""

from __future__ import annotations

import pytest

from tests.factories import PersonFactory
from tongxin.accounts.models import ObjectRole
from tongxin.accounts.rules import holds_object_role, is_admin
from tongxin.accounts.selectors import has_object_role, object_roles_of
from tongxin.accounts.services import AccountError, object_role_grant, object_role_revoke
from tongxin.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_grant_is_idempotent_and_revoke_removes_it(people, programme):
    act = programme["a"]
    first = object_role_grant(actor=people["admin"], role="reviewer", target=act, user=people["dangwai"])
    again = object_role_grant(actor=people["admin"], role="reviewer", target=act, user=people["dangwai"])
    assert first.pk == again.pk and first.granted_by == people["admin"]
    assert has_object_role(people["dangwai"], "reviewer", act) is True
    assert has_object_role(people["dangwai"], "judge", act) is False
    assert has_object_role(people["zongjiao"], "reviewer", act) is False
    assert has_object_role(people["dangwai"], "reviewer", programme["b"]) is False
    assert object_role_revoke(actor=people["admin"], role="reviewer", target=act, user=people["dangwai"]) == 1
    assert has_object_role(people["dangwai"], "reviewer", act) is False
    assert [e.action for e in AuditEntry.objects.order_by("id")] == ["object_role.grant", "object_role.revoke"]


def test_a_person_holds_a_role_and_their_account_inherits_it(people, programme, leaders):
    object_role_grant(actor=people["admin"], role="judge", target=programme["b"], person=leaders["zhang"])
    # 张圣合's account stands for the person, so it holds the person's roles.
    assert has_object_role(people["zhang"], "judge", programme["b"]) is True
    outsider = PersonFactory(name="评委甲", kind="figure")
    object_role_grant(actor=people["admin"], role="judge", target=programme["b"], person=outsider)
    assert sorted(str(r.person) for r in object_roles_of(programme["b"], "judge")) == ["张圣合", "评委甲"]


def test_a_role_needs_exactly_one_holder(people, programme, leaders):
    with pytest.raises(AccountError, match="二选一"):
        object_role_grant(actor=people["admin"], role="reviewer", target=programme["a"])
    with pytest.raises(AccountError, match="二选一"):
        object_role_grant(
            actor=people["admin"], role="reviewer", target=programme["a"], user=people["dangwai"], person=leaders["wu"]
        )
    assert ObjectRole.objects.count() == 0


def test_modules_build_rules_from_the_predicate(people, programme):
    can_review = is_admin | holds_object_role("inspector")
    object_role_grant(actor=people["admin"], role="inspector", target=programme["c"], user=people["zongjiao"])
    assert can_review(people["zongjiao"], programme["c"]) is True
    assert can_review(people["qiaolian"], programme["c"]) is False
    assert can_review(people["admin"], programme["c"]) is True

"""Who may manage the directory, and who sees a person's full phone and ID numbers."""

from __future__ import annotations

import rules

from tongxin.accounts.rules import is_admin
from tongxin.orgs.selectors import user_unit_ids


@rules.predicate
def is_in_persons_unit(user, person) -> bool:
    """The person's own unit (or the person themself) needs their numbers; nobody else does."""
    if person is None or not (user and user.is_authenticated):
        return False
    if user.person_id and user.person_id == person.pk:
        return True
    return bool(person.organisation_id and user.organisation_id and person.organisation_id in user_unit_ids(user))


can_see_contact = is_admin | is_in_persons_unit

rules.add_perm("orgs.manage", is_admin)
rules.add_perm("orgs.view_contact", can_see_contact)

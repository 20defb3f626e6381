"""One place that decides how a person's phone or ID number is shown: lists, detail pages, exports and the API."""

from __future__ import annotations

from tongxin.orgs.contacts import mask_id_number, mask_phone
from tongxin.orgs.models import Person

_MASKS = {"phone": mask_phone, "id_number": mask_id_number}


def person_contact(user, person: Person, field: str = "phone") -> str:
    """The value in full if `user` may see it (the department admin, the person's own unit), otherwise masked."""
    value = getattr(person, field, "") or ""
    if not value:
        return ""
    if user is not None and user.has_perm("orgs.view_contact", person):
        return value
    return _MASKS[field](value)

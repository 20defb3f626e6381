"""Reading organisations and people."""

from __future__ import annotations

from django.db.models import QuerySet

from tongxin.orgs.models import Organisation, Person


def org_with_descendants_ids(org: Organisation | int | None) -> set[int]:
    """The unit (an object or its id) and every unit under it: a section member also owns what is assigned to the
    section's sub-units."""
    root = getattr(org, "pk", org)
    if root is None:
        return set()
    ids = {root}
    frontier = {root}
    while frontier:
        frontier = set(Organisation.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


def user_unit_ids(user) -> set[int]:
    """The signed-in person's unit and its sub-units, worked out once per request (rules ask for it per object)."""
    cached = getattr(user, "_tongxin_unit_ids", None)
    if cached is None or cached[0] != user.organisation_id:
        cached = (user.organisation_id, org_with_descendants_ids(user.organisation_id))
        user._tongxin_unit_ids = cached
    return cached[1]


def organisations_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("parent").prefetch_related("aliases")


def people_list() -> QuerySet[Person]:
    return Person.objects.select_related("organisation")

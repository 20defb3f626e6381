"""Reading organisations and people."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from tongxin.orgs.models import Organisation, Person


def org_with_descendants_ids(org: Organisation | None) -> set[int]:
    """The unit and every unit under it: a section member also owns what is assigned to the section's sub-units."""
    if org is None:
        return set()
    ids = {org.pk}
    frontier = {org.pk}
    while frontier:
        frontier = set(Organisation.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


def organisation_find(name: str) -> Organisation | None:
    """A unit by its name or one of its aliases."""
    return Organisation.objects.filter(Q(name=name) | Q(aliases__name=name)).distinct().first()


def organisations_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("parent").prefetch_related("aliases")


def people_list() -> QuerySet[Person]:
    return Person.objects.select_related("organisation")

"""Reading organisations and people: unit trees, the directory lists, and who may see contact details."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

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


def collectives_of(unit_ids: set[int]) -> set[int]:
    """The collectives (部机关各科室) any of these units belongs to."""
    if not unit_ids:
        return set()
    return set(Organisation.objects.filter(members__in=unit_ids).values_list("pk", flat=True))


def user_unit_ids(user) -> set[int]:
    """The signed-in person's unit, its sub-units and the collectives they belong to, worked out once per request
    (rules ask for it per object). Work assigned to a collective is each member unit's own."""
    cached = getattr(user, "_tongxin_unit_ids", None)
    if cached is None or cached[0] != user.organisation_id:
        own = org_with_descendants_ids(user.organisation_id)
        cached = (user.organisation_id, own | collectives_of(own))
        user._tongxin_unit_ids = cached
    return cached[1]


def filter_units(qs: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Units that may be offered as a filter option: never a placeholder such as 各有关单位."""
    return qs.exclude(kind=Organisation.Kind.PLACEHOLDER)


def organisations_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("parent").prefetch_related("aliases", "members")


def organisations_search(*, q: str = "", kind: str = "", type: str = "", active: str = "") -> QuerySet[Organisation]:
    qs = organisations_list().annotate(people_count=Count("people", distinct=True))
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(aliases__name__icontains=q)).distinct()
    if kind:
        qs = qs.filter(kind=kind)
    if type:
        qs = qs.filter(type=type)
    if active in ("1", "0"):
        qs = qs.filter(is_active=active == "1")
    return qs.order_by("-is_active", "sort_order", "name")


def people_list() -> QuerySet[Person]:
    return Person.objects.select_related("organisation")


def people_search(
    *, q: str = "", organisation_id: int | None = None, category: str = "", kind: str = ""
) -> QuerySet[Person]:
    qs = people_list()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(title__icontains=q) | Q(organisation__name__icontains=q))
    if organisation_id:
        qs = qs.filter(organisation_id__in=org_with_descendants_ids(organisation_id))
    if category:
        qs = qs.filter(category=category)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("organisation__sort_order", "organisation__name", "kind", "name", "id")

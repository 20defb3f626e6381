"""Finding or creating the units and leaders a plan names, honouring reviewer merges and the aliases on record."""

from __future__ import annotations

from tongxin.audit.services import audit_record
from tongxin.orgs.models import Organisation, OrganisationAlias, Person
from tongxin.orgs.naming import guess_kind, guess_type

__all__ = ["OrgResolver", "guess_kind", "find_unit"]


def find_unit(name: str) -> Organisation | None:
    """The unit called `name`, by its own name or one of its aliases (so a re-import finds a merged or mapped unit)."""
    org = Organisation.objects.filter(name=name).first()
    if org is None:
        alias = OrganisationAlias.objects.select_related("organisation").filter(name=name).first()
        org = alias.organisation if alias else None
    return org


class OrgResolver:
    """Resolves names in one import to units and people, creating what is new and honouring reviewer merges.

    `merges` maps a name as written to the name of the unit it is the same as: the written name becomes an alias.
    """

    def __init__(self, merges: dict[str, str], *, actor):
        self.merges = {k: v for k, v in merges.items() if k and v and k != v}
        self.actor = actor
        self._units: dict[str, Organisation] = {}
        self._people: dict[str, Person] = {}

    def unit(self, name: str) -> Organisation:
        name = name.strip()
        if name in self._units:
            return self._units[name]
        canonical = self.merges.get(name, name)
        org = find_unit(canonical) or self._create(canonical)
        if canonical != name and not OrganisationAlias.objects.filter(name=name).exists():
            OrganisationAlias.objects.create(organisation=org, name=name)
            audit_record(
                actor=self.actor, action="org.alias", target=org, summary=f"将“{name}”合并为“{org.name}”的别名"
            )
        self._units[name] = org
        return org

    def leader(self, name: str) -> Person:
        name = name.strip()
        if name not in self._people:
            person, created = Person.objects.get_or_create(name=name, kind=Person.Kind.LEADER)
            if created:
                audit_record(actor=self.actor, action="person.create", target=person, summary=f"新增领导“{name}”")
            self._people[name] = person
        return self._people[name]

    def _create(self, name: str) -> Organisation:
        kind = guess_kind(name)
        org = Organisation.objects.create(name=name[:200], kind=kind, type=guess_type(name, kind))
        audit_record(actor=self.actor, action="org.create", target=org, summary=f"新增单位“{org.name}”")
        return org

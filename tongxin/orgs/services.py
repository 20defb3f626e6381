"""Writes for organisations and people: finding or creating the units and leaders a plan names."""

from __future__ import annotations

import re

from tongxin.audit.services import audit_record
from tongxin.orgs.models import Organisation, OrganisationAlias, Person

_MEMBER_HINTS = (
    "民主党派",
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工党",
    "致公党",
    "九三学社",
    "台盟",
    "工商联",
    "联谊会",
    "侨联",
    "知联会",
    "新联会",
    "海联会",
    "商会",
    "协会",
)


def guess_kind(name: str) -> str:
    """A first guess at what kind of unit a name is; an administrator can correct it."""
    if name.startswith(("有关", "相关", "全体")) or "各" in name:
        return Organisation.Kind.COLLECTIVE
    # A section's own name may mention member organisations (党外干部和民主党派科), so the suffix decides first.
    if re.search(r"(科|室|中心|支队)$", name) and not name.startswith(("市", "省", "县", "区")):
        return Organisation.Kind.SECTION
    if any(h in name for h in _MEMBER_HINTS):
        return Organisation.Kind.MEMBER
    return Organisation.Kind.UNIT


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
        org = self._find(canonical) or self._create(canonical)
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

    def _find(self, name: str) -> Organisation | None:
        org = Organisation.objects.filter(name=name).first()
        if org is None:
            alias = OrganisationAlias.objects.select_related("organisation").filter(name=name).first()
            org = alias.organisation if alias else None
        return org

    def _create(self, name: str) -> Organisation:
        org = Organisation.objects.create(name=name[:200], kind=guess_kind(name))
        audit_record(actor=self.actor, action="org.create", target=org, summary=f"新增单位“{org.name}”")
        return org

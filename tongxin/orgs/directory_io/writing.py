"""Writing a checked 通讯录 file: all of it in one transaction, in bulk, so 2,000 rows take seconds, not minutes.

Accounts are created without a usable password (each person sets one through an invite link), or with one shared
initial password hashed once and changed at first sign-in: hashing 2,000 passwords one by one would take minutes."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from tongxin.accounts.models import User
from tongxin.audit.services import audit_record
from tongxin.core import clock
from tongxin.orgs.directory_io.checking import CATEGORY_WORDS, KIND_WORDS, TYPE_WORDS, Checked, _split
from tongxin.orgs.models import Organisation, OrganisationAlias, Person
from tongxin.orgs.naming import guess_kind, guess_type

_TYPE_TO_KIND = {
    "department": "department",
    "section": "section",
    "party": "member",
    "group": "member",
    "collective": "collective",
}


@dataclass
class Outcome:
    units_created: int = 0
    units_updated: int = 0
    people_created: int = 0
    people_updated: int = 0
    accounts_created: int = 0
    # New accounts waiting for their one-time link (no initial password): the screen and the command hand them out.
    invited: list = field(default_factory=list)
    accounts_updated: int = 0

    def summary(self) -> str:
        return (
            f"单位新增 {self.units_created}、更新 {self.units_updated}；人员新增 {self.people_created}、更新 "
            f"{self.people_updated}；账号新增 {self.accounts_created}、更新 {self.accounts_updated}"
        )


def apply(checked: Checked, *, actor, initial_password: str = "") -> Outcome:
    if not checked.ok:
        raise ValueError("a file with problems is never written")
    out = Outcome()
    with transaction.atomic():
        units = _write_units(checked, out)
        people = _write_people(checked, units, out)
        _write_accounts(checked, units, people, out, actor=actor, initial_password=initial_password)
        target = next(iter(units.values()), None) or next(iter(people.values()), None)
        if target is not None:
            audit_record(actor=actor, action="directory.import", target=target, summary=f"导入通讯录：{out.summary()}")
    return out


def _unit_fields(v: dict[str, str], name: str) -> dict:
    fields = {}
    for key in ("short_name", "contact_name", "contact_phone"):
        if v.get(key):
            fields[key] = v[key]
    for key in ("member_count", "sort_order"):
        if v.get(key):
            fields[key] = int(v[key])
    if v.get("type"):
        fields["type"] = TYPE_WORDS[v["type"]]
        fields["kind"] = _TYPE_TO_KIND.get(fields["type"], "unit")
    return fields


def _write_units(checked: Checked, out: Outcome) -> dict[str, Organisation]:
    known = dict(checked.known_units)
    new, changed = [], []
    for r in checked.units:
        name = r.values["name"].strip()
        fields = _unit_fields(r.values, name)
        org = known.get(name)
        if org is None:
            kind = fields.pop("kind", None) or guess_kind(name)
            org = Organisation(name=name, kind=kind, type=fields.pop("type", None) or guess_type(name, kind), **fields)
            new.append(org)
            known[name] = org
        elif fields:
            for k, val in fields.items():
                setattr(org, k, val)
            changed.append(org)
    Organisation.objects.bulk_create(new, batch_size=500)
    if changed:
        Organisation.objects.bulk_update(
            changed,
            ["short_name", "contact_name", "contact_phone", "member_count", "sort_order", "type", "kind"],
            batch_size=500,
        )
    out.units_created, out.units_updated = len(new), len(changed)
    _write_unit_links(checked, known)
    return known


def _write_unit_links(checked: Checked, known: dict[str, Organisation]) -> None:
    """Parents, aliases and collectives' members, once every unit has its id."""
    moved, aliases, links = [], [], []
    have_alias = set(OrganisationAlias.objects.values_list("name", flat=True))
    through = Organisation.members.through
    for r in checked.units:
        org = known[r.values["name"].strip()]
        if parent := r.values.get("parent", "").strip():
            org.parent = known[parent]
            moved.append(org)
        for alias in _split(r.values.get("aliases", "")):
            if alias not in have_alias and alias != org.name:
                aliases.append(OrganisationAlias(organisation=org, name=alias))
                have_alias.add(alias)
        members = [known[m] for m in _split(r.values.get("members", ""))]
        if members:
            links += [through(from_organisation_id=org.pk, to_organisation_id=m.pk) for m in members]
            if org.kind != "collective":
                org.kind, org.type = "collective", "collective"
                moved.append(org)
    Organisation.objects.bulk_update(moved, ["parent", "kind", "type"], batch_size=500)
    OrganisationAlias.objects.bulk_create(aliases, batch_size=500)
    through.objects.bulk_create(links, batch_size=500, ignore_conflicts=True)


def _person_fields(v: dict[str, str], units: dict[str, Organisation]) -> dict:
    fields = {k: v[k] for k in ("title", "gender", "party", "phone", "id_number", "email") if v.get(k)}
    if org := v.get("organisation", "").strip():
        fields["organisation"] = units[org]
    if v.get("category"):
        fields["category"] = CATEGORY_WORDS[v["category"]]
    if v.get("kind"):
        fields["kind"] = KIND_WORDS[v["kind"]]
    return fields


def _write_people(checked: Checked, units: dict[str, Organisation], out: Outcome) -> dict[tuple[str, str], Person]:
    rows = checked.people
    ids = {r.values["id_number"] for r in rows if r.values.get("id_number")}
    phones = {r.values["phone"] for r in rows if r.values.get("phone")}
    names = {r.values["name"].strip() for r in rows}
    by_id = {p.id_number: p for p in Person.objects.filter(id_number__in=ids)} if ids else {}
    by_phone = {p.phone: p for p in Person.objects.filter(phone__in=phones)} if phones else {}
    by_name = {(p.name, p.organisation_id): p for p in Person.objects.filter(name__in=names).exclude(kind="leader")}
    # Leaders are known by name alone (the plans name them so): a leader's row updates the leader on record.
    leaders = {p.name: p for p in Person.objects.filter(name__in=names, kind="leader")}
    new, changed, result = [], [], {}
    for r in rows:
        v = r.values
        name = v["name"].strip()
        fields = _person_fields(v, units)
        org = fields.get("organisation")
        person = (
            by_id.get(v.get("id_number"))
            or by_phone.get(v.get("phone"))
            or by_name.get((name, getattr(org, "pk", None)))
            or (leaders.get(name) if fields.get("kind", "leader" if org is None else "") == "leader" else None)
        )
        if person is None:
            kind = fields.pop("kind", None) or ("figure" if fields.get("category") else "staff")
            person = Person(name=name, kind=kind, **fields)
            new.append(person)
            if kind == "leader":
                leaders[name] = person
        else:
            for k, val in fields.items():
                setattr(person, k, val)
            changed.append(person)
        result[(name, getattr(org, "name", ""))] = person
    Person.objects.bulk_create(new, batch_size=500)
    fields = ["title", "gender", "party", "phone", "id_number", "email", "organisation", "category", "kind"]
    Person.objects.bulk_update(changed, fields, batch_size=500)
    out.people_created, out.people_updated = len(new), len(changed)
    return result


def _write_accounts(checked, units, people, out: Outcome, *, actor, initial_password: str) -> None:
    rows = checked.accounts
    existing = {
        u.username.lower(): u for u in User.objects.filter(username__in=[r.values["username"].strip() for r in rows])
    }
    # One hash for the shared initial password (it must be changed at first sign-in), not one per account.
    shared = make_password(initial_password) if initial_password else None
    taken_people = set(User.objects.filter(person__isnull=False).values_list("person_id", flat=True))
    new, changed = [], []
    for r in rows:
        v = r.values
        username = v["username"].strip()
        org = units.get(v.get("organisation", "").strip())
        person = people.get((v.get("display_name", "").strip(), getattr(org, "name", "")))
        user = existing.get(username.lower())
        if user is None:
            user = User(
                username=username,
                role=v["role"],
                organisation=org,
                display_name=v.get("display_name", ""),
                phone=v.get("phone", ""),
                email=v.get("email", ""),
                date_joined=clock.now(),
            )
            user.password = shared or make_password(None)
            user.must_change_password = bool(shared)
            user.invited_at = None if shared else clock.now()
            if person is not None and person.pk not in taken_people:
                user.person = person
                taken_people.add(person.pk)
            new.append(user)
        else:
            user.role, user.organisation = v["role"], org or user.organisation
            user.display_name = v.get("display_name") or user.display_name
            changed.append(user)
    User.objects.bulk_create(new, batch_size=500)
    User.objects.bulk_update(changed, ["role", "organisation", "display_name"], batch_size=500)
    out.accounts_created, out.accounts_updated = len(new), len(changed)
    out.invited = [u for u in new if not shared]

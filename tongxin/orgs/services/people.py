"""People in the directory: leaders, staff and the non-Party figures the department works with."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from tongxin.audit.services import audit_record
from tongxin.orgs.contacts import id_number_problem, normalise_id_number, normalise_phone, phone_problem
from tongxin.orgs.models import Organisation, Person
from tongxin.orgs.services.units import OrgError

EDITABLE = ("name", "title", "kind", "category", "gender", "party", "organisation", "phone", "id_number", "email")
# Contact details are recorded as changed, never with their values: the audit log is read more widely.
_SECRET = {"phone", "id_number"}


def _check(person: Person) -> None:
    person.name = person.name.strip()
    person.phone = normalise_phone(person.phone)
    person.id_number = normalise_id_number(person.id_number)
    problems = [p for p in (phone_problem(person.phone), id_number_problem(person.id_number)) if p]
    if not person.name:
        problems.insert(0, "请填写姓名")
    if problems:
        raise OrgError("；".join(problems) + "。")
    if person.kind == Person.Kind.LEADER and (
        Person.objects.filter(name=person.name, kind=Person.Kind.LEADER).exclude(pk=person.pk).exists()
    ):
        raise OrgError(f"已有名为“{person.name}”的领导。")
    try:
        person.full_clean(exclude=["organisation"], validate_constraints=False)
    except ValidationError as exc:
        raise OrgError("；".join(str(m) for msgs in exc.message_dict.values() for m in msgs)) from exc


@transaction.atomic
def person_create(*, actor, name: str, organisation: Organisation | None = None, **fields) -> Person:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise OrgError(f"不能设置这些字段：{', '.join(sorted(unknown))}")
    person = Person(name=name, organisation=organisation, **fields)
    _check(person)
    person.save()
    audit_record(actor=actor, action="person.create", target=person, summary=f"新增人员“{person.name}”")
    return person


@transaction.atomic
def person_update(*, actor, person: Person, **changes) -> Person:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise OrgError(f"不能修改这些字段：{', '.join(sorted(unknown))}")
    before = {k: getattr(person, k) for k in changes}
    for key, value in changes.items():
        setattr(person, key, value)
    _check(person)
    person.save()
    changed = [k for k in changes if before[k] != getattr(person, k)]
    if changed:
        audit_record(
            actor=actor,
            action="person.update",
            target=person,
            summary=f"修改人员“{person.name}”："
            + "、".join(str(Person._meta.get_field(k).verbose_name) for k in changed),
            changes={k: ("（已修改）" if k in _SECRET else [before[k], getattr(person, k)]) for k in changed},
        )
    return person

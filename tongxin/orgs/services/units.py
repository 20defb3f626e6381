"""Units on the directory screens: create, edit, move in the hierarchy, merge, map a collective, deactivate."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tongxin.audit.services import audit_record
from tongxin.orgs.models import Organisation, OrganisationAlias
from tongxin.orgs.naming import guess_kind, guess_type
from tongxin.orgs.selectors import org_with_descendants_ids

EDITABLE = (
    "name",
    "short_name",
    "kind",
    "type",
    "member_count",
    "contact_name",
    "contact_phone",
    "sort_order",
)


class OrgError(Exception):
    """A change to the directory that cannot be made, with the reason in Chinese."""


def _clean_aliases(org: Organisation | None, aliases: list[str]) -> list[str]:
    names = []
    for raw in aliases:
        name = raw.strip()
        if not name or name in names or (org and name == org.name):
            continue
        taken = OrganisationAlias.objects.filter(name=name).exclude(organisation=org).select_related("organisation")
        if hit := taken.first():
            raise OrgError(f"别名“{name}”已属于“{hit.organisation.name}”。")
        if Organisation.objects.filter(name=name).exclude(pk=getattr(org, "pk", None)).exists():
            raise OrgError(f"“{name}”已是另一个单位的名称，请用“合并”把两个单位并为一个。")
        names.append(name)
    return names


def _validate(org: Organisation) -> None:
    try:
        org.full_clean(exclude=["parent", "members"])
    except ValidationError as exc:
        raise OrgError("；".join(f"{m}" for msgs in exc.message_dict.values() for m in msgs)) from exc


@transaction.atomic
def organisation_create(
    *, actor, name: str, parent: Organisation | None = None, aliases: list[str] = (), **fields
) -> Organisation:
    name = name.strip()
    if not name:
        raise OrgError("请填写单位名称。")
    if Organisation.objects.filter(name=name).exists() or OrganisationAlias.objects.filter(name=name).exists():
        raise OrgError(f"单位“{name}”已存在（或是某个单位的别名）。")
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise OrgError(f"不能设置这些字段：{', '.join(sorted(unknown))}")
    kind = fields.pop("kind", None) or guess_kind(name)
    org = Organisation(name=name, parent=parent, kind=kind, **fields)
    if not fields.get("type"):
        org.type = guess_type(name, kind)
    _validate(org)
    org.save()
    for alias in _clean_aliases(org, list(aliases)):
        OrganisationAlias.objects.create(organisation=org, name=alias)
    audit_record(actor=actor, action="org.create", target=org, summary=f"新增单位“{org.name}”")
    return org


@transaction.atomic
def organisation_update(*, actor, org: Organisation, aliases: list[str] | None = None, **changes) -> Organisation:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise OrgError(f"不能修改这些字段：{', '.join(sorted(unknown))}")
    if "name" in changes:
        changes["name"] = changes["name"].strip()
        if OrganisationAlias.objects.filter(name=changes["name"]).exclude(organisation=org).exists():
            raise OrgError(f"“{changes['name']}”已是另一个单位的别名。")
    before = {k: getattr(org, k) for k in changes}
    for key, value in changes.items():
        setattr(org, key, value)
    _validate(org)
    org.save()
    diff = {k: [before[k], getattr(org, k)] for k in changes if before[k] != getattr(org, k)}
    if aliases is not None:
        wanted = _clean_aliases(org, aliases)
        have = set(org.aliases.values_list("name", flat=True))
        org.aliases.exclude(name__in=wanted).delete()
        OrganisationAlias.objects.bulk_create(
            [OrganisationAlias(organisation=org, name=a) for a in wanted if a not in have]
        )
        if set(wanted) != have:
            diff["aliases"] = [sorted(have), sorted(wanted)]
    if diff:
        audit_record(actor=actor, action="org.update", target=org, summary=f"修改单位“{org.name}”", changes=diff)
    return org


@transaction.atomic
def organisation_move(*, actor, org: Organisation, parent: Organisation | None) -> Organisation:
    if parent is not None and parent.pk in org_with_descendants_ids(org):
        raise OrgError(f"不能把“{org.name}”移到它自己或它的下级单位“{parent.name}”之下。")
    old = org.parent
    org.parent = parent
    org.save(update_fields=["parent"])
    audit_record(
        actor=actor,
        action="org.move",
        target=org,
        summary=f"将“{org.name}”的上级单位由“{old or '无'}”改为“{parent or '无'}”",
        changes={"parent": [str(old or ""), str(parent or "")]},
    )
    return org


@transaction.atomic
def organisation_set_members(*, actor, collective: Organisation, members: list[Organisation]) -> Organisation:
    """Map a collective name (部机关各科室) to the units it stands for; tasks, reminders and visibility fan out."""
    bad = [
        m.name
        for m in members
        if m.pk == collective.pk or m.kind in (Organisation.Kind.COLLECTIVE, Organisation.Kind.PLACEHOLDER)
    ]
    if bad:
        raise OrgError(f"集合只能包含具体单位，不能包含：{'、'.join(bad)}。")
    before = sorted(collective.members.values_list("name", flat=True))
    collective.members.set(members)
    if members and (collective.kind, collective.type) != (Organisation.Kind.COLLECTIVE, Organisation.Type.COLLECTIVE):
        collective.kind = Organisation.Kind.COLLECTIVE
        collective.type = Organisation.Type.COLLECTIVE
        collective.save(update_fields=["kind", "type"])
    after = sorted(m.name for m in members)
    if before != after:
        audit_record(
            actor=actor,
            action="org.members",
            target=collective,
            summary=f"“{collective.name}”包含 {len(after)} 个单位：{'、'.join(after)}"[:500],
            changes={"members": [before, after]},
        )
    return collective


@transaction.atomic
def organisation_deactivate(*, actor, org: Organisation, active: bool = False) -> Organisation:
    """Deactivate (or reactivate) a unit: its history stays; it is no longer offered for new work."""
    if org.is_active == active:
        return org
    org.is_active = active
    org.save(update_fields=["is_active"])
    verb = "启用" if active else "停用"
    audit_record(
        actor=actor,
        action=f"org.{'activate' if active else 'deactivate'}",
        target=org,
        summary=f"{verb}单位“{org.name}”",
    )
    return org


def _reassign_references(source: Organisation, target: Organisation) -> dict[str, int]:
    """Point every row that refers to `source` at `target`.

    Orgs is the ground floor and may not import the apps above it, so this walks the foreign keys Django knows
    to Organisation (assignments, tasks, reports, approvals, users, people, channels …) and moves them in place.
    It is the one documented exception to "a module writes only its own tables" (docs/ARCHITECTURE.md)."""
    moved: dict[str, int] = {}
    for rel in Organisation._meta.related_objects:
        if rel.related_model is Organisation or rel.related_model is OrganisationAlias:
            continue
        if rel.many_to_many:
            continue
        field = rel.field.name
        n = rel.related_model._base_manager.filter(**{field: source}).update(**{field: target})
        if n:
            moved[rel.related_model._meta.label_lower] = n
    Organisation.objects.filter(parent=source).exclude(pk=target.pk).update(parent=target)
    for coll in source.collectives.all():
        coll.members.remove(source)
        if coll.pk != target.pk:
            coll.members.add(target)
    target.members.add(*source.members.exclude(pk=target.pk))
    return moved


@transaction.atomic
def organisation_merge(*, actor, source: Organisation, target: Organisation) -> Organisation:
    """`source` is the same unit as `target`: its name and aliases become `target`'s aliases, its references move."""
    if source.pk == target.pk:
        raise OrgError("请选择另一个单位进行合并。")
    if target.pk in org_with_descendants_ids(source):
        raise OrgError(f"“{target.name}”是“{source.name}”的下级单位，不能合并到其中。")
    try:
        with transaction.atomic():
            moved = _reassign_references(source, target)
    except IntegrityError as exc:
        raise OrgError(f"合并失败：两个单位有重复的记录（{exc.__class__.__name__}），请先处理重复项。") from exc
    names = [source.name, *source.aliases.values_list("name", flat=True)]
    source_name = source.name
    source.aliases.all().delete()
    source.delete()
    OrganisationAlias.objects.bulk_create([OrganisationAlias(organisation=target, name=n) for n in names])
    audit_record(
        actor=actor,
        action="org.merge",
        target=target,
        summary=f"将“{source_name}”合并为“{target.name}”（其名称成为别名，相关记录随之转移）",
        changes={"merged": source_name, "moved": moved},
    )
    return target

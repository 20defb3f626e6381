"""Units: the services behind the directory screens (create, edit, move, merge, collectives, deactivate)."""

from __future__ import annotations

import pytest

from tests.factories import OrganisationFactory
from tongxin.activities.models import Assignment
from tongxin.audit.models import AuditEntry
from tongxin.orgs.models import Organisation, OrganisationAlias
from tongxin.orgs.naming import guess_kind, guess_type, is_placeholder_name
from tongxin.orgs.services import (
    OrgError,
    OrgResolver,
    organisation_create,
    organisation_deactivate,
    organisation_merge,
    organisation_move,
    organisation_set_members,
    organisation_update,
)
from tongxin.supervision.forms import TaskCreateForm
from tongxin.supervision.models import Task

pytestmark = pytest.mark.django_db


def test_names_are_guessed_and_placeholders_recognised():
    assert [is_placeholder_name(n) for n in ("各有关单位", "各项目牵头单位", "相关单位", "有关部门", "部机关各科室")] == [
        True, True, True, True, False,
    ]  # fmt: skip
    assert guess_kind("各有关单位") == "placeholder"
    assert guess_kind("部机关各科室") == "collective"
    assert (guess_kind("民盟赤峰市委"), guess_type("民盟赤峰市委")) == ("member", "party")
    assert (guess_kind("市侨联"), guess_type("市侨联")) == ("member", "group")
    assert guess_type("红山区文钟镇") == "township"
    assert guess_type("赤峰市清真寺") == "religious"


def test_create_guesses_kind_and_type_records_aliases_and_audits(people):
    org = organisation_create(
        actor=people["admin"], name="民盟赤峰市委", aliases=["民盟市委", "民盟"], member_count=120
    )
    assert (org.kind, org.type, org.member_count) == ("member", "party", 120)
    assert sorted(org.aliases.values_list("name", flat=True)) == ["民盟", "民盟市委"]
    assert AuditEntry.objects.filter(action="org.create", target_id=str(org.pk)).count() == 1
    with pytest.raises(OrgError, match="已存在"):
        organisation_create(actor=people["admin"], name="民盟市委")  # an alias is taken as well as a name


def test_update_replaces_aliases_and_refuses_one_that_belongs_elsewhere(people, units):
    org = units["qiaolian"]
    organisation_update(
        actor=people["admin"], org=org, aliases=["侨联"], contact_name="刘芳", contact_phone="0476-8331234"
    )
    org.refresh_from_db()
    assert (org.contact_name, org.contact_phone, [a.name for a in org.aliases.all()]) == (
        "刘芳",
        "0476-8331234",
        ["侨联"],
    )
    organisation_update(actor=people["admin"], org=org, aliases=["市归国华侨联合会"])
    assert [a.name for a in org.aliases.all()] == ["市归国华侨联合会"]
    with pytest.raises(OrgError, match="已属于“市侨联”"):
        organisation_update(actor=people["admin"], org=units["dangwai"], aliases=["市归国华侨联合会"])


def test_move_refuses_a_cycle(people, units):
    sub = OrganisationFactory(name="党外干部和民主党派科一组", parent=units["dangwai"])
    with pytest.raises(OrgError, match="下级单位"):
        organisation_move(actor=people["admin"], org=units["dangwai"], parent=sub)
    organisation_move(actor=people["admin"], org=sub, parent=units["zongjiao"])
    sub.refresh_from_db()
    assert sub.parent == units["zongjiao"]


def test_merge_moves_references_and_keeps_the_name_as_an_alias(people, units, tasks):
    dup = OrganisationFactory(name="党外干部科", parent=units["dept"])
    a = tasks["a"]
    Assignment.objects.create(activity=a, role="cooperating", organisation=dup, name_as_written="党外干部科")
    task = Task.objects.filter(activity=a).first()
    Task.objects.filter(pk=task.pk).update(owner_org=dup)
    people["stranger"].organisation = dup
    people["stranger"].save()
    organisation_merge(actor=people["admin"], source=dup, target=units["dangwai"])
    assert not Organisation.objects.filter(name="党外干部科").exists()
    assert OrganisationAlias.objects.get(name="党外干部科").organisation == units["dangwai"]
    assert Task.objects.get(pk=task.pk).owner_org == units["dangwai"]
    assert a.assignments.filter(name_as_written="党外干部科").get().organisation == units["dangwai"]
    people["stranger"].refresh_from_db()
    assert people["stranger"].organisation == units["dangwai"]
    # A later import that writes the old name finds the merged unit.
    assert OrgResolver({}, actor="测试").unit("党外干部科") == units["dangwai"]


def test_collective_members_are_concrete_units(people, units):
    coll = OrganisationFactory(name="部机关各科室", kind="collective")
    other = OrganisationFactory(name="各旗县区民委", kind="collective")
    organisation_set_members(actor=people["admin"], collective=coll, members=[units["dangwai"], units["zongjiao"]])
    assert sorted(coll.members.values_list("name", flat=True)) == ["党外干部和民主党派科", "宗教业务科"]
    with pytest.raises(OrgError, match="各旗县区民委"):
        organisation_set_members(actor=people["admin"], collective=coll, members=[other])
    assert (
        AuditEntry.objects.get(action="org.members").summary
        == "“部机关各科室”包含 2 个单位：党外干部和民主党派科、宗教业务科"
    )


def test_deactivate_keeps_history_and_hides_from_choices(people, units):
    organisation_deactivate(actor=people["admin"], org=units["idle"])
    units["idle"].refresh_from_db()
    assert units["idle"].is_active is False
    assert units["idle"] not in TaskCreateForm.base_fields["owner_org"].queryset  # new work goes to active units only
    assert AuditEntry.objects.filter(action="org.deactivate", target_id=str(units["idle"].pk)).count() == 1

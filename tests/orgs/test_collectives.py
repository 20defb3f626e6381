"""Collectives: a plan's 部机关各科室 mapped once to its member units; work fans out to each member.

Personas: admin maps and generates; dangwai and zongjiao are sections (members of 部机关各科室); qiaolian is not."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ActivityFactory, OrganisationFactory, PlanFactory, add_window, assign
from tongxin.activities.forms import OverviewFilterForm
from tongxin.activities.selectors import activities_visible_to, my_work
from tongxin.orgs.services import OrgResolver, organisation_set_members
from tongxin.supervision import status
from tongxin.supervision.models import Task
from tongxin.supervision.selectors import tasks_visible_to
from tongxin.supervision.services import rule_create, rules_generate_due, tasks_create_for, tasks_generate_for_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(people, units):
    """部机关各科室 → dangwai and zongjiao; activity 读书会 has the collective as its responsible unit."""
    coll = OrganisationFactory(name="部机关各科室", kind="collective")
    organisation_set_members(actor=people["admin"], collective=coll, members=[units["dangwai"], units["zongjiao"]])
    plan = PlanFactory(title="集合测试方案")
    act = ActivityFactory(plan=plan, number="一", title="读书会")
    add_window(act, dt.date(2019, 3, 1), dt.date(2019, 9, 30))
    assign(act, "responsible", coll)
    return {"coll": coll, "plan": plan, "act": act}


def test_generation_gives_each_member_its_own_tasks(people, units, sections):
    n = tasks_generate_for_plan(actor=people["admin"], plan=sections["plan"])
    owners = sorted(Task.objects.filter(activity=sections["act"]).values_list("owner_org__name", "kind"))
    assert n == 4
    assert owners == [
        ("党外干部和民主党派科", "impl_plan"), ("党外干部和民主党派科", "results"),
        ("宗教业务科", "impl_plan"), ("宗教业务科", "results"),
    ]  # fmt: skip
    assert tasks_generate_for_plan(actor=people["admin"], plan=sections["plan"]) == 0  # safe to run again


def test_member_units_see_the_collectives_activity_as_their_own_and_only_their_own_task(people, units, sections):
    tasks_generate_for_plan(actor=people["admin"], plan=sections["plan"])
    act = sections["act"]
    assert act in activities_visible_to(people["dangwai"])
    assert act not in activities_visible_to(people["qiaolian"])
    own = dict(my_work(people["dangwai"]))["本单位负责的活动"]
    assert [a.title for a in own] == ["读书会"]
    visible = tasks_visible_to(people["dangwai"]).filter(activity=act)
    # The unit follows every task of an activity it is responsible for, and owns its own.
    assert sorted(visible.filter(owner_org=units["dangwai"]).values_list("kind", flat=True)) == ["impl_plan", "results"]


def test_each_member_has_its_own_light(people, units, sections):
    tasks_generate_for_plan(actor=people["admin"], plan=sections["plan"])
    Task.objects.filter(owner_org=units["dangwai"], kind="impl_plan").update(state=Task.State.DONE)
    lights = {
        t.owner_org.name: t.light
        for t in status.annotate_tasks(Task.objects.filter(activity=sections["act"], kind="impl_plan"))
    }
    # impl_plan was due 2019-02-15; today is pinned to 2019-08-15.
    assert lights == {"党外干部和民主党派科": "done", "宗教业务科": "red"}


def test_a_collective_holding_tasks_from_before_its_mapping_keeps_them(people, units):
    coll = OrganisationFactory(name="各民主党派市委", kind="collective")
    plan = PlanFactory(title="先生成后映射")
    act = ActivityFactory(plan=plan, title="座谈会")
    add_window(act, dt.date(2019, 9, 1), dt.date(2019, 9, 30))
    assign(act, "responsible", coll)
    tasks_generate_for_plan(actor=people["admin"], plan=plan)
    organisation_set_members(actor=people["admin"], collective=coll, members=[units["qiaolian"]])
    rule_create(actor=people["admin"], plan=plan, title="月报", every_months=1, day_of_month=25,
                starts_on=dt.date(2019, 9, 1), ends_on=dt.date(2019, 9, 30))  # fmt: skip
    rules_generate_due(today=dt.date(2019, 9, 20))
    assert set(Task.objects.filter(activity=act).values_list("owner_org__name", flat=True)) == {"各民主党派市委"}
    # …and the member unit sees them as its own.
    assert (
        Task.objects.filter(activity=act).count() == tasks_visible_to(people["qiaolian"]).filter(activity=act).count()
    )


def test_a_task_created_for_a_collective_fans_out_and_a_placeholder_gets_none(people, units, sections):
    made = tasks_create_for(actor=people["admin"], activity=sections["act"], title="报送名单",
                            owner_org=sections["coll"], due=dt.date(2019, 9, 1))  # fmt: skip
    assert sorted(t.owner_org.name for t in made) == ["党外干部和民主党派科", "宗教业务科"]
    placeholder = OrganisationFactory(name="各有关单位", kind="placeholder")
    act = ActivityFactory(plan=sections["plan"], title="有关单位参加")
    add_window(act, dt.date(2019, 9, 1), dt.date(2019, 9, 30))
    assign(act, "responsible", placeholder)
    tasks_generate_for_plan(actor=people["admin"], plan=sections["plan"])
    assert not Task.objects.filter(owner_org=placeholder).exists()


def test_placeholders_are_never_filter_options(people, units, sections):
    placeholder = OrganisationFactory(name="各有关单位", kind="placeholder")
    assign(sections["act"], "cooperating", placeholder)
    form = OverviewFilterForm(user=people["admin"], plans=[sections["plan"]])
    labels = [label for _v, label in form.fields["unit"].choices]
    assert "各有关单位" not in labels and "部机关各科室" in labels


def test_the_activity_page_shows_the_collective_with_its_members(client_for, sections):
    html = client_for("dangwai").get(f"/activities/{sections['act'].pk}/").content.decode()
    assert "部机关各科室" in html
    assert "（包含党外干部和民主党派科、宗教业务科）" in html


def test_reimport_resolves_the_collective_by_name_or_alias_and_keeps_its_members(people, sections):
    from tongxin.orgs.models import OrganisationAlias

    OrganisationAlias.objects.create(organisation=sections["coll"], name="部机关各处室")
    resolver = OrgResolver({}, actor="再次导入")
    assert resolver.unit("部机关各科室") == sections["coll"] == resolver.unit("部机关各处室")
    assert sections["coll"].members.count() == 2


def test_the_api_shows_a_collectives_members_type_and_parent(client_for, units, sections):
    rows = {o["name"]: o for o in client_for("viewer").get("/api/organisations").json()["results"]}
    coll = rows["部机关各科室"]
    assert (coll["kind"], coll["type"], coll["type_label"], coll["parent"]) == (
        "collective",
        "collective",
        "单位集合",
        None,
    )
    assert coll["members"] == [
        {"id": units["dangwai"].pk, "name": "党外干部和民主党派科"},
        {"id": units["zongjiao"].pk, "name": "宗教业务科"},
    ]
    assert rows["宗教业务科"]["parent"] == "市委统战部" and rows["宗教业务科"]["members"] == []

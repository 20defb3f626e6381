"""The plans API: the list, and one plan with its activities in the parse schema's field names (SCHEMA.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tests.api.helpers import add_activities, expected_a, expected_b, expected_c, plan_head
from tests.factories import PlanFactory, add_window
from tongxin.activities.models import Phase
from tongxin.orgs.models import OrganisationAlias
from tongxin.plans.models import PlanContact, PlanSection

pytestmark = pytest.mark.django_db


def test_admin_lists_plans_with_activity_counts(client_for, programme):
    plan = programme["plan"]
    assert client_for("admin").get("/api/plans").json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [{**plan_head(plan), "activity_count": 3, "url": f"/api/plans/{plan.pk}"}],
    }


def test_a_unit_counts_only_the_activities_it_can_see(client_for, programme):
    def counts(persona):
        return [p["activity_count"] for p in client_for(persona).get("/api/plans").json()["results"]]

    assert counts("dangwai") == [2]
    assert counts("zongjiao") == [1]
    # A published plan is listed for everyone signed in; a unit with no part in it sees none of its activities.
    assert counts("stranger") == [0]


def test_plan_detail_is_the_parse_schema_for_the_programme(client_for, programme):
    p = programme
    assert client_for("admin").get(f"/api/plans/{p['plan'].pk}").json() == {
        **plan_head(p["plan"]),
        "sections": [],
        "requirements": [],
        "reporting": None,
        "contacts": [],
        "activities": [expected_a(p["a"]), expected_b(p["b"]), expected_c(p["c"])],
    }


def test_plan_detail_carries_structure_reporting_contacts_recurrence_and_phases(client_for, programme):
    plan, a, c = programme["plan"], programme["a"], programme["c"]
    PlanSection.objects.create(plan=plan, kind="section", number="一", title="指导思想", order=0)
    PlanSection.objects.create(plan=plan, kind="section", number="二", title="活动安排", order=1)
    PlanSection.objects.create(plan=plan, kind="requirement", number="一", title="加强组织领导", order=0)
    plan.reporting_to, plan.reporting_text = "市委统战部", "12月10日前报送总结。"
    plan.save()
    PlanContact.objects.create(plan=plan, name="胡延鹏", phones=["8334706", "13900000000"], fax="8301979")
    a.recurrence_months, a.recurrence_text = 2, "每两个月举办一期"
    a.places, a.participants = ["市社会主义学院"], ["各民主党派骨干成员"]
    a.save()
    for i, name in enumerate(["学习动员", "自查不足", "整改提高"]):
        Phase.objects.create(activity=c, order=i, name=name)
    add_window(c, None, dt.date(2019, 11, 30), "11月底前", tentative=True)

    data = client_for("admin").get(f"/api/plans/{plan.pk}").json()

    assert data["sections"] == [{"number": "一", "title": "指导思想"}, {"number": "二", "title": "活动安排"}]
    assert data["requirements"] == [{"number": "一", "title": "加强组织领导"}]
    assert data["reporting"] == {"to": "市委统战部", "text": "12月10日前报送总结。"}
    assert data["contacts"] == [
        {"name": "胡延鹏", "phones": ["8334706", "13900000000"], "fax": "8301979", "email": None}
    ]
    assert data["activities"][0] == {
        **expected_a(a),
        "recurrence": {"every_months": 2, "text": "每两个月举办一期"},
        "places": ["市社会主义学院"],
        "participants": ["各民主党派骨干成员"],
    }
    assert data["activities"][2]["phases"] == ["学习动员", "自查不足", "整改提高"]
    assert data["activities"][2]["windows"][1] == {
        "start": None,
        "end": "2019-11-30",
        "text": "11月底前",
        "tentative": True,
        "approximate": False,
    }


def test_role_names_are_written_as_the_plan_writes_them(client_for, programme, units):
    # The plan wrote 侨联; the reviewer merged it into 市侨联. The schema keeps the plan's wording.
    OrganisationAlias.objects.create(organisation=units["qiaolian"], name="侨联")
    programme["c"].assignments.filter(role="cooperating").update(name_as_written="侨联")
    data = client_for("admin").get(f"/api/activities/{programme['c'].pk}").json()
    assert data["cooperating"] == ["侨联"]


def test_a_unit_member_gets_only_their_activities_of_the_plan(client_for, programme):
    p = programme
    data = client_for("dangwai").get(f"/api/plans/{p['plan'].pk}").json()
    assert data["activities"] == [expected_a(p["a"]), expected_b(p["b"])]
    data = client_for("zongjiao").get(f"/api/plans/{p['plan'].pk}").json()
    assert data["activities"] == [expected_c(p["c"])]
    assert client_for("stranger").get(f"/api/plans/{p['plan'].pk}").json()["activities"] == []


def test_a_draft_plan_is_404_for_all_but_admins(client_for, programme):
    draft = PlanFactory(title="未发布方案", status="draft")
    r = client_for("viewer").get(f"/api/plans/{draft.pk}")
    assert (r.status_code, r.json()) == (404, {"detail": "未找到，或您无权查看。"})
    assert [p["title"] for p in client_for("viewer").get("/api/plans").json()["results"]] == ["测试庆祝活动方案"]
    assert client_for("admin").get(f"/api/plans/{draft.pk}").json()["status"] == "draft"


@pytest.mark.parametrize(
    "path",
    [
        "/api/plans",
        "/api/plans/1",
        "/api/activities",
        "/api/activities/1",
        "/api/sessions",
        "/api/organisations",
        "/api/people",
    ],
)
def test_anonymous_gets_401_json(path, programme):
    r = Client().get(path)
    assert (r.status_code, r["Content-Type"], r.json()) == (401, "application/json", {"detail": "请先登录。"})


def test_paths_work_with_and_without_a_trailing_slash(client_for, programme):
    c = client_for("admin")
    pk = programme["plan"].pk
    assert c.get(f"/api/plans/{pk}/").json() == c.get(f"/api/plans/{pk}").json()
    assert c.get("/api/plans/").json() == c.get("/api/plans").json()


def test_the_api_is_read_only(client_for, programme):
    r = client_for("admin").post("/api/plans", {})
    assert (r.status_code, r["Allow"], r.json()) == (405, "GET, HEAD", {"detail": "只支持 GET 请求。"})


@pytest.mark.parametrize("persona", ["admin", "dangwai"])
def test_plan_queries_do_not_grow_with_activities(
    client_for, programme, units, leaders, persona, django_assert_max_num_queries
):
    c = client_for(persona)
    urls = ["/api/plans", f"/api/plans/{programme['plan'].pk}"]
    small = {}
    for url in urls:
        with django_assert_max_num_queries(15) as q:
            c.get(url)
        small[url] = len(q.captured_queries)
    add_activities(programme, units, leaders)
    for url in urls:
        with django_assert_max_num_queries(small[url]):
            r = c.get(url)
        assert r.status_code == 200
    assert len(r.json()["activities"]) == {"admin": 43, "dangwai": 42}[persona]

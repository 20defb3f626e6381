"""Activities, sessions, organisations and people through the API: filters, access, pagination, errors."""

from __future__ import annotations

import pytest

from tests.api.helpers import add_activities, expected_c
from tests.factories import OrganisationFactory, PersonFactory
from tongxin.orgs.models import OrganisationAlias

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [a["title"] for a in response.json()["results"]]


def test_one_activity_carries_its_plan(client_for, programme):
    c = programme["c"]
    assert client_for("qiaolian").get(f"/api/activities/{c.pk}").json() == {
        **expected_c(c),
        "plan_id": programme["plan"].pk,
    }


def test_a_stranger_gets_404_for_an_activity_of_another_unit(client_for, programme):
    r = client_for("stranger").get(f"/api/activities/{programme['a'].pk}")
    assert (r.status_code, r.json()) == (404, {"detail": "未找到，或您无权查看。"})
    assert client_for("zongjiao").get(f"/api/activities/{programme['a'].pk}").status_code == 404
    assert client_for("dangwai").get(f"/api/activities/{programme['a'].pk}").json()["title"] == "双月读书会活动"
    assert client_for("admin").get("/api/activities/999999").status_code == 404


def test_activities_filter_by_plan_unit_and_leader(client_for, programme, units, leaders):
    c = client_for("admin")
    all_three = ["双月读书会活动", "民主党派骨干培训班", "宗教界教风整治活动"]
    assert titles(c.get("/api/activities")) == all_three
    assert titles(c.get("/api/activities", {"plan": programme["plan"].pk})) == all_three
    assert titles(c.get("/api/activities", {"unit": units["dangwai"].pk})) == ["双月读书会活动", "民主党派骨干培训班"]
    # A unit includes what its sub-units hold.
    assert titles(c.get("/api/activities", {"unit": units["dept"].pk})) == all_three
    assert titles(c.get("/api/activities", {"leader": leaders["wu"].pk})) == ["宗教界教风整治活动"]
    assert titles(c.get("/api/activities", {"leader": leaders["zhang"].pk, "unit": units["dangwai"].pk})) == [
        "双月读书会活动",
        "民主党派骨干培训班",
    ]


def test_filters_never_widen_what_a_unit_sees(client_for, programme, leaders):
    assert titles(client_for("zongjiao").get("/api/activities", {"leader": leaders["zhang"].pk})) == []
    assert titles(client_for("zongjiao").get("/api/activities")) == ["宗教界教风整治活动"]


def test_bad_parameters_are_a_400_in_chinese(client_for, programme):
    c = client_for("admin")
    for params, name in (
        ({"plan": "abc"}, "plan"),
        ({"unit": "²"}, "unit"),
        ({"leader": "9" * 30}, "leader"),
        ({"page": "0"}, "page"),
        ({"page_size": "-3"}, "page_size"),
    ):
        r = c.get("/api/activities", params)
        assert (r.status_code, r.json()) == (400, {"detail": f"参数 {name} 必须是正整数。"})


def test_lists_are_paginated(client_for, programme):
    c = client_for("admin")
    first = c.get("/api/sessions", {"page_size": 4}).json()
    assert (first["count"], first["previous"]) == (6, None)
    assert first["next"] == "http://testserver/api/sessions?page_size=4&page=2"
    assert [s["title"] for s in first["results"]] == ["第1期主题", "第2期主题", "第3期主题", "第4期主题"]
    second = c.get(first["next"]).json()
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/sessions?page_size=4&page=1"
    assert [s["title"] for s in second["results"]] == ["第5期主题", "第6期主题"]
    r = c.get("/api/sessions", {"page": 3, "page_size": 4})
    assert (r.status_code, r.json()) == (404, {"detail": "页码超出范围。"})


def test_page_size_is_capped_at_500(client_for, programme, units, leaders):
    add_activities(programme, units, leaders, n=2)
    data = client_for("admin").get("/api/sessions", {"page_size": 100000}).json()
    assert (data["count"], len(data["results"]), data["next"]) == (8, 8, None)


def test_sessions_of_an_activity_with_their_state(client_for, programme):
    a = programme["a"]
    first = a.sessions.order_by("order").first()
    first.state, first.place = "held", "市政协会议室"
    first.save()
    data = client_for("dangwai").get("/api/sessions", {"activity": a.pk}).json()
    assert data["count"] == 6
    assert data["results"][0] == {
        "id": first.pk,
        "title": "第1期主题",
        "start": "2019-01-01",
        "end": "2019-02-28",
        "place": "市政协会议室",
        "activity_id": a.pk,
        "state": "held",
    }
    # Sessions of activities a unit cannot see are not listed, filter or not.
    assert client_for("zongjiao").get("/api/sessions", {"activity": a.pk}).json()["count"] == 0
    assert client_for("zongjiao").get("/api/sessions").json()["count"] == 0


def test_a_cancelled_session_leaves_the_schema_view_but_stays_in_sessions(client_for, programme):
    a = programme["a"]
    last = a.sessions.order_by("order").last()
    last.state = "cancelled"
    last.save()
    c = client_for("admin")
    assert [s["title"] for s in c.get(f"/api/activities/{a.pk}").json()["sessions"]][-1] == "第5期主题"
    assert c.get("/api/sessions", {"activity": a.pk}).json()["results"][-1]["state"] == "cancelled"


def test_organisations_with_parents_and_aliases(client_for, units):
    OrganisationAlias.objects.create(organisation=units["qiaolian"], name="侨联")
    units["qiaolian"].short_name = "侨联"
    units["qiaolian"].save()
    data = client_for("viewer").get("/api/organisations").json()
    assert data["count"] == 5
    by_name = {o["name"]: o for o in data["results"]}
    assert by_name["市侨联"] == {
        "id": units["qiaolian"].pk,
        "name": "市侨联",
        "short_name": "侨联",
        "kind": "member",
        "type": "external",
        "type_label": "外部单位",
        "is_placeholder": False,
        "is_active": True,
        "member_count": None,
        "parent_id": None,
        "parent": None,
        "members": [],
        "aliases": ["侨联"],
    }
    assert by_name["宗教业务科"] == {
        "id": units["zongjiao"].pk,
        "name": "宗教业务科",
        "short_name": None,
        "kind": "section",
        "type": "external",
        "type_label": "外部单位",
        "is_placeholder": False,
        "is_active": True,
        "member_count": None,
        "parent_id": units["dept"].pk,
        "parent": "市委统战部",
        "members": [],
        "aliases": [],
    }


def test_people_with_contact_details_masked_unless_permitted(client_for, units, leaders):
    staff = PersonFactory(name="胡延鹏", kind="staff", title="科员", organisation=units["dangwai"], phone="13812341234")
    blank = {"category": None, "title": None, "organisation_id": None, "phone": None, "id_number": None}
    leaders_rows = [
        {"id": leaders["wu"].pk, "name": "乌力吉", "kind": "leader", **blank},
        {"id": leaders["zhang"].pk, "name": "张圣合", "kind": "leader", **blank},
    ]
    row = {"id": staff.pk, "name": "胡延鹏", "kind": "staff", "category": None, "title": "科员"}
    row |= {"organisation_id": units["dangwai"].pk, "id_number": None}
    # His own unit sees his number in full; another unit sees it masked.
    assert client_for("dangwai").get("/api/people").json()["results"] == [*leaders_rows, row | {"phone": "13812341234"}]
    assert client_for("zongjiao").get("/api/people").json()["results"] == [
        *leaders_rows,
        row | {"phone": "138****1234"},
    ]


@pytest.mark.parametrize("url", ["/api/activities", "/api/sessions", "/api/organisations", "/api/people"])
def test_list_queries_do_not_grow(url, client_for, programme, units, leaders, django_assert_max_num_queries):
    c = client_for("dangwai")
    with django_assert_max_num_queries(15) as small:
        c.get(url)
    add_activities(programme, units, leaders)
    for i in range(40):
        unit = OrganisationFactory(name=f"追加单位{i}", parent=units["dept"])
        OrganisationAlias.objects.create(organisation=unit, name=f"追加{i}")
        PersonFactory(name=f"追加领导{i}", organisation=unit)
    with django_assert_max_num_queries(len(small.captured_queries)):
        r = c.get(url, {"page_size": 500})
    assert r.json()["count"] > 40


def test_unknown_api_paths_answer_in_json(client_for):
    c = client_for("viewer")
    for path in ("/api/nothing", "/api/plans/99999999999999999999999", "/api/plans/1/activities"):
        r = c.get(path)
        assert (r.status_code, r.json()) == (404, {"detail": "没有这个接口，请参阅 /api/docs/。"})
    assert c.get("/api/docs").status_code == 301

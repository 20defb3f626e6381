"""The programme overview and activity page: what each persona sees, in Chinese, in few queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, add_window, assign

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [a.title for a, _roles in response.context["rows"]]


def test_admin_sees_every_activity_with_owners_and_windows(client_for, programme):
    r = client_for("admin").get(reverse("activities:overview"))
    assert titles(r) == ["双月读书会活动", "民主党派骨干培训班", "宗教界教风整治活动"]
    html = r.content.decode()
    assert "共 3 项活动" in html
    assert "张圣合" in html and "党外干部和民主党派科" in html and "2019年6月11日—6月20日" in html


def test_unit_member_sees_only_what_their_unit_owns_or_helps_with(client_for, programme):
    assert titles(client_for("dangwai").get(reverse("activities:overview"))) == ["双月读书会活动", "民主党派骨干培训班"]
    assert titles(client_for("zongjiao").get(reverse("activities:overview"))) == ["宗教界教风整治活动"]
    assert titles(client_for("qiaolian").get(reverse("activities:overview"))) == ["宗教界教风整治活动"]
    assert titles(client_for("stranger").get(reverse("activities:overview"))) == []


def test_outsider_gets_404_on_an_activity_of_another_unit(client_for, programme):
    r = client_for("zongjiao").get(reverse("activities:detail", args=[programme["a"].pk]))
    assert r.status_code == 404
    r = client_for("zongjiao").get(reverse("activities:detail", args=[programme["c"].pk]))
    assert r.status_code == 200 and "宗教界教风整治活动" in r.content.decode()


def test_anonymous_is_sent_to_sign_in(client, programme):
    r = client.get(reverse("activities:overview"))
    assert r.status_code == 302 and r["Location"].startswith(reverse("accounts:login"))


def test_filters_by_leader_unit_month_and_kind(client_for, programme, leaders, units):
    c = client_for("admin")
    url = reverse("activities:overview")
    assert titles(c.get(url, {"leader": leaders["wu"].pk})) == ["宗教界教风整治活动"]
    assert titles(c.get(url, {"unit": units["dangwai"].pk})) == ["双月读书会活动", "民主党派骨干培训班"]
    assert titles(c.get(url, {"month": 6})) == ["双月读书会活动", "民主党派骨干培训班", "宗教界教风整治活动"]
    assert titles(c.get(url, {"month": 12})) == ["双月读书会活动"]
    assert titles(c.get(url, {"kind": "training"})) == ["民主党派骨干培训班"]
    assert titles(c.get(url, {"q": "教风"})) == ["宗教界教风整治活动"]


def test_overview_query_count_does_not_grow_with_activities(client_for, programme, units, leaders,
                                                           django_assert_max_num_queries):
    c = client_for("admin")
    url = reverse("activities:overview")
    with django_assert_max_num_queries(20) as small:
        c.get(url)
    for i in range(40):
        a = ActivityFactory(plan=programme["plan"], title=f"追加活动{i}")
        add_window(a, None, None, "全年")
        assign(a, "lead", leaders["zhang"])
        assign(a, "responsible", units["dangwai"])
        assign(a, "cooperating", units["qiaolian"])
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        r = c.get(url)
    assert len(r.context["rows"]) == 43
    assert len(large.captured_queries) == len(small.captured_queries)


def test_activity_page_shows_every_fact_and_highlights_the_source(client_for, programme):
    a = programme["a"]
    a.paragraph = "（一）举办双月读书会活动。2019年1月—12月，每两个月举办一期。（牵头领导：张圣合，责任科室：党外干部和民主党派科）"
    a.save()
    html = client_for("dangwai").get(reverse("activities:detail", args=[a.pk])).content.decode()
    assert '<mark class="hl hl-time" title="时间">2019年1月—12月</mark>' in html
    assert '<mark class="hl hl-lead" title="牵头领导">张圣合</mark>' in html
    assert '<mark class="hl hl-responsible" title="责任单位">党外干部和民主党派科</mark>' in html
    assert html.count('data-testid="session-row"') == 6

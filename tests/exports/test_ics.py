"""Calendars (.ics) of a plan, a unit and a person: events, stable UIDs, access, and the secret feed links."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from tests.api.helpers import add_activities
from tests.factories import PlanFactory, add_window
from tongxin.exports.feeds import feed_url
from tongxin.ingest.services import plan_import_publish
from tongxin.plans.models import PlanImport

pytestmark = pytest.mark.django_db

D = dt.date


def calendar(response) -> icalendar.Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(response) -> list[tuple[str, dt.date, dt.date, str]]:
    return [
        (str(e["UID"]), e.decoded("DTSTART"), e.decoded("DTEND"), str(e["SUMMARY"]))
        for e in calendar(response).walk("VEVENT")
    ]


def summaries(response) -> list[str]:
    return [summary for _uid, _start, _end, summary in events(response)]


def token_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["token"][0]


def plan_ics(programme) -> str:
    return reverse("exports:plan_ics", args=[programme["plan"].pk])


def test_plan_calendar_has_one_event_per_window_and_session(client_for, programme):
    a, b, c = programme["a"], programme["b"], programme["c"]
    sessions = list(a.sessions.order_by("order"))
    r = client_for("admin").get(plan_ics(programme))
    assert events(r) == [
        (f"activity-{a.pk}-window-1@tongxin", D(2019, 1, 1), D(2020, 1, 1), "双月读书会活动"),
        *[
            (
                f"session-{s.pk}@tongxin",
                D(2019, 2 * i - 1, 1),
                D(2019, 2 * i, 28) + dt.timedelta(days=1),
                f"双月读书会活动：第{i}期主题",
            )
            for i, s in enumerate(sessions, start=1)
        ],
        (f"activity-{b.pk}-window-1@tongxin", D(2019, 6, 11), D(2019, 6, 21), "民主党派骨干培训班"),
        (f"activity-{c.pk}-window-1@tongxin", D(2019, 2, 1), D(2019, 12, 1), "宗教界教风整治活动"),
    ]
    cal = calendar(r)
    assert (str(cal["X-WR-CALNAME"]), str(cal["X-WR-TIMEZONE"])) == ("测试庆祝活动方案", "Asia/Shanghai")
    # All-day events: plain dates, no time of day.
    assert all(type(start) is dt.date for _uid, start, _end, _s in events(r))


def test_description_names_roles_and_links_the_activity(client_for, programme, settings):
    settings.SITE_URL = "https://tongxin.example.cn"
    c = programme["c"]
    cal = calendar(client_for("admin").get(plan_ics(programme)))
    event = next(e for e in cal.walk("VEVENT") if str(e["UID"]) == f"activity-{c.pk}-window-1@tongxin")
    assert str(event["DESCRIPTION"]) == (
        "方案：测试庆祝活动方案\n"
        "时间：2019年2月—11月（原文：从2月—11月）\n"
        "牵头领导：乌力吉\n"
        "责任单位：宗教业务科\n"
        "配合单位：市侨联\n"
        "状态：未开始\n"
        f"https://tongxin.example.cn/activities/{c.pk}/"
    )
    assert str(event["URL"]) == f"https://tongxin.example.cn/activities/{c.pk}/"
    assert (str(event["STATUS"]), event["CATEGORIES"].cats) == ("CONFIRMED", ["专项整治"])


def test_deadlines_tentative_dates_and_undated_windows(client_for, programme):
    b, c = programme["b"], programme["c"]
    add_window(c, None, D(2019, 11, 30), "11月底前")
    add_window(b, D(2019, 9, 10), D(2019, 9, 10), "拟于9月10日", tentative=True)
    add_window(b, None, None, "时间另行通知")
    cal = calendar(client_for("admin").get(plan_ics(programme)))
    by_uid = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    deadline = by_uid[f"activity-{c.pk}-window-2@tongxin"]
    assert (deadline.decoded("DTSTART"), deadline.decoded("DTEND")) == (D(2019, 11, 30), D(2019, 12, 1))
    assert str(deadline["SUMMARY"]) == "截止：宗教界教风整治活动"
    tentative = by_uid[f"activity-{b.pk}-window-2@tongxin"]
    assert (str(tentative["SUMMARY"]), str(tentative["STATUS"])) == ("民主党派骨干培训班（拟定）", "TENTATIVE")
    assert (tentative.decoded("DTSTART"), tentative.decoded("DTEND")) == (D(2019, 9, 10), D(2019, 9, 11))
    # A window without any date has no place in a calendar.
    assert f"activity-{b.pk}-window-3@tongxin" not in by_uid


def test_cancelled_activity_stays_in_the_feed_as_cancelled(client_for, programme):
    programme["b"].state = "cancelled"
    programme["b"].save()
    cal = calendar(client_for("admin").get(plan_ics(programme)))
    status = {str(e["UID"]): str(e["STATUS"]) for e in cal.walk("VEVENT")}
    assert status[f"activity-{programme['b'].pk}-window-1@tongxin"] == "CANCELLED"


def test_uids_and_content_are_the_same_on_a_second_export(client_for, programme):
    c = client_for("admin")
    first = c.get(plan_ics(programme))
    second = c.get(plan_ics(programme))
    assert events(first) == events(second)
    assert first.content == second.content  # DTSTAMP is the activity's change time, not "now"


def test_uids_survive_a_reimport_that_recreates_the_windows(client_for, programme, people):
    """A corrected version of the plan is published again: windows are recreated, activities and sessions kept."""
    c = client_for("admin")
    before = events(c.get(plan_ics(programme)))
    window_ids = set(programme["b"].windows.values_list("pk", flat=True))
    # The plan's own JSON export is in the parse schema: feed it back as the new version's draft.
    draft = json.loads(c.get(reverse("exports:plan_json", args=[programme["plan"].pk])).content)
    draft["activities"][1]["windows"][0]["text"] = "6月中旬（更正）"
    record = PlanImport.objects.create(original_name="方案（修订）.txt", sha256="0" * 64, text="…", draft=draft)
    plan = plan_import_publish(user=people["admin"], plan_import=record)

    assert (plan.pk, plan.version) == (programme["plan"].pk, 2)
    assert window_ids.isdisjoint(programme["b"].windows.values_list("pk", flat=True))
    after = events(c.get(plan_ics(programme)))
    assert [e[0] for e in after] == [e[0] for e in before]
    assert after == before


def test_unit_calendar_covers_the_unit_and_its_sub_units(client_for, programme, units):
    c = client_for("admin")
    dangwai = c.get(reverse("exports:unit_ics", args=[units["dangwai"].pk]))
    assert str(calendar(dangwai)["X-WR-CALNAME"]) == "党外干部和民主党派科 · 活动日历"
    assert [s for s in summaries(dangwai) if "：" not in s] == ["双月读书会活动", "民主党派骨干培训班"]
    dept = c.get(reverse("exports:unit_ics", args=[units["dept"].pk]))
    assert {s for s in summaries(dept) if "：" not in s} == {
        "双月读书会活动",
        "民主党派骨干培训班",
        "宗教界教风整治活动",
    }
    assert summaries(c.get(reverse("exports:unit_ics", args=[units["qiaolian"].pk]))) == ["宗教界教风整治活动"]


def test_person_calendar_is_what_they_lead(client_for, programme, leaders):
    c = client_for("zhang")
    wu = c.get(reverse("exports:person_ics", args=[leaders["wu"].pk]))
    assert (summaries(wu), str(calendar(wu)["X-WR-CALNAME"])) == (["宗教界教风整治活动"], "乌力吉 · 牵头活动日历")
    zhang = summaries(c.get(reverse("exports:person_ics", args=[leaders["zhang"].pk])))
    assert [s for s in zhang if "：" not in s] == ["双月读书会活动", "民主党派骨干培训班"]


def test_calendars_hold_only_what_the_reader_may_see(client_for, programme, units, leaders):
    assert summaries(client_for("zongjiao").get(plan_ics(programme))) == ["宗教界教风整治活动"]
    assert summaries(client_for("stranger").get(plan_ics(programme))) == []
    # Another unit's or another leader's calendar shows only the overlap with what the reader may see.
    assert summaries(client_for("zongjiao").get(reverse("exports:unit_ics", args=[units["dangwai"].pk]))) == []
    assert summaries(client_for("qiaolian").get(reverse("exports:person_ics", args=[leaders["zhang"].pk]))) == []


def test_what_cannot_be_seen_is_404_and_anonymous_must_sign_in(client_for, programme):
    draft = PlanFactory(title="未发布方案", status="draft")
    c = client_for("viewer")
    assert c.get(reverse("exports:plan_ics", args=[draft.pk])).status_code == 404
    assert c.get(reverse("exports:unit_ics", args=[999999])).status_code == 404
    assert c.get(reverse("exports:person_ics", args=[999999])).status_code == 404
    r = Client().get(plan_ics(programme))
    assert r.status_code == 302 and r["Location"].startswith(reverse("accounts:login"))


def test_a_feed_token_opens_the_calendar_without_a_session(programme, people):
    url = feed_url(people["zongjiao"], "exports:plan_ics", programme["plan"].pk)
    path_and_query = url.removeprefix("http://127.0.0.1:8000")
    assert path_and_query.startswith(plan_ics(programme) + "?token=")
    r = Client().get(path_and_query)
    # The feed shows what its owner may see, nothing more.
    assert summaries(r) == ["宗教界教风整治活动"]
    assert "private" in r["Cache-Control"]


def test_a_bad_token_is_404(programme, people):
    anonymous = Client()
    good = token_of(feed_url(people["zongjiao"], "exports:plan_ics", programme["plan"].pk))
    assert anonymous.get(plan_ics(programme), {"token": good[:-2] + "xx"}).status_code == 404
    assert anonymous.get(plan_ics(programme), {"token": "nonsense"}).status_code == 404
    assert anonymous.get(plan_ics(programme), {"token": ""}).status_code == 404
    # A token opens only the feed it was made for.
    other = reverse("exports:unit_ics", args=[people["zongjiao"].organisation_id])
    assert anonymous.get(other, {"token": good}).status_code == 404


def test_a_token_dies_with_a_password_change_or_a_deactivated_account(programme, people):
    user = people["zongjiao"]
    token = token_of(feed_url(user, "exports:plan_ics", programme["plan"].pk))
    anonymous = Client()
    assert anonymous.get(plan_ics(programme), {"token": token}).status_code == 200
    user.set_password("another-pass-2")
    user.save()
    assert anonymous.get(plan_ics(programme), {"token": token}).status_code == 404
    fresh = token_of(feed_url(user, "exports:plan_ics", programme["plan"].pk))
    assert anonymous.get(plan_ics(programme), {"token": fresh}).status_code == 200
    user.is_active = False
    user.save()
    assert anonymous.get(plan_ics(programme), {"token": fresh}).status_code == 404


def test_calendars_page_shows_working_subscribe_links(client_for, programme, people):
    html = client_for("zhang").get(reverse("exports:calendars")).content.decode()
    assert html.count('data-testid="feed-row"') == 2  # the plan, and what 张圣合 leads
    assert "webcal://127.0.0.1:8000/export/people/" in html
    start = html.index('value="', html.index("people/")) + len('value="')
    feed = html[start : html.index('"', start)].replace("&amp;", "&").removeprefix("http://127.0.0.1:8000")
    zhang = summaries(Client().get(feed))
    assert [s for s in zhang if "：" not in s] == ["双月读书会活动", "民主党派骨干培训班"]


def test_calendar_links_tag_renders_download_and_subscribe(rf, programme, people):
    from django.template import Context, Template

    request = rf.get("/")
    request.user = people["dangwai"]
    html = Template('{% load feeds %}{% calendar_links "exports:plan_ics" pk %}').render(
        Context({"request": request, "pk": programme["plan"].pk})
    )
    assert f'href="{plan_ics(programme)}"' in html
    assert f'href="webcal://127.0.0.1:8000{plan_ics(programme)}?token=' in html


@pytest.mark.parametrize("persona", ["admin", "dangwai"])
def test_calendar_queries_do_not_grow_with_activities(
    persona, client_for, programme, units, leaders, django_assert_max_num_queries
):
    c = client_for(persona)
    urls = [
        plan_ics(programme),
        reverse("exports:unit_ics", args=[units["dept"].pk]),
        reverse("exports:person_ics", args=[leaders["zhang"].pk]),
    ]
    small = {}
    for url in urls:
        with django_assert_max_num_queries(15) as q:
            c.get(url)
        small[url] = len(q.captured_queries)
    add_activities(programme, units, leaders)
    for url in urls:
        with django_assert_max_num_queries(small[url]):
            r = c.get(url)
    assert len(events(r)) > 80

"""Calendar and Gantt: the exact feed each persona gets, in few queries, and pages that need nothing from the internet."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, PlanFactory, add_session, add_window, assign
from tongxin.activities.models import Activity, Session

pytestmark = pytest.mark.django_db

BLUE, PURPLE, GREEN = "#1d4f91", "#6f42a8", "#1e7a3a"  # recurring meeting, training, campaign


def event(kind: str, pk: int, title: str, start: str, end: str, activity: Activity, colour: str) -> dict:
    return {
        "id": f"{'session' if kind == 'session' else 'window'}-{pk}",
        "title": title,
        "start": start,
        "end": end,
        "allDay": True,
        "url": f"/activities/{activity.pk}/",
        "color": colour,
        "classNames": [f"ev-{kind}"],
    }


def feed(client, name="activities:calendar_feed", **params):
    r = client.get(reverse(name), params)
    assert r.status_code == 200, r.content
    return r.json()


def titles(events: list[dict]) -> list[str]:
    return [e["title"] if "title" in e else e["name"] for e in events]


def test_calendar_feed_has_one_event_per_window_and_session_with_exclusive_ends(client_for, programme):
    a, b, c = programme["a"], programme["b"], programme["c"]
    wa, wb, wc = (x.windows.get() for x in (a, b, c))
    s = list(a.sessions.order_by("order"))
    assert feed(client_for("admin")) == [
        event("window", wa.pk, "双月读书会活动", "2019-01-01", "2020-01-01", a, BLUE),
        event("session", s[0].pk, "双月读书会活动 · 第1期主题", "2019-01-01", "2019-03-01", a, BLUE),
        event("session", s[1].pk, "双月读书会活动 · 第2期主题", "2019-03-01", "2019-04-29", a, BLUE),
        event("session", s[2].pk, "双月读书会活动 · 第3期主题", "2019-05-01", "2019-06-29", a, BLUE),
        event("session", s[3].pk, "双月读书会活动 · 第4期主题", "2019-07-01", "2019-08-29", a, BLUE),
        event("session", s[4].pk, "双月读书会活动 · 第5期主题", "2019-09-01", "2019-10-29", a, BLUE),
        event("session", s[5].pk, "双月读书会活动 · 第6期主题", "2019-11-01", "2019-12-29", a, BLUE),
        # The training ends on 20 June; FullCalendar's end is exclusive.
        event("window", wb.pk, "民主党派骨干培训班", "2019-06-11", "2019-06-21", b, PURPLE),
        event("window", wc.pk, "宗教界教风整治活动", "2019-02-01", "2019-12-01", c, GREEN),
    ]


def test_deadlines_are_one_day_and_tentative_or_approximate_times_say_so(client_for, programme):
    b, c = programme["b"], programme["c"]
    b.windows.update(tentative=True, approximate=True)
    deadline = add_window(c, None, dt.date(2019, 9, 30), "9月底前", order=1, approximate=True)
    events = feed(client_for("admin"), plan=programme["plan"].pk)
    assert [e for e in events if e["url"] != f"/activities/{programme['a'].pk}/"] == [
        event("window", b.windows.get().pk, "民主党派骨干培训班（拟）（前后）", "2019-06-11", "2019-06-21", b, PURPLE),
        event("window", c.windows.get(order=0).pk, "宗教界教风整治活动", "2019-02-01", "2019-12-01", c, GREEN),
        event("deadline", deadline.pk, "截止：宗教界教风整治活动（前后）", "2019-09-30", "2019-10-01", c, GREEN),
    ]


def test_feed_keeps_to_the_asked_range(client_for, programme):
    # FullCalendar asks with times and offsets; the end is exclusive, so nothing starting on 1 July comes back.
    events = feed(client_for("admin"), start="2019-06-01T00:00:00+08:00", end="2019-07-01T00:00:00+08:00")
    assert titles(events) == [
        "双月读书会活动",
        "双月读书会活动 · 第3期主题",
        "民主党派骨干培训班",
        "宗教界教风整治活动",
    ]
    assert titles(feed(client_for("admin"), start="2019-12-02", end="2020-01-01")) == [
        "双月读书会活动",
        "双月读书会活动 · 第6期主题",
    ]


def test_feed_rejects_a_malformed_date(client_for, programme):
    r = client_for("admin").get(reverse("activities:calendar_feed"), {"start": "六月"})
    assert r.status_code == 400


def test_unit_member_gets_only_their_units_activities(client_for, programme):
    assert titles(feed(client_for("zongjiao"))) == ["宗教界教风整治活动"]
    assert titles(feed(client_for("qiaolian"))) == ["宗教界教风整治活动"]
    assert {e["url"] for e in feed(client_for("dangwai"))} == {
        f"/activities/{programme['a'].pk}/",
        f"/activities/{programme['b'].pk}/",
    }
    assert feed(client_for("stranger")) == []
    assert feed(client_for("stranger"), "activities:gantt_feed") == []


def test_feed_filters_by_plan_and_leaves_out_what_is_cancelled(client_for, programme):
    other = PlanFactory(title="另一方案", year=2020)
    d = ActivityFactory(plan=other, title="次年活动", kinds=["event"])
    add_window(d, dt.date(2020, 3, 1), dt.date(2020, 3, 1), "2020年3月1日")
    Activity.objects.filter(pk=programme["b"].pk).update(state=Activity.State.CANCELLED)
    programme["a"].sessions.exclude(order=0).update(state=Session.State.CANCELLED)
    c = client_for("admin")
    assert titles(feed(c, plan=other.pk)) == ["次年活动"]
    assert titles(feed(c, plan=programme["plan"].pk)) == [
        "双月读书会活动",
        "双月读书会活动 · 第1期主题",
        "宗教界教风整治活动",
    ]


def test_gantt_feed_rows_go_activity_by_activity_with_inclusive_ends(client_for, programme):
    a, b = programme["a"], programme["b"]
    Activity.objects.filter(pk=b.pk).update(state=Activity.State.DONE)
    a.sessions.filter(order=0).update(state=Session.State.HELD)
    tasks = feed(client_for("admin"), "activities:gantt_feed")
    assert titles(tasks) == ["双月读书会活动"] + [f"· 第{i}期主题" for i in range(1, 7)] + [
        "民主党派骨干培训班",
        "宗教界教风整治活动",
    ]
    first_session = a.sessions.get(order=0)
    assert tasks[1] == {
        "id": f"session-{first_session.pk}",
        "name": "· 第1期主题",
        "activity": "双月读书会活动",
        "start": "2019-01-01",
        "end": "2019-02-28",
        "progress": 100,
        "color": BLUE,
        "custom_class": "gantt-session",
        "url": f"/activities/{a.pk}/",
    }
    assert tasks[7] == {
        "id": f"window-{b.windows.get().pk}",
        "name": "民主党派骨干培训班",
        "activity": "民主党派骨干培训班",
        "start": "2019-06-11",
        "end": "2019-06-20",
        "progress": 100,
        "color": PURPLE,
        "custom_class": "gantt-window",
        "url": f"/activities/{b.pk}/",
    }
    assert [t["progress"] for t in tasks] == [0, 100, 0, 0, 0, 0, 0, 100, 0]


def _add_forty(programme, units, leaders):
    for i in range(40):
        a = ActivityFactory(plan=programme["plan"], title=f"追加活动{i}", kinds=["meeting"])
        add_window(a, dt.date(2019, 3, 1), dt.date(2019, 3, 31), "3月")
        add_session(a, "专题", dt.date(2019, 3, 5), dt.date(2019, 3, 5))
        assign(a, "lead", leaders["wu"])
        assign(a, "responsible", units["dangwai"])
        assign(a, "cooperating", units["qiaolian"])


@pytest.mark.parametrize("persona", ["admin", "dangwai"])
@pytest.mark.parametrize("name", ["activities:calendar_feed", "activities:gantt_feed"])
def test_feed_query_count_does_not_grow_with_activities(
    client_for, programme, units, leaders, persona, name, django_assert_max_num_queries
):
    c = client_for(persona)
    with django_assert_max_num_queries(8) as small:
        before = feed(c, name)
    _add_forty(programme, units, leaders)
    with django_assert_max_num_queries(len(small.captured_queries)):
        after = feed(c, name)
    assert len(after) == len(before) + 80


def script_tags(html: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", html)


def assert_no_inline_code(html: str) -> None:
    """Every script is a file from our own server (or inert JSON), and no element carries a style attribute."""
    for tag in script_tags(html):
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag
    assert "<script>" not in html
    assert not re.search(r"\sstyle=", html)
    assert "//cdn" not in html and "https://" not in html


def test_calendar_page_loads_vendored_fullcalendar_and_no_inline_script(client_for, programme):
    r = client_for("dangwai").get(reverse("activities:calendar"))
    html = r.content.decode()
    assert_no_inline_code(html)
    srcs = [re.search(r'src="([^"]+)"', t).group(1) for t in script_tags(html) if "src=" in t]
    assert srcs[-3:] == [
        "/static/js/calendar.js",
        "/static/vendor/fullcalendar/index.global.min.js",
        "/static/vendor/fullcalendar/locales/zh-cn.global.min.js",
    ]
    assert '<link rel="stylesheet" href="/static/vendor/fullcalendar/fullcalendar.css">' in html
    plan = programme["plan"]
    assert f'data-feed="/calendar/feed/?plan={plan.pk}"' in html
    # The demo's pinned "today" (2019-08-15) is where the calendar opens.
    assert 'data-today="2019-08-15" data-initial-date="2019-08-15" data-locale="zh-cn"' in html


def test_gantt_page_loads_vendored_frappe_gantt(client_for, programme):
    html = client_for("admin").get(reverse("activities:gantt")).content.decode()
    assert_no_inline_code(html)
    assert '<script src="/static/vendor/frappe-gantt/frappe-gantt.umd.js"></script>' in html
    assert '<script src="/static/js/gantt.js"></script>' in html
    assert '<link rel="stylesheet" href="/static/vendor/frappe-gantt/frappe-gantt.css">' in html
    assert f'data-feed="/gantt/feed/?plan={programme["plan"].pk}"' in html


def test_page_picks_the_asked_plan_or_the_newest(client_for, programme):
    newer = PlanFactory(title="2020年方案", year=2020)
    c = client_for("admin")
    assert c.get(reverse("activities:calendar")).context["plan"] == newer
    r = c.get(reverse("activities:calendar"), {"plan": programme["plan"].pk})
    assert r.context["plan"] == programme["plan"]
    assert r.context["initial_date"] == dt.date(2019, 8, 15)
    r = c.get(reverse("activities:calendar"), {"plan": "not-a-number"})
    assert r.context["plan"] == newer and r.context["initial_date"] == dt.date(2020, 1, 1)


def test_every_vendored_file_and_its_licence_is_in_the_repository(settings):
    static = settings.BASE_DIR / "static"
    for path in [
        "vendor/fullcalendar/index.global.min.js",
        "vendor/fullcalendar/locales/zh-cn.global.min.js",
        "vendor/fullcalendar/fullcalendar.css",
        "vendor/fullcalendar/LICENSE.md",
        "vendor/frappe-gantt/frappe-gantt.umd.js",
        "vendor/frappe-gantt/frappe-gantt.css",
        "vendor/frappe-gantt/LICENSE.txt",
        "vendor/echarts/echarts.min.js",
        "vendor/echarts/LICENSE",
        "js/calendar.js",
        "js/gantt.js",
    ]:
        assert (static / path).is_file(), path


def test_anonymous_gets_no_feed(client, programme):
    for name in ["activities:calendar_feed", "activities:gantt_feed", "activities:calendar", "activities:gantt"]:
        r = client.get(reverse(name))
        assert r.status_code == 302 and r["Location"].startswith(reverse("accounts:login"))

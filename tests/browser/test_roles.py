"""Each role signs in through a real browser and sees the overview, an activity page and the calendar in Chinese.

Personas (the demo accounts): admin (department administrator), zhangsh (lead leader 张圣合), dangwai
(党外干部和民主党派科, responsible for five activities once its misspelt twin 党外干部和人事党派科 is merged),
zongjiao (宗教业务科), qiaolian (市侨联, a member organisation that cooperates on one activity), viewer (read-only).
"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN_TITLE = "全市统一战线庆祝新中国成立70周年系列活动方案"
SEEN = {
    "admin": 11,
    "zhangsh": 11,
    "viewer": 11,
    "dangwai": 5,
    "zongjiao": 1,
    "qiaolian": 1,
}


@pytest.mark.parametrize("username", list(SEEN))
def test_each_role_sees_overview_activity_page_and_calendar(page_for, demo_site, username):
    page = page_for(username)
    # Overview: the plan's title and exactly the activities this role may see.
    assert page.locator("h1").first.inner_text() == PLAN_TITLE
    rows = page.get_by_test_id("activity-row")
    assert rows.count() == SEEN[username]
    assert page.get_by_test_id("count").inner_text() == f"共 {SEEN[username]} 项活动"
    # An activity page: its title, its facts and the plan's own paragraph with highlights.
    first_title = rows.first.locator(".title a").inner_text()
    rows.first.locator(".title a").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("activity-title").inner_text() == first_title
    assert "基本信息" in page.content() and "方案原文" in page.content()
    assert page.get_by_test_id("paragraph").locator("mark").count() > 0
    # The calendar opens on the demo's month with the role's events.
    page.goto(f"{demo_site.url}/calendar/")
    page.wait_for_selector(".fc-event", timeout=15000)
    assert page.locator(".fc-toolbar-title").inner_text() == "2019年8月"
    assert page.locator(".fc-event").count() > 0


def test_the_reading_club_page_shows_six_sessions_and_three_leaders(page_for):
    page = page_for("admin")
    page.get_by_role("link", name="（一）“同心学习·立德圆梦”双月读书会活动").click()
    assert page.get_by_test_id("session-row").count() == 6
    assert [t.strip() for t in page.locator(".tag-lead").all_inner_texts()] == ["郑江", "乌力吉", "张圣合"]


def test_member_organisation_sees_the_activity_it_helps_with(page_for):
    page = page_for("qiaolian")
    texts = page.get_by_test_id("activity-row").all_inner_texts()
    assert len(texts) == 1 and "我与国旗合个影" in texts[0] and "市侨联" in texts[0]


def test_overview_works_on_a_phone(page_for):
    page = page_for("admin", width=390)
    assert page.get_by_test_id("activity-row").count() == 11
    # Nothing may overflow sideways on a phone except the scrollable nav and tables.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0

"""Each role signs in through a real browser and sees the programme in Chinese.

Personas (the demo accounts): admin (department administrator), zhangsh (lead leader 张圣合),
dangwai (党外干部和民主党派科), qiaolian (市侨联, a member organisation), viewer (read-only).
"""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_sees_all_eleven_activities_and_an_activity_page(page_for, demo_site):
    page = page_for("admin")
    assert page.locator("h1").first.inner_text() == "全市统一战线庆祝新中国成立70周年系列活动方案"
    assert page.get_by_test_id("activity-row").count() == 11
    assert page.get_by_test_id("count").inner_text() == "共 11 项活动"
    page.get_by_role("link", name=re.compile("双月读书会")).click()
    assert "“同心学习·立德圆梦”双月读书会活动" in page.get_by_test_id("activity-title").inner_text()
    assert page.get_by_test_id("session-row").count() == 6
    assert "郑江" in page.content() and "部机关各科室" in page.content()


def test_unit_member_sees_only_its_own_part(page_for):
    page = page_for("dangwai")
    rows = page.get_by_test_id("activity-row")
    texts = rows.all_inner_texts()
    assert 0 < len(texts) < 11
    assert all("党外干部和民主党派科" in t for t in texts)


def test_member_organisation_sees_the_activity_it_helps_with(page_for):
    page = page_for("qiaolian")
    texts = page.get_by_test_id("activity-row").all_inner_texts()
    assert len(texts) == 1 and "我与国旗合个影" in texts[0] and "市侨联" in texts[0]


def test_leader_and_viewer_see_the_programme_and_the_calendar(page_for, demo_site):
    for who in ("zhangsh", "viewer"):
        page = page_for(who)
        assert page.get_by_test_id("activity-row").count() == 11
        page.goto(f"{demo_site.url}/calendar/")
        page.wait_for_selector(".fc-event", timeout=10000)
        assert "2019年" in page.locator(".fc-toolbar-title").inner_text()
        assert page.locator(".fc-event").count() > 0


def test_overview_works_on_a_phone(page_for):
    page = page_for("admin", width=390)
    assert page.get_by_test_id("activity-row").count() == 11
    # Nothing may overflow sideways on a phone except the scrollable nav and tables.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0

"""In a real browser: the department moves a session to another place, and the responsible unit reads it in its inbox.

Personas (the demo accounts): admin (department administrator) edits; dangwai (党外干部和民主党派科, responsible for
activity 二, 民主党派培训) receives the message.
"""

from __future__ import annotations

import os

import pytest

from tongxin.activities.models import Activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SESSION = "无党派人士、党外知识分子和新阶层人士培训班"
SHOTS = os.environ.get("TONGXIN_SCREENSHOTS")  # a folder: save the edit screens there to look at them


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_admin_moves_a_session_and_the_responsible_unit_reads_it_in_its_inbox(page_for, demo_site):
    activity = Activity.objects.get(number="二")
    page = page_for("admin", width=390)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{demo_site.url}/activities/{activity.pk}/")
    row = page.get_by_test_id("session-row").filter(has_text=SESSION)
    assert "敖汉干部学院" in row.inner_text()
    row.get_by_role("link", name="编辑").click()
    assert page.get_by_test_id("edit-heading").inner_text() == f"编辑场次：{SESSION}"
    _shot(page, "session-edit-390")
    page.get_by_label("地点").fill("赤峰市委党校")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{demo_site.url}/activities/{activity.pk}/")
    assert "场次已保存。" in page.content()
    assert "赤峰市委党校" in page.get_by_test_id("session-row").filter(has_text=SESSION).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []

    unit = page_for("dangwai")
    assert unit.get_by_test_id("unread").inner_text() == "1"
    unit.get_by_role("link", name="消息").click()
    message = unit.get_by_text(f"{SESSION}地点改为赤峰市委党校")
    assert message.count() == 1
    assert "地点：敖汉干部学院 → 赤峰市委党校" in unit.content()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_edit_screens_fit_the_screen(page_for, demo_site, width):
    activity = Activity.objects.get(number="二")
    session = activity.sessions.order_by("order").first()
    page = page_for("admin", width=width)
    base = f"{demo_site.url}/activities/{activity.pk}"
    for name, url in [
        ("activity-edit", f"{base}/edit/"),
        ("session-add", f"{base}/sessions/new/"),
        ("session-cancel", f"{base}/sessions/{session.pk}/cancel/"),
        ("detail", f"{base}/"),
    ]:
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        _shot(page, f"{name}-{width}")
    # Moving a session once the plan's tasks exist: the deadlines that move are listed before saving.
    from tongxin.accounts.models import User
    from tongxin.supervision.services import tasks_generate_for_plan

    tasks_generate_for_plan(actor=User.objects.get(username="admin"), plan=activity.plan)
    page.goto(f"{base}/sessions/{session.pk}/edit/")
    page.get_by_label("日期").fill("6月下旬")
    page.get_by_role("button", name="保存").click()
    assert page.get_by_test_id("move").count() == 2  # 2 responsible units, one session task each
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _shot(page, f"confirm-{width}")
    page.get_by_role("button", name="返回修改").click()
    assert page.get_by_label("日期").input_value() == "6月下旬"
    # A conflict: the page was read at version 1, someone saved meanwhile.
    page.goto(f"{base}/edit/")
    Activity.objects.filter(pk=activity.pk).update(version=2, places=["某地"])
    page.get_by_label("活动名称").fill("民主党派培训（改）")
    page.get_by_role("button", name="保存").click()
    assert "该事项刚刚被其他人修改过" in page.content() and "当前已保存的内容" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _shot(page, f"activity-conflict-{width}")

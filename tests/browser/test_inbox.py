"""In a real browser at phone width: marking a message read with htmx updates the row and both unread counts.

Persona: dangwai (demo account of 党外干部和民主党派科) has two unread messages.
"""

from __future__ import annotations

import pytest

from tongxin.accounts.models import User
from tongxin.notify.models import Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_marking_read_in_the_inbox_updates_the_badge_without_a_reload(page_for, demo_site):
    dangwai = User.objects.get(username="dangwai")
    for title in ("【催办】报送细化实施方案", "【督办提醒】已逾期 1 项"):
        Notification.objects.create(recipient=dangwai, kind="test", title=title, body="请尽快报送。", url="/")
    page = page_for("dangwai", width=375)
    assert page.get_by_test_id("unread").inner_text() == "2"
    page.get_by_role("link", name="消息").click()
    assert page.get_by_test_id("unread-summary").inner_text() == "未读 2 条"
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.get_by_role("button", name="标为已读", exact=True).first.click()
    page.get_by_test_id("unread-summary").filter(has_text="未读 1 条").wait_for()
    assert page.get_by_test_id("unread").inner_text() == "1"
    assert page.get_by_role("button", name="标为已读", exact=True).count() == 1
    page.get_by_role("button", name="标为已读", exact=True).click()
    page.get_by_test_id("unread-summary").filter(has_text="未读 0 条").wait_for()
    assert page.locator(".mainnav .badge").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing wider than the phone
    assert errors == []  # no CSP violation, no script error

"""At 390 px: the department opens a reading-club session, a phone opens its QR sign-in link (no account), signs in
with name, phone and unit, and the attendance appears on the session page; a second sign-in is refused."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_by_qr_link_shows_on_the_session_page(page_for, browser, demo_site, tmp_path):
    from tongxin.activities.models import Session

    session = Session.objects.filter(activity__number="一").order_by("order").first()
    page = page_for("admin", width=390)
    page.goto(f"{demo_site.url}/m/events/sessions/{session.pk}/")
    assert "尚无人签到" in page.get_by_test_id("attendance").inner_text()
    link = urlsplit(page.get_by_test_id("signin-link").get_attribute("href")).path

    phone = browser.new_context(viewport={"width": 390, "height": 800}, locale="zh-CN")
    try:
        p = phone.new_page()
        p.goto(f"{demo_site.url}{link}")
        assert session.title in p.get_by_test_id("signin-session").inner_text()
        p.fill("input[name=name]", "李明")
        p.fill("input[name=phone]", "13800000001")
        p.fill("input[name=unit_name]", "民革赤峰市委")
        p.click("button[type=submit]")
        assert p.get_by_test_id("signin-done").inner_text() == "签到成功：李明（民革赤峰市委）"
        assert p.evaluate("document.documentElement.scrollWidth") <= 390
        p.screenshot(path=str(tmp_path / "signin.png"))
        p.goto(f"{demo_site.url}{link}")
        p.fill("input[name=name]", "李明")
        p.fill("input[name=phone]", "13800000001")
        p.fill("input[name=unit_name]", "民革赤峰市委")
        p.click("button[type=submit]")
        assert "该手机号已签到，无需重复签到。" in p.get_by_test_id("signin-error").inner_text()
    finally:
        phone.close()

    page.reload()
    table = page.get_by_test_id("attendance").inner_text()
    assert "李明" in table and "民革赤峰市委" in table and "扫码签到" in table
    assert "签到（1人）" in page.content()
    page.screenshot(path="/tmp/events_session_390.png", full_page=True)

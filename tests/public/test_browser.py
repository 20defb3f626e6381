"""The public pages in headless Chromium at phone width (390 px): no sideways scroll, no console error, no CSP
violation; the captcha's "换一张" swaps a new image in place through htmx."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("TONGXIN_SCREENSHOTS", "")  # a folder to keep screenshots in, for a person to look at


@pytest.fixture
def phone(browser, live_server, urls_sample):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", device_scale_factor=2,
                              is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type in ("error", "warning") and not (
        # The 404 page reports its own status; that one is the point of the visit, not a problem.
        m.text.startswith("Failed to load resource") and m.location.get("url") == page.url) else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    yield page
    ctx.close()


def _visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"


def _shot(page, name: str) -> None:
    """Taken last: Playwright's full-page capture itself trips the CSP (it styles the page to measure it)."""
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.mark.parametrize(("path", "heading"), [("/p/", "公众服务"), ("/p/privacy/", "个人信息保护告知"),
                                              ("/p/no-such-page/", "页面不存在"), ("/no-such-page/", "页面不存在")])
def test_public_pages_fit_a_phone_cleanly(phone, live_server, path, heading):
    _visit(phone, live_server.url + path)
    assert phone.locator("h1").first.inner_text() == heading
    # Public pages have their own stylesheet only; the site's error page has the site's plus its own.
    stylesheets = phone.locator("link[rel=stylesheet]").evaluate_all("links => links.map(l => new URL(l.href).pathname)")
    assert stylesheets == (["/static/public/public.css"] if path.startswith("/p/")
                           else ["/static/css/app.css", "/static/public/errors.css"])
    assert phone.problems == []  # CSP violations and script errors appear as console errors
    _shot(phone, path.strip("/").replace("/", "_"))


def test_the_qr_code_is_shown_and_the_captcha_refreshes_in_place(phone, live_server):
    _visit(phone, live_server.url + "/p/")
    assert phone.locator(".pub-qr img").evaluate("img => img.naturalWidth") > 0
    _visit(phone, live_server.url + "/p/sample/sign-up/")
    image = phone.locator(".pub-captcha-img")
    before = image.get_attribute("src")
    assert image.evaluate("img => img.naturalWidth") > 0
    with phone.expect_response(lambda r: "/p/captcha/image/" in r.url) as new_image:
        phone.get_by_text("换一张").click()
    expect(phone.locator(".pub-captcha-img")).not_to_have_attribute("src", before)
    assert phone.url.endswith("/p/sample/sign-up/")  # swapped in place, no reload
    assert new_image.value.status == 200 and new_image.value.header_value("content-type") == "image/png"
    for _ in range(50):  # the decoded image appears a moment after its response
        if phone.locator(".pub-captcha-img").evaluate("img => img.complete && img.naturalWidth > 0"):
            break
        phone.wait_for_timeout(100)
    assert phone.locator(".pub-captcha-img").evaluate("img => img.naturalWidth") > 0
    assert phone.problems == [], phone.problems
    _shot(phone, "p_sample_sign-up")


def test_the_index_is_fine_on_a_desktop_too(browser, live_server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = ctx.new_page()
    try:
        page.goto(live_server.url + "/p/")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        width = page.locator(".pub-main").evaluate("el => el.getBoundingClientRect().width")
        assert overflow <= 0 and width == 720  # a readable column, centred, not stretched across the screen
        _shot(page, "p_desktop")
    finally:
        ctx.close()

"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live test server.

With TONGXIN_BROWSER_BASE_URL set, the same tests run against that address instead — app servers behind a proxy
that use this test run's database (scripts/test-behind-proxy), so what a test writes, they serve."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from django.conf import global_settings

CHROMIUM = os.environ.get("TONGXIN_CHROMIUM", "/usr/bin/chromium")
BASE_URL = os.environ.get("TONGXIN_BROWSER_BASE_URL", "").rstrip("/")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Behind the local proxy the certificate is self-signed (and every test's own contexts must accept it too).
    *(["--ignore-certificate-errors"] if BASE_URL else []),
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"浏览器测试需要 {CHROMIUM}：请先运行 scripts/ensure-browser（或 make test）")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def demo_site(request, transactional_db, settings):
    """The live server with the reference plan loaded through the real import and the demo accounts."""
    from tongxin.demo.plan import demo_load

    settings.TONGXIN_DEMO = True
    if BASE_URL:
        # The servers behind the proxy check passwords with the production hashers, not the tests' fast one.
        settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
        # …and keep uploads where the servers do, as app servers share MEDIA_ROOT in production.
        settings.MEDIA_ROOT = os.environ.get("TONGXIN_BROWSER_MEDIA_ROOT", settings.MEDIA_ROOT)
        site = SimpleNamespace(url=BASE_URL)
    else:
        site = request.getfixturevalue("live_server")
    demo_load()
    return site


@pytest.fixture
def page_for(browser, demo_site):
    """page_for("admin", width=390) → a Playwright page signed in as that demo account."""
    contexts = []

    def _open(username: str, *, width: int = 1280):
        ctx = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
        contexts.append(ctx)
        page = ctx.new_page()
        page.goto(f"{demo_site.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "tongxin2019")
        page.click("button[type=submit]")
        page.wait_for_url(f"{demo_site.url}/")
        return page

    yield _open
    for ctx in contexts:
        ctx.close()

"""Chinese error pages (site layout, or the public layout under /p/) and one-line logs for expected refusals.

Personas: viewer [read-only] is refused the import page (403); anonymous visitors hit the public pages.
"""

from __future__ import annotations

import io
import logging

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from tongxin.public.errors import server_error

SITE_CSS, PUBLIC_CSS = "/static/css/app.css", "/static/public/public.css"
TEXTS = {400: "请求有误", 403: "没有权限", 404: "页面不存在", 500: "服务器出错了"}


@pytest.fixture
def anon(urls_sample):
    return Client(raise_request_exception=False)


def _assert_site(r, status):
    html = r.content.decode()
    assert r.status_code == status and TEXTS[status] in html
    assert SITE_CSS in html and PUBLIC_CSS not in html
    assert 'href="/"' in html and "回到首页" in html
    assert '<meta name="viewport"' in html


def _assert_public(r, status, text=None):
    html = r.content.decode()
    assert r.status_code == status and (text or TEXTS[status]) in html
    assert PUBLIC_CSS in html and SITE_CSS not in html
    assert 'href="/p/"' in html and "回到首页" in html


@pytest.mark.django_db
@pytest.mark.parametrize(("what", "status"), [("bad", 400), ("forbidden", 403), ("missing", 404), ("boom", 500)])
def test_each_error_in_the_site_layout_and_the_public_layout(anon, what, status):
    _assert_site(anon.get(f"/sample/{what}/"), status)
    _assert_public(anon.get(f"/p/sample/{what}/"), status)


@pytest.mark.django_db
def test_a_signed_in_user_gets_the_403_in_the_site_layout_with_the_navigation(client_for):
    r = client_for("viewer").get(reverse("ingest:import"), HTTP_REFERER="http://testserver/plans/")
    html = r.content.decode()
    _assert_site(r, 403)
    assert "您没有权限进行此操作" in html and 'class="mainnav"' in html
    assert '<a class="button" href="http://testserver/plans/">返回上一页</a>' in html


@pytest.mark.django_db
def test_a_foreign_referer_is_not_offered_as_the_way_back(client):
    r = client.get("/p/nothing-here/", HTTP_REFERER="https://evil.example/")
    _assert_public(r, 404)
    assert "evil.example" not in r.content.decode()


@pytest.mark.django_db
def test_too_many_fields_is_a_chinese_400_not_a_bare_english_page(anon):
    r = anon.post(reverse("sample-sign-up"), {f"f{i}": "x" for i in range(1100)})
    _assert_public(r, 400)
    assert "Bad Request" not in r.content.decode()


@pytest.mark.django_db
def test_csrf_failure_in_both_layouts(urls_sample):
    strict = Client(enforce_csrf_checks=True)
    _assert_public(strict.post(reverse("sample-sign-up"), {"name": "x"}), 403, "页面已过期")
    r = strict.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    html = r.content.decode()
    assert r.status_code == 403 and "页面已过期" in html and "请刷新页面后重新提交" in html and SITE_CSS in html


def test_the_500_page_renders_without_the_database_or_the_request_context():
    """No django_db here: touching the database would fail the test."""
    for path, css in (("/plans/1/", SITE_CSS), ("/p/anything/", PUBLIC_CSS)):
        r = server_error(RequestFactory().get(path))
        html = r.content.decode()
        assert r.status_code == 500 and "服务器出错了" in html and css in html


@pytest.mark.django_db
@pytest.mark.parametrize(("what", "line"), [
    ("forbidden", "Forbidden (Permission denied): /sample/forbidden/"),
    ("bad", "malformed: /sample/bad/"),
    ("missing", "Not Found: /sample/missing/"),
])
def test_expected_refusals_log_one_line_without_a_traceback(anon, caplog, what, line):
    (console,) = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    shown = io.StringIO()
    previous = console.setStream(shown)  # the configured console handler, writing where we can read it
    try:
        with caplog.at_level(logging.WARNING):
            anon.get(f"/sample/{what}/")
    finally:
        console.setStream(previous)
    records = [r for r in caplog.records if r.name == "django.request"]
    assert [r.getMessage() for r in records] == [line]
    assert records[0].exc_info is None
    assert shown.getvalue() == line + "\n"


@pytest.mark.django_db
def test_real_errors_keep_their_traceback(anon, caplog):
    with caplog.at_level(logging.ERROR):
        anon.get("/sample/boom/")
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info and isinstance(record.exc_info[1], RuntimeError)


@pytest.mark.django_db
def test_a_429_logs_one_line(client, urls_sample, caplog):
    with caplog.at_level(logging.WARNING):
        for _ in range(4):
            client.post(reverse("sample-sign-up"), {"name": "x"})
    lines = [r.getMessage() for r in caplog.records if r.name == "tongxin.public"]
    assert lines == ["Too many requests (sample-signup): /p/sample/sign-up/"]


@pytest.mark.django_db
def test_a_csrf_refusal_logs_one_line(urls_sample, caplog):
    with caplog.at_level(logging.WARNING):
        Client(enforce_csrf_checks=True).post(reverse("sample-sign-up"), {"name": "x"})
    records = [r for r in caplog.records if r.name.startswith("django.security.csrf")]
    assert [r.getMessage() for r in records] == ["Forbidden (CSRF cookie not set.): /p/sample/sign-up/"]
    assert records[0].exc_info is None

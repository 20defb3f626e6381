"""The public index and privacy notice: phone-ready, and nothing internal on them even for a signed-in admin.

Personas: admin [department administrator] opens the public pages while signed in; an anonymous visitor does too.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tongxin.public.registry import public_pages, register_public_page

pytestmark = pytest.mark.django_db

INTERNAL = ["管理员", "admin", "驾驶舱", "督办", "我的工作", "退出", 'data-testid="unread"', 'data-testid="who"',
            "mainnav", "方案落实管理"]


@pytest.mark.parametrize("name", ["public:index", "public:privacy"])
def test_public_pages_show_nothing_internal_to_a_signed_in_admin(client_for, name, django_assert_max_num_queries):
    client = client_for("admin")
    client.get(reverse("activities:overview"))  # a session with an unread count and messages in play
    with django_assert_max_num_queries(0):  # not even the session: nothing on a public page asks who is signed in
        r = client.get(reverse(name))
    html = r.content.decode()
    assert r.status_code == 200
    for word in INTERNAL:
        assert word not in html, word
    # Not just absent from the HTML: the template context never had them.
    for key in ("user", "perms", "unread_count", "messages", "site_name", "request", "view"):
        assert key not in r.context, key
    assert r.context["public_site_name"] == "统一战线公众服务"


def test_public_layout_is_phone_first_and_strict(client):
    r = client.get(reverse("public:index"))
    html = r.content.decode()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert 'name="format-detection" content="telephone=no' in html
    assert "/static/public/public.css" in html
    assert "<style" not in html and "<script>" not in html and ' style="' not in html
    assert "script-src 'self'" in r["Content-Security-Policy"]


def test_index_lists_registered_pages_in_order_with_a_qr_for_itself(client):
    register_public_page("证书查验", lambda: "/p/privacy/?cert=1", description="输入证书编号查验真伪", order=10)
    register_public_page("已下线的页面", "no-such:page")  # unresolvable names are left out, not a 500
    register_public_page("隐藏的页面", lambda: None)
    r = client.get(reverse("public:index"))
    html = r.content.decode()
    titles = [str(page.title) for page, _ in public_pages()]
    assert titles == ["证书查验", "个人信息保护告知"]
    assert html.index("<strong>证书查验</strong>") < html.index("<strong>个人信息保护告知</strong>")
    assert 'href="/p/privacy/?cert=1"' in html and "输入证书编号查验真伪" in html
    assert "已下线的页面" not in html and "隐藏的页面" not in html
    assert 'src="/p/qr.svg?path=%2Fp%2F"' in html
    assert "http://127.0.0.1:8000/p/" in html  # the address under the code, from SITE_URL


def test_privacy_notice_says_what_why_how_long_and_who(client, settings):
    settings.PUBLIC_CONTACT = "0476-8888888"
    html = client.get(reverse("public:privacy")).content.decode()
    for heading in ("一、我们收集哪些信息", "二、为什么收集", "三、保存多久", "四、谁能看到", "五、您的权利"):
        assert heading in html
    assert "个人信息处理者：市委统战部" in html and "版本 2026-12" in html
    assert "如有疑问或需要行使上述权利，请联系：0476-8888888。" in html


def test_index_lists_the_public_links_of_activity_modules(client):
    from tongxin.core import modules

    modules.register(modules.ActivityModule(
        name="quizdemo", label="知识竞答", order=5,
        public_links=lambda: [modules.PublicLink(title="统一战线知识竞答", url="/p/quizdemo/")],
    ))
    try:
        html = client.get(reverse("public:index")).content.decode()
    finally:
        modules.unregister("quizdemo")
    assert '<a class="pub-card" href="/p/quizdemo/"><strong>统一战线知识竞答</strong></a>' in html
    assert html.index("统一战线知识竞答") < html.index("<strong>个人信息保护告知</strong>")

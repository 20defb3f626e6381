"""A module's public form with the captcha and the consent checkbox (tests/public/urls.py builds one as a module would)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse
from PIL import Image

from tests.public import urls as sample
from tongxin.core import clock

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh(urls_sample):
    sample.SUBMITTED.clear()


def _form(client) -> tuple[str, str]:
    html = client.get(reverse("sample-sign-up")).content.decode()
    key = re.search(r'name="captcha_0" value="(\w+)"', html)[1]
    return html, key


def _answer(key: str) -> str:
    return CaptchaStore.objects.get(hashkey=key).response


def test_the_form_shows_the_captcha_image_refresh_link_and_consent(client):
    html, key = _form(client)
    assert f'src="/p/captcha/image/{key}/"' in html and f'srcset="/p/captcha/image/{key}@2/ 2x"' in html
    assert 'hx-get="/p/captcha/refresh/?name=captcha"' in html and "换一张" in html
    assert '<label for="id_captcha_1">验证码:</label>' in html
    assert ('<label class="pub-consent" for="id_consent"><input type="checkbox" name="consent" required id="id_consent">'
            '<span>我已阅读并同意<a href="/p/privacy/" target="_blank" rel="noopener">《个人信息保护告知》</a></span></label>') in html


def test_a_wrong_captcha_is_refused_in_chinese_and_nothing_is_kept(client):
    _, key = _form(client)
    wrong = "x" if _answer(key) != "x" else "y"
    r = client.post(reverse("sample-sign-up"),
                    {"name": "张三", "phone": "13800000000", "consent": "on", "captcha_0": key, "captcha_1": wrong})
    html = r.content.decode()
    assert r.status_code == 400 and "验证码不正确" in html
    assert 'value="张三"' in html  # what was typed is kept
    assert sample.SUBMITTED == []
    assert not CaptchaStore.objects.filter(hashkey=key).exists()  # one try per challenge


def test_the_right_captcha_and_consent_store_the_submission_with_time_and_notice_version(client):
    _, key = _form(client)
    moment = dt.datetime(2019, 8, 15, 10, 30, tzinfo=dt.UTC)
    with clock.travel(moment):
        r = client.post(reverse("sample-sign-up"), {"name": "张三", "phone": "13800000000", "consent": "on",
                                                    "captcha_0": key, "captcha_1": _answer(key).upper()})
    assert r.status_code == 200
    assert sample.SUBMITTED == [{"name": "张三", "consent_at": moment, "consent_notice_version": "2026-12"}]


def test_without_consent_or_captcha_the_form_says_what_is_missing(client):
    _, key = _form(client)
    r = client.post(reverse("sample-sign-up"), {"name": "张三", "phone": "13800000000", "captcha_0": key})
    html = r.content.decode()
    assert "请阅读并勾选同意《个人信息保护告知》后再提交" in html and "请输入验证码" in html
    assert sample.SUBMITTED == []


def test_refresh_gives_a_new_challenge_as_the_widget_fragment(client):
    _, key = _form(client)
    r = client.get(reverse("public:captcha-refresh"), {"name": "captcha"})
    html = r.content.decode()
    new_key = re.search(r'name="captcha_0" value="(\w+)"', html)[1]
    assert new_key != key and CaptchaStore.objects.filter(hashkey=new_key).exists()
    assert html.startswith('<div class="pub-captcha" id="id_captcha_box">') and "<html" not in html
    assert client.get(reverse("public:captcha-refresh"), {"name": "a b<"}).status_code == 404


def test_the_captcha_image_is_a_png_of_letters_a_phone_user_cannot_confuse(client):
    _, key = _form(client)
    assert re.fullmatch(r"[ACDEFGHJKMNPQRTUVWXY34679]{4}", CaptchaStore.objects.get(hashkey=key).challenge)
    for name in ("public:captcha-image", "public:captcha-image-2x"):
        r = client.get(reverse(name, kwargs={"key": key}))
        image = Image.open(io.BytesIO(r.content))
        assert r["Content-Type"] == "image/png" and image.format == "PNG" and image.width > 60
        assert r["Cache-Control"] == "no-store"
    assert client.get(reverse("public:captcha-image", kwargs={"key": "0" * 40})).status_code == 410  # gone


def test_installing_the_captcha_keeps_djangos_wording_on_every_form():
    from django import forms

    class Plain(forms.Form):
        name = forms.CharField()

    assert Plain({}).errors["name"] == ["这个字段是必填项。"]

"""QR codes for public pages: SVG and PNG encode the absolute address (SITE_URL), are cached, refuse other paths."""

from __future__ import annotations

import io
import re

import pytest
import segno
from django.template import engines
from django.urls import reverse
from PIL import Image

from tongxin.public.qr import qr_bytes

pytestmark = pytest.mark.django_db

HOST = "https://tongxin.example.gov.cn"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = HOST + "/"


def _matrix_from_png(data: bytes, scale: int = 10, border: int = 4) -> list[list[bool]]:
    """Read the modules back from the image by sampling the centre of each scale×scale cell."""
    image = Image.open(io.BytesIO(data)).convert("L")
    modules = image.width // scale - 2 * border
    return [
        [image.getpixel(((border + x) * scale + scale // 2, (border + y) * scale + scale // 2)) < 128
         for x in range(modules)]
        for y in range(modules)
    ]


def test_png_is_a_valid_image_encoding_the_absolute_address(client):
    r = client.get(reverse("public:qr-png"), {"path": "/p/privacy/"})
    assert r["Content-Type"] == "image/png"
    expected = segno.make_qr(f"{HOST}/p/privacy/", error="m")
    assert _matrix_from_png(r.content) == [[bool(v) for v in row] for row in expected.matrix]
    assert Image.open(io.BytesIO(r.content)).format == "PNG"


def test_svg_carries_the_path_data_of_that_address(client):
    r = client.get(reverse("public:qr-svg"), {"path": "/p/privacy/"})
    assert r["Content-Type"] == "image/svg+xml"
    svg = r.content.decode()
    assert svg.startswith("<svg") and f"<title>{HOST}/p/privacy/</title>" in svg
    path_data = re.search(r' d="([^"]+)"', svg)[1]
    own = qr_bytes(f"{HOST}/p/privacy/", "svg").decode()
    other = qr_bytes(f"{HOST}/p/", "svg").decode()
    assert f'd="{path_data}"' in own and f'd="{path_data}"' not in other
    assert "<script" not in svg


def test_codes_are_cached_with_an_etag(client):
    url = reverse("public:qr-svg")
    first = client.get(url, {"path": "/p/"})
    assert first["Cache-Control"] == "public, max-age=86400" and first["ETag"]
    again = client.get(url, {"path": "/p/"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    other = client.get(url, {"path": "/p/privacy/"})
    assert other["ETag"] != first["ETag"]


def test_download_links_save_a_file(client):
    r = client.get(reverse("public:qr-png"), {"path": "/p/", "download": "1"})
    assert r["Content-Disposition"] == 'attachment; filename="qrcode.png"'


@pytest.mark.parametrize("path", [
    "", "/", "/plans/", "/admin/", "https://evil.example/p/", "//evil.example/p/", "/p/../admin/", "/p/./",
    "/p//privacy/", "/p/no-such-page/", "/p/qr.svg", "/p/captcha/refresh/", "/p/privacy/#x", "/p/\\x", "/p/\nx",
    "/p/" + "a" * 600,
])
def test_only_public_pages_get_a_code(client, path):
    for name in ("public:qr-svg", "public:qr-png"):
        r = client.get(reverse(name), {"path": path})
        assert r.status_code == 404, (name, path)
        assert "页面不存在" in r.content.decode()


def test_a_page_with_a_query_gets_a_code(client):
    r = client.get(reverse("public:qr-svg"), {"path": "/p/privacy/?from=poster"})
    assert f"<title>{HOST}/p/privacy/?from=poster</title>" in r.content.decode()


def test_template_tag_renders_the_image_and_download_links():
    page = engines["public"].from_string("{% load public %}{% public_qr '/p/privacy/' %}|{% public_qr '/plans/' %}")
    html = page.render({})
    public, internal = html.split("|")
    assert '<img src="/p/qr.svg?path=%2Fp%2Fprivacy%2F" width="160" height="160"' in public
    assert f"二维码：{HOST}/p/privacy/" in public
    assert 'href="/p/qr.png?path=%2Fp%2Fprivacy%2F&amp;download=1" download>下载 PNG' in public
    assert 'href="/p/qr.svg?path=%2Fp%2Fprivacy%2F&amp;download=1" download>下载 SVG' in public
    assert internal.strip() == ""

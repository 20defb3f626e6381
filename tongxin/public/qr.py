"""QR codes for public pages, made locally by segno, pointing at SITE_URL so a printed poster reaches the real host."""

from __future__ import annotations

import hashlib
import io
import posixpath
from functools import lru_cache
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.urls import Resolver404, resolve, reverse

# Routes under the prefix that are machinery, not pages a person should be sent to by a poster.
NOT_PAGES = {"qr-svg", "qr-png", "captcha-image", "captcha-image-2x", "captcha-refresh"}
MAX_PATH = 512
SCALE = {"svg": 4, "png": 10}


def public_prefix() -> str:
    return reverse("public:index")


def public_path(path: str) -> str | None:
    """`path` if it is a page under the public prefix (a local path, optionally with a query), else None."""
    if not path or len(path) > MAX_PATH or "\\" in path or any(ord(c) < 32 for c in path):
        return None
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or parts.fragment or not parts.path.startswith(public_prefix()):
        return None
    if posixpath.normpath(parts.path) + ("/" if parts.path.endswith("/") else "") != parts.path:
        return None  # "..", "." and "//" segments
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.namespace == "public" and match.url_name in NOT_PAGES:
        return None
    return path


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def qr_code(url: str) -> segno.QRCode:
    return segno.make_qr(url, error="m")


@lru_cache(maxsize=256)
def qr_bytes(url: str, kind: str) -> bytes:
    """The code as SVG or PNG bytes; the SVG scales, the PNG is big enough to print on an A4 poster.
    Kept in memory: making one takes tens of milliseconds, and the same few posters are scanned all day."""
    buffer = io.BytesIO()
    if kind == "svg":
        qr_code(url).save(buffer, kind="svg", scale=SCALE["svg"], border=4, xmldecl=False, title=url,
                          svgclass=None, lineclass=None)
    else:
        qr_code(url).save(buffer, kind="png", scale=SCALE["png"], border=4)
    return buffer.getvalue()


def qr_etag(url: str, kind: str) -> str:
    return hashlib.sha256(f"{segno.__version__}|{kind}|{url}".encode()).hexdigest()[:32]

"""The public index, the privacy notice, QR images and the captcha's image and refresh."""

from __future__ import annotations

import re

from captcha import views as captcha_views
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.views.decorators.http import condition, require_GET

from tongxin.public import qr
from tongxin.public.captcha import PublicCaptchaField
from tongxin.public.consent import PRIVACY_NOTICE_VERSION
from tongxin.public.ratelimit import rate_limit
from tongxin.public.registry import public_pages
from tongxin.public.rendering import PublicTemplateView, public_render

CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,63}$")


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return public_render(request, "public/index.html", {"pages": public_pages()})


@method_decorator(require_GET, name="dispatch")
class PrivacyView(PublicTemplateView):
    template_name = "public/privacy.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "version": PRIVACY_NOTICE_VERSION,
                "contact": settings.PUBLIC_CONTACT}


def _qr_url(request: HttpRequest) -> str:
    path = qr.public_path(request.GET.get("path", ""))
    if path is None:
        raise Http404("not a public page")
    return qr.absolute_url(path)


@require_GET
@rate_limit(scope="qr", rate="120/m")  # making a code costs a few milliseconds; a flood of query variants should not
@condition(etag_func=lambda request, kind: qr.qr_etag(_qr_url(request), kind))
def qr_image(request: HttpRequest, kind: str) -> HttpResponse:
    """/p/qr.svg?path=/p/... (or .png); `download=1` makes it a file to save."""
    url = _qr_url(request)
    response = HttpResponse(qr.qr_bytes(url, kind), content_type=CONTENT_TYPES[kind])
    response["Cache-Control"] = "public, max-age=86400"
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="qrcode.{kind}"'
    return response


@require_GET
def captcha_image(request: HttpRequest, key: str, scale: int = 1) -> HttpResponse:
    response = captcha_views.captcha_image(request, key, scale=scale)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@rate_limit(scope="captcha-refresh", rate="30/m")
def captcha_refresh(request: HttpRequest) -> HttpResponse:
    """A new challenge as the widget's HTML, for the "换一张" link (htmx swaps it in place)."""
    name = request.GET.get("name", "captcha")
    if not FIELD_NAME.match(name):
        raise Http404("bad field name")
    field = PublicCaptchaField()
    html = field.widget.render(name, None, attrs={"id": f"id_{name}"})
    response = HttpResponse(html)
    response["Cache-Control"] = "no-store"
    return response

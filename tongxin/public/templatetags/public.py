"""{% public_qr path %}: a page's QR code with its address and download links, for posters and screens."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from tongxin.public import qr

register = template.Library()


@register.inclusion_tag("public/includes/qr.html")
def public_qr(path: str, size: int = 160) -> dict:
    """Nothing is rendered for a path outside the public prefix, so a template cannot advertise an internal page."""
    if qr.public_path(path) is None:
        return {"ok": False}
    query = urlencode({"path": path})
    svg, png = reverse("public:qr-svg"), reverse("public:qr-png")
    return {
        "ok": True,
        "url": qr.absolute_url(path),
        "svg": f"{svg}?{query}",
        "svg_download": f"{svg}?{query}&download=1",
        "png_download": f"{png}?{query}&download=1",
        "size": size,
    }

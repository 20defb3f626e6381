"""The only context public pages get: nothing about who is signed in (see the "public" engine in settings)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def public(request: HttpRequest) -> dict:
    return {"public_site_name": settings.PUBLIC_SITE_NAME, "public_organisation": settings.PUBLIC_ORGANISATION}

"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from tongxin.core import clock


def site(request: HttpRequest) -> dict:
    return {"site_name": settings.TONGXIN_SITE_NAME, "today": clock.today(), "clock_pinned": clock.is_pinned()}

"""The client's address behind a reverse proxy, for sign-in lockouts (django-axes)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """X-Real-IP as set by our nginx, but only when the request really came from a trusted proxy: anyone else
    could send the header to dodge a lockout or to lock another address out."""
    remote = request.META.get("REMOTE_ADDR")
    if remote in settings.TRUSTED_PROXIES:
        return request.META.get("HTTP_X_REAL_IP") or remote
    return remote

"""An anonymous visitor id in a signed cookie: a rate-limit key that tells apart people behind one address."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

COOKIE = "tx_visitor"
SALT = "tongxin.public.visitor"
MAX_AGE = 365 * 86400


def visitor_id(request: HttpRequest) -> str:
    """The visitor's id from the signed cookie, or a new one that `visitor_cookie_set` will send back."""
    if cached := getattr(request, "_public_visitor", None):
        return cached
    try:
        value = request.get_signed_cookie(COOKIE, salt=SALT, max_age=MAX_AGE)
        request._public_visitor_new = False
    except (KeyError, signing.BadSignature):
        value = secrets.token_urlsafe(16)
        request._public_visitor_new = True
    request._public_visitor = value
    return value


def visitor_cookie_set(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Send the cookie when this request made a new visitor id."""
    if getattr(request, "_public_visitor_new", False):
        response.set_signed_cookie(COOKIE, request._public_visitor, salt=SALT, max_age=MAX_AGE, httponly=True,
                                   samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
    return response

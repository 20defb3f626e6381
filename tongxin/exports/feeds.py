"""Secret calendar-feed links: calendar apps cannot sign in, so the URL itself carries a signed token.

The token is signed with the site's SECRET_KEY and names the user and the one feed path it opens; it does not
expire (a subscription must keep working). It stops working when the user is deactivated or changes their
password (a fingerprint of the password hash is signed in), which is how a leaked link is revoked — without a
field on the User model.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "tongxin.exports.feed"


def _fingerprint(user) -> str:
    return salted_hmac(SALT, user.password or "", algorithm="sha256").hexdigest()[:16]


def feed_token(user, path: str) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"u": user.pk, "p": path, "k": _fingerprint(user)})


def feed_user(token: str, path: str):
    """The active user a token was issued to for this path, or None for anything else."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token)  # no max_age: feeds do not expire
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("p") != path or not isinstance(data.get("u"), int):
        return None
    user = get_user_model().objects.filter(pk=data["u"], is_active=True).first()
    if user is None or not constant_time_compare(str(data.get("k", "")), _fingerprint(user)):
        return None
    return user


def feed_url(user, viewname: str, pk: int) -> str:
    """The absolute, secret subscription URL of one calendar for this user."""
    path = reverse(viewname, args=[pk])
    return settings.SITE_URL.rstrip("/") + path + "?" + urlencode({"token": feed_token(user, path)})


def webcal_url(url: str) -> str:
    """The same URL with the webcal scheme, which opens the calendar app's "subscribe" dialogue."""
    parts = urlsplit(url)
    return urlunsplit(("webcal", *parts[1:]))

"""Signed links: a URL that itself carries proof that we issued it, for someone who cannot or need not sign in —
an invitation, a QR sign-in code shown at a venue, a household's QR label, a calendar feed, a certificate check.

A token names its purpose (the salt), so a token made for one purpose never opens another; it may expire; and it
may be bound to a fingerprint (e.g. of the user's password hash) so that changing that fingerprint revokes it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac


def fingerprint(purpose: str, secret_part: str) -> str:
    """A short keyed hash of something that, when it changes, should revoke the links made before (a password hash,
    a record's version)."""
    return salted_hmac(f"tongxin.signed.{purpose}", secret_part or "", algorithm="sha256").hexdigest()[:16]


def make_token(purpose: str, payload: dict[str, Any], *, bound_to: str = "") -> str:
    data = dict(payload)
    if bound_to:
        data["_k"] = fingerprint(purpose, bound_to)
    return signing.TimestampSigner(salt=f"tongxin.signed.{purpose}").sign_object(data, compress=True)


def read_token(
    purpose: str, token: str, *, max_age: dt.timedelta | None = None, bound_to: str | None = None
) -> dict[str, Any] | None:
    """The payload if the token was made by us for this purpose, is younger than `max_age` and (when `bound_to` is
    given) still bound to the same fingerprint; otherwise None. Never raises on a forged or mangled token."""
    try:
        data = signing.TimestampSigner(salt=f"tongxin.signed.{purpose}").unsign_object(
            token, max_age=max_age.total_seconds() if max_age else None
        )
    except (signing.BadSignature, ValueError, TypeError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    if bound_to is not None and not constant_time_compare(str(data.get("_k", "")), fingerprint(purpose, bound_to)):
        return None
    data.pop("_k", None)
    return data

"""One-time sign-up links: signed, expiring (by the one clock) and single-use.

The token carries the account id, when it was issued and a fingerprint of the account's password and last sign-in;
setting a password changes the fingerprint, so a used link no longer opens (the idea of Django's password-reset
tokens, with the expiry read from `tongxin.core.clock` so tests and the pinned demo agree)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from tongxin.core import clock

SALT = "tongxin.accounts.invite"


def invite_days() -> int:
    return int(getattr(settings, "TONGXIN_INVITE_DAYS", 7))


def _fingerprint(user) -> str:
    seen = user.last_login.replace(microsecond=0, tzinfo=None).isoformat() if user.last_login else ""
    return salted_hmac(SALT, f"{user.pk}:{user.password}:{seen}:{user.is_active}").hexdigest()[:20]


def invite_token(user) -> str:
    payload = {"u": user.pk, "t": int(clock.now().timestamp()), "f": _fingerprint(user)}
    return signing.dumps(payload, salt=SALT, compress=True)


class InviteInvalid(Exception):
    """The link is unknown, used, or expired; the message says which in Chinese."""


def invite_user(token: str, *, user_model):
    """The account a link was issued for, or InviteInvalid."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature as exc:
        raise InviteInvalid("链接无效：请检查是否完整复制了链接，或联系部门管理员重新发送。") from exc
    issued = dt.datetime.fromtimestamp(payload.get("t", 0), tz=dt.UTC)
    if clock.now() - issued > dt.timedelta(days=invite_days()):
        raise InviteInvalid(f"链接已过期（有效期 {invite_days()} 天），请联系部门管理员重新发送。")
    user = user_model.objects.filter(pk=payload.get("u")).first()
    if user is None or not user.is_active:
        raise InviteInvalid("该账号不存在或已停用，请联系部门管理员。")
    if not constant_time_compare(payload.get("f", ""), _fingerprint(user)):
        raise InviteInvalid("链接已使用过或已被新的链接取代：请直接登录，或联系部门管理员重新发送。")
    return user

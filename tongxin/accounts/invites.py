"""One-time sign-up links: signed, expiring (by the one clock) and single-use, made with `tongxin.core.signed`.

The token carries the account id and when it was issued, and is bound to the account's password hash and last
sign-in: setting a password changes them, so a used link no longer opens, and issuing a new link (which resets the
password to a fresh unusable one) revokes the old. The expiry is read from `tongxin.core.clock`, so tests and the
pinned demo agree with what the page says."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from tongxin.core import clock, signed

PURPOSE = "invite"


def invite_days() -> int:
    return int(getattr(settings, "TONGXIN_INVITE_DAYS", 7))


def _state(user) -> str:
    seen = user.last_login.replace(microsecond=0, tzinfo=None).isoformat() if user.last_login else ""
    return f"{user.pk}:{user.password}:{seen}:{user.is_active}"


def invite_token(user) -> str:
    return signed.make_token(PURPOSE, {"u": user.pk, "t": int(clock.now().timestamp())}, bound_to=_state(user))


class InviteInvalid(Exception):
    """The link is unknown, used, or expired; the message says which in Chinese."""


def invite_user(token: str, *, user_model):
    """The account a link was issued for, or InviteInvalid."""
    payload = signed.read_token(PURPOSE, token)
    if payload is None:
        raise InviteInvalid("链接无效：请检查是否完整复制了链接，或联系部门管理员重新发送。")
    issued = dt.datetime.fromtimestamp(int(payload.get("t", 0)), tz=dt.UTC)
    if clock.now() - issued > dt.timedelta(days=invite_days()):
        raise InviteInvalid(f"链接已过期（有效期 {invite_days()} 天），请联系部门管理员重新发送。")
    user = user_model.objects.filter(pk=payload.get("u")).first()
    if user is None or not user.is_active:
        raise InviteInvalid("该账号不存在或已停用，请联系部门管理员。")
    if signed.read_token(PURPOSE, token, bound_to=_state(user)) is None:
        raise InviteInvalid("链接已使用过或已被新的链接取代：请直接登录，或联系部门管理员重新发送。")
    return user

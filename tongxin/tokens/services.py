"""Making, checking and revoking personal API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.db import transaction

from tongxin.audit.services import audit_record
from tongxin.core import clock
from tongxin.tokens.models import ApiToken

TOKEN_START = "tx_"
# last_used_at is written at most this often per token, so a busy integration does not write on every call.
LAST_USED_EVERY = dt.timedelta(minutes=1)
MAX_DAYS = 3650


class TokenError(Exception):
    """Why a token was not accepted (or could not be made); the text is shown to the caller."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _digest(raw: str) -> str:
    # The secret has 256 random bits: a plain SHA-256 is enough, a slow password hash would only slow every call.
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, actor, owner, name: str, scope: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for `owner` → (the row, the full token to show once)."""
    name = name.strip()
    if not name:
        raise TokenError("请填写令牌名称（例如调用它的系统）。")
    if scope not in ApiToken.Scope.values:
        raise TokenError("权限范围必须是 read（只读）或 write（读写）。")
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise TokenError(f"有效天数必须在 1 到 {MAX_DAYS} 之间。")
    if not owner.is_active:
        raise TokenError("该用户已停用，不能创建令牌。")
    prefix = TOKEN_START + secrets.token_hex(4)
    raw = f"{prefix}_{secrets.token_hex(32)}"  # tx_<8 hex>_<64 hex>: no "_" inside a part
    created = clock.now()
    token = ApiToken.objects.create(
        owner=owner,
        created_at=created,
        name=name[:100],
        scope=scope,
        prefix=prefix,
        secret_hash=_digest(raw),
        expires_at=created + dt.timedelta(days=days) if days else None,
    )
    audit_record(
        actor=actor,
        action="token.create",
        target=token,
        summary=f"为 {owner.label} 创建{token.get_scope_display()}接口令牌“{token.name}”"
        + (f"，{days} 天有效" if days else "，长期有效"),
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=token.revoked_at)
        audit_record(actor=actor, action="token.revoke", target=token, summary=f"吊销接口令牌“{token.name}”")
    return token


def token_authenticate(raw: str) -> ApiToken:
    """The valid token for this secret, with its owner; TokenError (→ 401) for anything else."""
    start, _, rest = raw.strip().partition("_")
    lookup, _, secret = rest.partition("_")
    prefix = f"{start}_{lookup}"
    if f"{start}_" != TOKEN_START or not lookup or not secret:
        raise TokenError("令牌格式不正确。")
    token = ApiToken.objects.select_related("owner").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _digest(raw.strip())):
        raise TokenError("令牌无效。")
    now = clock.now()
    if token.revoked_at is not None:
        raise TokenError("令牌已被吊销。")
    if token.is_expired(now):
        raise TokenError("令牌已过期，请重新创建。")
    if not token.owner.is_active:
        raise TokenError("令牌所属用户已停用。")
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        token.last_used_at = now
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token

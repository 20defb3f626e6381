"""Rate limits kept in the database (no Redis): fixed-window counters incremented by one atomic upsert, so every
app process on one PostgreSQL (or one SQLite file) shares them.

    @rate_limit(scope="vote", rate="30/m")                       # refuse with a Chinese 429 page
    if rate_limit_hit(request, scope="vote-burst", rate="5/m"):  # or ask for a captcha after a burst
"""

from __future__ import annotations

import functools
import logging
import math
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from captcha.models import CaptchaStore
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from tongxin.public.models import RateCounter
from tongxin.public.net import client_ip
from tongxin.public.rendering import public_render
from tongxin.public.visitor import visitor_cookie_set, visitor_id

logger = logging.getLogger("tongxin.public")

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
CLEANUP_CHANCE = 0.02  # a new window row deletes expired rows now and then, so the table stays small untended

Key = str | Callable[[HttpRequest], str]


@dataclass(frozen=True)
class Rate:
    limit: int
    period: int  # seconds


@functools.lru_cache(maxsize=64)
def parse_rate(rate: str) -> Rate:
    """"30/m", "5/10m", "100/h", "1000/d" → Rate(limit, period seconds)."""
    match = RATE_RE.match(rate)
    if not match:
        raise ValueError(f"rate must look like '30/m' or '5/10m', got {rate!r}")
    limit, multiple, unit = int(match[1]), int(match[2] or 1), match[3]
    return Rate(limit=limit, period=multiple * UNITS[unit])


@dataclass(frozen=True)
class RateState:
    count: int
    limit: int
    retry_after: int  # seconds until the window ends

    @property
    def exceeded(self) -> bool:
        return self.count > self.limit


def _client_key(request: HttpRequest, key: Key) -> str:
    if callable(key):
        raw = key(request)
    elif key == "ip":
        raw = client_ip(request)
    elif key == "visitor":
        raw = visitor_id(request)
    else:
        raise ValueError(f"key must be 'ip', 'visitor' or a callable, got {key!r}")
    # Only a keyed digest is stored: the table never holds an address or a cookie value.
    return salted_hmac("tongxin.public.ratelimit", raw or "unknown").hexdigest()[:40]


def _increment(scope: str, digest: str, window_start: int, expires_at: int) -> int:
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    q = connection.ops.quote_name
    sql = (
        f"INSERT INTO {table} ({q('scope')}, {q('key')}, {q('window_start')}, {q('expires_at')}, {q('count')}) "
        f"VALUES (%s, %s, %s, %s, 1) "
        f"ON CONFLICT ({q('scope')}, {q('key')}, {q('window_start')}) "
        f"DO UPDATE SET {q('count')} = {table}.{q('count')} + 1 RETURNING {q('count')}"
    )
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(sql, [scope, digest, window_start, expires_at])
            return cursor.fetchone()[0]
    # A counter is disposable: losing the last few counts in a crash harms nothing, so its own transaction does not
    # wait for the WAL to reach disk (that wait is most of the cost on PostgreSQL). Never inside a caller's
    # transaction, whose own writes must stay durable.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(sql, [scope, digest, window_start, expires_at])
        return cursor.fetchone()[0]


def rate_limit_count(request: HttpRequest, *, scope: str, rate: str, key: Key = "ip", increment: bool = True,
                     now: float | None = None) -> RateState:
    """Count this request in the current window of `scope` for this client and say where it stands.
    `increment=False` only looks. Windows run on real time, not the pinned demo clock: they measure the pace of
    requests, and every process must agree on them."""
    parsed = parse_rate(rate)
    moment = time.time() if now is None else now
    window_start = int(moment) - int(moment) % parsed.period
    expires_at = window_start + parsed.period
    digest = _client_key(request, key)
    if increment:
        count = _increment(scope, digest, window_start, expires_at)
        if count == 1 and random.random() < CLEANUP_CHANCE:
            rate_counters_cleanup(now=moment)
    else:
        found = RateCounter.objects.filter(scope=scope, key=digest, window_start=window_start).values_list("count")
        count = next((row[0] for row in found[:1]), 0)
    return RateState(count=count, limit=parsed.limit, retry_after=max(1, math.ceil(expires_at - moment)))


def rate_limit_hit(request: HttpRequest, *, scope: str, rate: str, key: Key = "ip", increment: bool = True) -> bool:
    """True once this client has gone over `rate` in `scope`: a view can then ask for a captcha instead of refusing."""
    return rate_limit_count(request, scope=scope, rate=rate, key=key, increment=increment).exceeded


def rate_counters_cleanup(*, now: float | None = None) -> int:
    """Delete the counters whose window is over; the scheduled cleanup calls this. Returns how many went."""
    moment = time.time() if now is None else now
    deleted, _ = RateCounter.objects.filter(expires_at__lte=int(moment)).delete()
    return deleted


def public_cleanup() -> dict[str, int]:
    """Everything the public face leaves behind that has run out: finished rate windows and expired captchas.
    For the scheduled cleanup; returns how many rows of each went."""
    # The captcha library stamps expiry in real time (timezone.now), so it is compared in real time here too.
    expired, _ = CaptchaStore.objects.filter(expiration__lte=timezone.now()).delete()
    return {"rate_counters": rate_counters_cleanup(), "captchas": expired}


def too_many_requests(request: HttpRequest, state: RateState, scope: str) -> HttpResponse:
    logger.warning("Too many requests (%s): %s", scope, request.path)
    minutes = math.ceil(state.retry_after / 60)
    response = public_render(request, "public/errors/429.html",
                             {"retry_after": state.retry_after, "retry_minutes": minutes}, status=429)
    response["Retry-After"] = str(state.retry_after)
    return response


def rate_limit(*, scope: str, rate: str, key: Key = "ip", methods: tuple[str, ...] | None = None):
    """Refuse requests over `rate` (only for `methods`, all when None) with the public 429 page and Retry-After."""
    parse_rate(rate)  # a malformed rate fails at import, not on the first visitor

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if methods is None or request.method in methods:
                state = rate_limit_count(request, scope=scope, rate=rate, key=key)
                if state.exceeded:
                    return visitor_cookie_set(request, too_many_requests(request, state, scope))
            return visitor_cookie_set(request, view(request, *args, **kwargs))

        return wrapped

    return decorate

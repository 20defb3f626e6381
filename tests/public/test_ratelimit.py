"""Rate limits on the database: exact counts, a Chinese 429 with Retry-After, windows, cleanup, and concurrency."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import RequestFactory
from django.urls import reverse

from tongxin.public.models import RateCounter
from tongxin.public.ratelimit import parse_rate, rate_counters_cleanup, rate_limit_count, rate_limit_hit

T0 = 1_700_000_060.0  # 20 s into a minute window (1_700_000_040 is its start)


def _request(ip="203.0.113.7", **extra):
    return RequestFactory().get("/p/x/", REMOTE_ADDR=ip, **extra)


def test_rates_parse():
    assert parse_rate("30/m").limit == 30 and parse_rate("30/m").period == 60
    assert parse_rate("5/10m").period == 600 and parse_rate("100/h").period == 3600 and parse_rate("1/d").period == 86400
    with pytest.raises(ValueError):
        parse_rate("30 per minute")


@pytest.mark.django_db
def test_counts_exactly_per_client_and_scope_within_a_window():
    counts = [rate_limit_count(_request(), scope="vote", rate="3/m", now=T0 + i).count for i in range(5)]
    assert counts == [1, 2, 3, 4, 5]
    state = rate_limit_count(_request(), scope="vote", rate="3/m", now=T0 + 10, increment=False)
    assert (state.count, state.exceeded, state.retry_after) == (5, True, 30)
    assert rate_limit_count(_request("203.0.113.8"), scope="vote", rate="3/m", now=T0).count == 1
    assert rate_limit_count(_request(), scope="quiz", rate="3/m", now=T0).count == 1
    # The next window starts afresh.
    assert rate_limit_count(_request(), scope="vote", rate="3/m", now=T0 + 40).count == 1


@pytest.mark.django_db
def test_the_table_keeps_no_address():
    rate_limit_count(_request("198.51.100.23"), scope="vote", rate="3/m", now=T0)
    row = RateCounter.objects.get()
    assert "198.51.100.23" not in row.key and len(row.key) == 40
    assert (row.window_start, row.expires_at, row.count) == (1_700_000_040, 1_700_000_100, 1)


@pytest.mark.django_db
def test_burst_then_captcha_for_a_visitor_cookie_or_a_callable_key():
    hits = [rate_limit_hit(_request(), scope="burst", rate="2/d") for _ in range(3)]
    assert hits == [False, False, True]
    by_phone = [rate_limit_hit(_request(), scope="sms", rate="1/d", key=lambda r: "13800000000") for _ in range(2)]
    assert by_phone == [False, True]
    first = _request()
    assert rate_limit_hit(first, scope="v", rate="1/d", key="visitor") is False
    # A new visitor (no cookie) behind the same address is counted separately.
    assert rate_limit_hit(_request(), scope="v", rate="1/d", key="visitor") is False


@pytest.mark.django_db
def test_cleanup_deletes_only_finished_windows():
    rate_limit_count(_request(), scope="vote", rate="3/m", now=T0)
    rate_limit_count(_request(), scope="daily", rate="3/d", now=T0)
    assert rate_counters_cleanup(now=T0 + 60) == 1
    assert list(RateCounter.objects.values_list("scope", flat=True)) == ["daily"]


@pytest.mark.django_db
def test_a_decorated_view_refuses_with_a_chinese_429_and_retry_after(client, urls_sample):
    url = reverse("sample-sign-up")
    for _ in range(3):
        assert client.post(url, {"name": "张三"}).status_code == 400  # counted (invalid form: no captcha)
    assert client.get(url).status_code == 200  # GET is not limited
    r = client.post(url, {"name": "张三"})
    html = r.content.decode()
    assert r.status_code == 429
    assert 0 < int(r["Retry-After"]) <= 86400
    assert "操作太频繁" in html and "分钟后再试" in html
    assert "/static/public/public.css" in html  # the public layout
    assert RateCounter.objects.get(scope="sample-signup").count == 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_increments_on_postgresql_never_lose_a_count():
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL pointing at PostgreSQL")
    threads, per_thread = 8, 25
    seen: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(threads)

    def work():
        try:
            start.wait()
            for _ in range(per_thread):
                count = rate_limit_count(_request(), scope="race", rate="1000/d", now=T0).count
                with lock:
                    seen.append(count)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert sorted(seen) == list(range(1, threads * per_thread + 1))  # every count handed out exactly once
    assert RateCounter.objects.get(scope="race").count == threads * per_thread


@pytest.mark.django_db
def test_public_cleanup_removes_finished_windows_and_expired_captchas():
    import datetime as dt

    from captcha.models import CaptchaStore
    from django.utils import timezone

    from tongxin.public.ratelimit import public_cleanup

    rate_limit_count(_request(), scope="old", rate="3/m", now=T0)
    rate_limit_count(_request(), scope="current", rate="3/m")
    CaptchaStore.objects.create(challenge="AB34", response="ab34", expiration=timezone.now() - dt.timedelta(minutes=1))
    live = CaptchaStore.objects.create(challenge="CD67", response="cd67")
    assert public_cleanup() == {"rate_counters": 1, "captchas": 1}
    assert list(RateCounter.objects.values_list("scope", flat=True)) == ["current"]
    assert list(CaptchaStore.objects.all()) == [live]

"""One clock: pinned, it starts at 09:00 of the pinned day and runs on; every process counts from one anchor;
what services write carries its time; `travel` moves it for a block."""

from __future__ import annotations

import datetime as dt
import time

from django.utils import timezone

from tongxin.core import clock


def local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment).replace(tzinfo=None)


def test_pinned_clock_starts_at_nine_and_runs_on(settings, monkeypatch):
    settings.TONGXIN_TODAY = "2019-08-15"
    monkeypatch.setenv("TONGXIN_CLOCK_ANCHOR", str(time.time() - 90))
    now = local(clock.now())
    assert dt.datetime(2019, 8, 15, 9, 1, 30) <= now < dt.datetime(2019, 8, 15, 9, 1, 40)
    assert clock.today() == dt.date(2019, 8, 15)
    assert clock.is_pinned()


def test_a_pinned_date_time_is_taken_as_given(settings, monkeypatch):
    settings.TONGXIN_TODAY = "2019-12-31T23:59:30"
    monkeypatch.setenv("TONGXIN_CLOCK_ANCHOR", str(time.time() - 60))
    assert clock.today() == dt.date(2020, 1, 1)  # time ran on past midnight


def test_unpinned_clock_is_the_real_one(settings):
    settings.TONGXIN_TODAY = ""
    assert abs((clock.now() - timezone.now()).total_seconds()) < 5
    assert not clock.is_pinned()


def test_travel_moves_the_clock_for_a_block_only(settings):
    settings.TONGXIN_TODAY = "2019-08-15"
    with clock.travel(dt.date(2019, 3, 2), 14, 30):
        assert local(clock.now()) == dt.datetime(2019, 3, 2, 14, 30)
        assert clock.today() == dt.date(2019, 3, 2)
    assert clock.today() == dt.date(2019, 8, 15)


def test_rows_and_audit_entries_are_stamped_by_the_pinned_clock(settings, programme, people):
    from tongxin.audit.models import AuditEntry
    from tongxin.supervision.services import tasks_generate_for_plan

    settings.TONGXIN_TODAY = "2019-08-15"
    tasks_generate_for_plan(actor=people["admin"], plan=programme["plan"])
    task = programme["a"].tasks.first()
    assert local(task.created_at).date() == dt.date(2019, 8, 15)
    assert local(task.updated_at).date() == dt.date(2019, 8, 15)
    entry = AuditEntry.objects.latest("id")
    assert local(entry.at).date() == dt.date(2019, 8, 15)


def test_pages_show_the_pinned_date_badge(settings, client_for, programme):
    settings.TONGXIN_TODAY = "2019-08-15"
    html = client_for("admin").get("/").content.decode()
    assert 'data-testid="clock-pin"' in html and "日期固定：2019年8月15日" in html
    settings.TONGXIN_TODAY = ""
    assert 'data-testid="clock-pin"' not in client_for("admin").get("/").content.decode()

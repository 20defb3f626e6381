"""The demo on one clock: pinned to 2019-08-15, nothing it wrote or shows is later than the pinned moment plus the
time the app has run — rows, the inbox, the API, the ledger — and an on-time report counts as on time."""

from __future__ import annotations

import datetime as dt
import io
import re
import time

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone
from openpyxl import load_workbook

from tongxin.core import clock
from tongxin.demo.plan import demo_load

# A moment (date and time) from 2020 on; plain dates may be later (a deadline in January 2020 is fine).
STAMPS = re.compile(r"20[2-9]\d-\d\d-\d\d[ T]\d\d:\d\d|20[2-9]\d年\d+月\d+日\s*\d\d:\d\d")


@pytest.fixture
def demo(settings, monkeypatch, db):
    settings.TONGXIN_TODAY = "2019-08-15"
    monkeypatch.setenv("TONGXIN_CLOCK_ANCHOR", str(time.time()))
    return demo_load(stage="running")


def test_no_row_of_any_app_is_stamped_after_the_pinned_clock(demo):
    latest_allowed = clock.now()
    assert timezone.localtime(latest_allowed).date() == dt.date(2019, 8, 15)
    checked = 0
    for model in apps.get_models():
        if not model.__module__.startswith("tongxin."):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateTimeField):
                newest = model.objects.aggregate(m=models.Max(field.attname))["m"]
                if newest is not None:
                    checked += 1
                    assert newest <= latest_allowed, f"{model.__name__}.{field.name} = {newest}"
    assert checked >= 12  # tasks, reports, evidence, approvals, urges, audit, inbox, deliveries, plans …


def test_pages_api_and_ledger_show_no_moment_after_the_pinned_day(demo, client):
    from tongxin.accounts.models import User

    client.force_login(User.objects.get(username="admin"))
    plan = demo["plan"]
    seen = []
    for url in ["/", "/inbox/", "/supervision/", "/supervision/reports/", "/api/tasks", f"/plans/{plan.pk}/"]:
        body = client.get(url).content.decode()
        assert not STAMPS.findall(body), (url, STAMPS.findall(body)[:3])
        seen.append(body)
    assert re.search(r"2019-08-1[0-5][ T]\d\d:\d\d", seen[1] + seen[4])  # the inbox and the API do show moments
    ledger = client.get(f"/reports/plans/{plan.pk}/ledger.xlsx")
    wb = load_workbook(io.BytesIO(b"".join(ledger.streaming_content)))
    cells = [c for ws in wb for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, dt.datetime)]
    stamps = [c for c in cells if c.time() != dt.time(0)]  # deadlines are bare dates (midnight); moments have a time
    assert stamps and max(stamps) <= dt.datetime(2019, 8, 16)


def test_a_report_sent_on_time_and_accepted_after_the_deadline_counts_as_on_time(tasks, people, units):
    from tongxin.supervision.models import Task
    from tongxin.supervision.selectors_cockpit import rates_total
    from tongxin.supervision.services import report_accept, report_submit

    task = Task.objects.filter(activity=tasks["a"], kind=Task.Kind.IMPL_PLAN).get()
    with clock.travel(task.due - dt.timedelta(days=1), 16):
        report = report_submit(
            actor=people["dangwai"], activity=tasks["a"], org=units["dangwai"], task=task, summary="实施方案已制定。"
        )
    with clock.travel(task.due + dt.timedelta(days=5), 9):
        report_accept(actor=people["admin"], report=report)
    task.refresh_from_db()
    assert timezone.localtime(task.done_at).date() == task.due - dt.timedelta(days=1)
    rates = rates_total(Task.objects.filter(pk=task.pk), today=dt.date(2019, 8, 15))
    assert rates.on_time == rates.finished == 1

"""The one clock: every timestamp a service writes and every "today" a page shows comes from here.

`TONGXIN_TODAY` pins the clock (an ISO date, which starts at 09:00 local time, or an ISO date-time); time then runs
on from there at the real pace, so records written a minute apart are a minute apart. All processes of one
deployment (web, worker, reminder loop) count from the same real instant, `TONGXIN_CLOCK_ANCHOR` (a Unix time set
by `tongxin serve`), so they agree; without it a process counts from when it first read the clock.
The demo's replay and tests move the clock with `travel()`.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import timezone

_PROCESS_START = time.time()
_local = threading.local()
PINNED_DAY_STARTS_AT = dt.time(9, 0)


def _anchor() -> float:
    value = os.environ.get("TONGXIN_CLOCK_ANCHOR", "")
    try:
        return float(value) if value else _PROCESS_START
    except ValueError:
        return _PROCESS_START


def pinned_start() -> dt.datetime | None:
    """The moment the pinned clock started at, or None when the clock is the real one."""
    pinned = getattr(settings, "TONGXIN_TODAY", "")
    if not pinned:
        return None
    if "T" in pinned or " " in pinned:
        moment = dt.datetime.fromisoformat(pinned)
    else:
        moment = dt.datetime.combine(dt.date.fromisoformat(pinned), PINNED_DAY_STARTS_AT)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def now() -> dt.datetime:
    """The current moment (aware)."""
    travelled = getattr(_local, "moment", None)
    if travelled is not None:
        return travelled
    start = pinned_start()
    if start is None:
        return timezone.now()
    return start + dt.timedelta(seconds=max(0.0, time.time() - _anchor()))


def today() -> dt.date:
    return timezone.localtime(now()).date()


def is_pinned() -> bool:
    return bool(getattr(settings, "TONGXIN_TODAY", ""))


@contextmanager
def travel(moment: dt.datetime | dt.date, hour: int = 10, minute: int = 0) -> Iterator[dt.datetime]:
    """Run a block as if it were `moment` (a date is taken at `hour`:`minute` local time): the demo's replay and
    tests use it so what the block writes carries that time."""
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime(moment.year, moment.month, moment.day, hour, minute)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    previous = getattr(_local, "moment", None)
    _local.moment = moment
    try:
        yield moment
    finally:
        _local.moment = previous

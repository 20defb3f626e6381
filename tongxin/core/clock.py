"""The one place that says what day it is, so the demo (and tests) can pin "today"."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    pinned = getattr(settings, "TONGXIN_TODAY", "")
    if pinned:
        return dt.date.fromisoformat(pinned)
    return timezone.localdate()

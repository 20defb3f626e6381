"""Template helpers for the account pages."""

from __future__ import annotations

import datetime as dt

from django import template

register = template.Library()


@register.filter
def minutes(value: dt.timedelta | None) -> int | str:
    """A timedelta in whole minutes (the lockout page shows the configured cool-off, not a fixed 30)."""
    if not value:
        return ""
    return max(1, round(value.total_seconds() / 60))

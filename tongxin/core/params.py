"""Whole numbers from a query string, bounded so that no typed or hostile value can reach the database as one."""

from __future__ import annotations

from collections.abc import Mapping

# The largest id a 64-bit primary key holds (PostgreSQL bigint, SQLite INTEGER): a larger number made SQLite raise
# OverflowError (a 500) for `?plan=99999999999999999999`.
MAX_ID = 2**63 - 1


def int_param(
    params: Mapping[str, str], name: str, *, default: int | None = None, minimum: int = 1, maximum: int = MAX_ID
) -> int | None:
    """`params[name]` as an int within [minimum, maximum], or `default` when it is missing or anything else.

    Only ASCII digits count: `str.isdigit()` also accepts "²" and other digits `int()` refuses.
    """
    raw = (params.get(name) or "").strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(maximum)):
        return default
    value = int(raw)
    return value if minimum <= value <= maximum else default

"""Chinese, full-width and ASCII numerals as integers, as they appear in dates and counts in plan documents."""

from __future__ import annotations

import re

# One-for-one replacements only: callers keep character offsets into the original text.
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULLWIDTH_DIGIT = re.compile("[０-９]")

# A Latin O is a common typo for 〇 in years written digit by digit (二O一九).
_DIGITS = {
    "〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0,
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_UNITS = {"十": 10, "百": 100, "千": 1000}
_TENS = {"廿": 20, "卅": 30}
_ASCII_NUMBER = re.compile(r"[0-9]+")


def halfwidth_digits(text: str) -> str:
    """The text with full-width digits made ASCII, same length; str.translate is slow, so only when needed."""
    return text.translate(FULLWIDTH_DIGITS) if _FULLWIDTH_DIGIT.search(text) else text


def parse_int(text: str) -> int | None:
    """The value of one numeral (`12`, `１２`, `十二`, `二○一九`, `廿一`, `两`), or None when it is not one."""
    if text.isascii() and text.isdigit():  # the common case, first
        return int(text)
    s = halfwidth_digits(text.strip())
    if not s:
        return None
    if _ASCII_NUMBER.fullmatch(s):
        return int(s)
    if "万" in s:
        high, _, low = s.partition("万")
        if "万" in low:
            return None
        high_value = parse_int(high) if high else 1
        low_value = parse_int(low) if low else 0
        if high_value is None or low_value is None:
            return None
        return high_value * 10000 + low_value
    if all(ch in _DIGITS for ch in s):
        # Digit by digit: 二〇一九 is 2019, not 2+0+1+9.
        value = 0
        for ch in s:
            value = value * 10 + _DIGITS[ch]
        return value
    return _parse_with_units(s)


def _parse_with_units(s: str) -> int | None:
    """十二, 三十一, 一百零五, 廿一: digits multiplied by the unit that follows them."""
    total = 0
    pending: int | None = None
    for ch in s:
        if ch in _DIGITS:
            if pending is not None and pending != 0:
                return None  # two digits in a row without a unit (三四十) is not a number we read
            pending = _DIGITS[ch]
        elif ch in _UNITS:
            total += (1 if pending is None else pending) * _UNITS[ch]
            pending = None
        elif ch in _TENS and pending is None and total == 0:
            total = _TENS[ch]
        else:
            return None
    return total + (pending or 0)

"""Chinese, full-width and ASCII numerals as integers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tongxin.parser.numerals import halfwidth_digits, parse_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0),
        ("7", 7),
        ("12", 12),
        ("2019", 2019),
        ("１２", 12),
        ("２０１９", 2019),
        ("一", 1),
        ("两", 2),
        ("九", 9),
        ("十", 10),
        ("十一", 11),
        ("十二", 12),
        ("二十", 20),
        ("二十一", 21),
        ("三十一", 31),
        ("九十九", 99),
        ("廿", 20),
        ("廿一", 21),
        ("卅", 30),
        ("一百", 100),
        ("一百零五", 105),
        ("一百二十", 120),
        ("三千", 3000),
        ("一万二千", 12000),
        ("〇", 0),
        ("零", 0),
        ("二○一九", 2019),
        ("二〇一九", 2019),
        ("二零二零", 2020),
        ("二O一九", 2019),
        ("一九四九", 1949),
        (" 12 ", 12),
    ],
)
def test_parse_int(text: str, value: int) -> None:
    assert parse_int(text) == value


@pytest.mark.parametrize("text", ["", "  ", "abc", "三四十", "十a", "月", "1.5", "-3", "万万"])
def test_parse_int_rejects_non_numbers(text: str) -> None:
    assert parse_int(text) is None


_DIGITS = "〇一二三四五六七八九"


def _spell(n: int) -> str:
    """1–99 as written in Chinese: 十, 十一, 二十, 二十一."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")) + ("" if ones == 0 else _DIGITS[ones])


@given(st.integers(min_value=1, max_value=99))
def test_every_number_below_a_hundred_round_trips(n: int) -> None:
    assert parse_int(_spell(n)) == n


@given(st.integers(min_value=1000, max_value=2999))
def test_years_written_digit_by_digit(year: int) -> None:
    assert parse_int("".join(_DIGITS[int(ch)] for ch in str(year))) == year


@given(st.text(max_size=20))
def test_halfwidth_digits_keeps_length(text: str) -> None:
    assert len(halfwidth_digits(text)) == len(text)


@given(st.text(max_size=12))
def test_parse_int_never_raises(text: str) -> None:
    value = parse_int(text)
    assert value is None or value >= 0

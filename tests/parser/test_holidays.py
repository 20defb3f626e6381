"""Holiday dates: fixed ones, 清明 by the solar calendar, lunar festivals by lunardate."""

from __future__ import annotations

from datetime import date

import pytest

from tongxin.parser.holidays import canonical, holiday_date, holiday_period


@pytest.mark.parametrize(
    ("name", "year", "day"),
    [
        ("元旦", 2019, "2019-01-01"),
        ("妇女节", 2019, "2019-03-08"),
        ("三八", 2019, "2019-03-08"),
        ("植树节", 2019, "2019-03-12"),
        ("五一", 2019, "2019-05-01"),
        ("劳动节", 2019, "2019-05-01"),
        ("五四", 2019, "2019-05-04"),
        ("六一", 2019, "2019-06-01"),
        ("七一", 2021, "2021-07-01"),
        ("建党节", 2021, "2021-07-01"),
        ("八一", 2019, "2019-08-01"),
        ("建军节", 2019, "2019-08-01"),
        ("教师节", 2019, "2019-09-10"),
        ("国庆", 2019, "2019-10-01"),
        ("国庆节", 2019, "2019-10-01"),
        ("十一", 2019, "2019-10-01"),
        ("“十·一”", 2019, "2019-10-01"),
        ("十.一", 2019, "2019-10-01"),
        ("十．一", 2019, "2019-10-01"),
        ("清明", 2016, "2016-04-04"),
        ("清明节", 2019, "2019-04-05"),
        ("清明", 2020, "2020-04-04"),
        ("清明", 2022, "2022-04-05"),
        ("清明", 2024, "2024-04-04"),
        ("清明", 1999, "1999-04-05"),
        ("春节", 2016, "2016-02-08"),
        ("春节", 2019, "2019-02-05"),
        ("春节", 2020, "2020-01-25"),
        ("春节", 2021, "2021-02-12"),
        ("除夕", 2019, "2019-02-04"),
        ("元宵", 2019, "2019-02-19"),
        ("元宵节", 2020, "2020-02-08"),
        ("端午", 2019, "2019-06-07"),
        ("端午节", 2020, "2020-06-25"),
        ("七夕", 2019, "2019-08-07"),
        ("中秋", 2019, "2019-09-13"),
        ("中秋节", 2020, "2020-10-01"),
        ("重阳", 2019, "2019-10-07"),
        ("重阳节", 2020, "2020-10-25"),
    ],
)
def test_holiday_date(name: str, year: int, day: str) -> None:
    assert holiday_date(name, year) == date.fromisoformat(day)


@pytest.mark.parametrize(
    ("name", "year"), [("春节", 2100), ("春节", 1899), ("中秋", 0), ("元旦", 10000), ("圣诞", 2019), ("", 2019)]
)
def test_unknown_name_or_year_out_of_range(name: str, year: int) -> None:
    assert holiday_date(name, year) is None


def test_canonical_names() -> None:
    assert canonical("“十·一”") == canonical("十一") == canonical("国庆") == "国庆节"
    assert canonical("五一劳动节") == canonical("五一节") == "劳动节"
    assert canonical("年底") is None


def test_holiday_period() -> None:
    assert holiday_period("国庆", 2019) == (date(2019, 10, 1), date(2019, 10, 7))
    assert holiday_period("春节", 2019) == (date(2019, 2, 4), date(2019, 2, 10))  # 除夕 to 初六
    assert holiday_period("元旦", 2019) == (date(2019, 1, 1), date(2019, 1, 1))
    assert holiday_period("春节", 2150) is None

"""xlsx imports are all or nothing: a file with broken rows writes nothing and names each broken row in Chinese."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from tongxin.fieldwork import services
from tongxin.fieldwork.models import CheckItem, Pairing, Venue
from tongxin.fieldwork.services.imports import PAIRING_COLUMNS, VENUE_COLUMNS


def xlsx(header, rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_good_roster_is_imported(people, field):
    data = xlsx(
        PAIRING_COLUMNS,
        [
            ["张圣合", "刘知联", "九三学社", "13600001111", "党外干部和民主党派科", 3],
            ["乌力吉", "陈侨胞", "", "", "市侨联", None],
        ],
    )
    assert services.pairings_import(actor=people["admin"], activity=field["d"], data=data) == 2
    rows = (
        Pairing.objects.filter(activity=field["d"])
        .order_by("id")
        .values_list("leader__name", "figure__name", "figure__phone", "unit__name", "required_visits")
    )
    assert list(rows)[1:] == [
        ("张圣合", "刘知联", "13600001111", "党外干部和民主党派科", 3),
        ("乌力吉", "陈侨胞", "", "市侨联", 2),
    ]


def test_a_roster_with_broken_rows_writes_nothing(people, field):
    data = xlsx(
        PAIRING_COLUMNS,
        [
            ["张圣合", "刘知联", "", "", "党外干部和民主党派科", 2],
            ["李四", "", "", "", "不存在的科", "两次"],
            ["张圣合", "刘知联", "", "", "党外干部和民主党派科", 2],
        ],
    )
    with pytest.raises(services.ImportRejected) as exc:
        services.pairings_import(actor=people["admin"], activity=field["d"], data=data)
    assert exc.value.errors == [
        "第 3 行：找不到领导“李四”；党外人士为空；找不到单位“不存在的科”；年度应走访次数应为整数",
        "第 4 行：与前面的行重复",
    ]
    assert Pairing.objects.filter(activity=field["d"]).count() == 1


def test_venues_import_all_or_nothing(people, field, units):
    campaign = field["campaign"]
    good = [["关帝庙", "道教", "宫观", "红山区", "张道长", "", "宗教业务科"]]
    broken = good + [["", "萨满", "", "", "", "", "宗教业务科"], ["大明寺", "佛教", "", "", "", "", "无此单位"]]
    with pytest.raises(services.ImportRejected) as exc:
        services.venues_import(actor=people["admin"], campaign=campaign, data=xlsx(VENUE_COLUMNS, broken))
    assert exc.value.errors == [
        "第 3 行：请填写场所名称",
        "第 4 行：找不到主管单位“无此单位”；场所“大明寺”重复",
    ]
    assert Venue.objects.filter(name="关帝庙").count() == 0
    assert services.venues_import(actor=people["admin"], campaign=campaign, data=xlsx(VENUE_COLUMNS, good)) == 1
    venue = Venue.objects.get(name="关帝庙")
    assert (venue.religion, venue.unit) == ("taoism", units["zongjiao"])
    assert CheckItem.objects.filter(venue=venue).count() == 5


def test_a_file_that_is_not_a_workbook_is_refused(people, field):
    with pytest.raises(services.ImportRejected) as exc:
        services.venues_import(actor=people["admin"], campaign=field["campaign"], data=b"not a workbook")
    assert exc.value.errors == ["文件不是有效的 Excel（.xlsx）文件。"]

"""Households: who sees what (a unit never sees another unit's households), masking of ID numbers and phones,
difficulties resolved only with evidence, and exports of personal data recorded."""

from __future__ import annotations

import pytest

from tests.fieldwork.conftest import photo
from tongxin.fieldwork import selectors, services
from tongxin.fieldwork.errors import FieldworkError
from tongxin.fieldwork.models import Difficulty


def test_each_unit_sees_only_its_own_households(people, field):
    names = {
        who: sorted(h.head_name for h in selectors.households_visible_to(people[who]))
        for who in ("admin", "viewer", "zhang", "dangwai", "zongjiao", "qiaolian", "stranger")
    }
    assert names == {
        "admin": ["李富民", "赵长顺"],
        "viewer": ["李富民", "赵长顺"],
        "zhang": ["李富民", "赵长顺"],
        "dangwai": ["李富民"],
        "zongjiao": ["赵长顺"],
        "qiaolian": [],
        "stranger": [],
    }


def test_each_unit_sees_only_its_own_venues(people, field):
    names = {
        who: sorted(v.name for v in selectors.venues_visible_to(people[who]))
        for who in ("admin", "zongjiao", "qiaolian", "dangwai")
    }
    assert names == {
        "admin": ["大明寺", "清真北大寺", "福音堂"],
        "zongjiao": ["大明寺", "清真北大寺"],
        "qiaolian": ["福音堂"],
        "dangwai": [],
    }


def test_masking_shows_full_numbers_only_to_the_responsible_unit(people, field):
    hh = field["households"]["dangwai"]
    shown = {
        who: (
            selectors.personal(people[who], hh, hh.id_number, kind="id"),
            selectors.personal(people[who], hh, hh.phone, kind="phone"),
        )
        for who in ("dangwai", "admin", "viewer", "zhang")
    }
    assert shown == {
        "dangwai": ("150404196501011234", "13800001111"),
        "admin": ("1504**********1234", "138****1111"),
        "viewer": ("1504**********1234", "138****1111"),
        "zhang": ("1504**********1234", "138****1111"),
    }


def test_a_bad_id_number_is_refused(people, field, units):
    with pytest.raises(FieldworkError) as exc:
        services.household_create(
            actor=people["dangwai"],
            activity=field["e"],
            unit=units["dangwai"],
            head_name="张三",
            id_number="12345",
            town="镇",
            village="村",
        )
    assert exc.value.field == "id_number" and "18 位" in exc.value.message


def test_a_difficulty_is_resolved_only_with_evidence(people, field):
    hh = field["households"]["dangwai"]
    d = services.difficulty_add(actor=people["dangwai"], household=hh, description="住房漏雨")
    with pytest.raises(FieldworkError, match="请先填写帮扶措施"):
        services.difficulty_resolve(actor=people["dangwai"], difficulty=d, result="已修")
    services.difficulty_set_measure(
        actor=people["dangwai"], difficulty=d, measure="协调危房改造", money="3000", goods="水泥 10 袋"
    )
    with pytest.raises(FieldworkError, match="须附佐证材料"):
        services.difficulty_resolve(actor=people["dangwai"], difficulty=d, result="已修")
    d.refresh_from_db()
    assert d.state == Difficulty.State.HELPING
    services.difficulty_resolve(actor=people["dangwai"], difficulty=d, result="屋顶已修", evidence=[photo()])
    d.refresh_from_db()
    assert (d.state, str(d.money), d.resolved_on.isoformat()) == ("resolved", "3000.00", "2019-08-15")


def test_money_must_be_a_number(people, field):
    d = services.difficulty_add(actor=people["dangwai"], household=field["households"]["dangwai"], description="缺资金")
    with pytest.raises(FieldworkError, match="帮扶资金应为数字"):
        services.difficulty_set_measure(actor=people["dangwai"], difficulty=d, measure="资助", money="三千")

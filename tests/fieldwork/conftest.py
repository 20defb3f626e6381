"""Field work's world, on top of the shared personas (tests/conftest.py):

- activity C of the programme (宗教界教风整治, campaign; 宗教业务科 responsible, 市侨联 cooperating);
- activity D 联谊交友 (visits; 党外干部和民主党派科 responsible), lead leader 张圣合;
- activity E 扶贫济困 (visits + training; 党外干部和民主党派科 responsible, 宗教业务科 cooperating): both units keep
  households on it, and each must see only its own.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import ActivityFactory, PersonFactory, add_window, assign
from tongxin.demo.running import demo_png
from tongxin.fieldwork import services


def photo(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, demo_png(), content_type="image/png")


def not_an_image(name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00 this is a program, not a photo", content_type="image/jpeg")


@pytest.fixture
def field(programme, people, units, leaders):
    plan = programme["plan"]
    d = ActivityFactory(plan=plan, number="四", order=3, title="联谊交友集中走访活动", kinds=["visits"])
    add_window(d, dt.date(2019, 1, 1), dt.date(2019, 12, 31), "全年")
    assign(d, "lead", leaders["zhang"])
    assign(d, "responsible", units["dangwai"])
    e = ActivityFactory(plan=plan, number="五", order=4, title="扶贫济困送温暖活动", kinds=["visits", "training"])
    add_window(e, dt.date(2019, 7, 1), dt.date(2019, 10, 31), "7月—10月")
    assign(e, "responsible", units["dangwai"])
    assign(e, "cooperating", units["zongjiao"])
    admin = people["admin"]
    figure = PersonFactory(name="王党外", kind="member", phone="13912345678")
    pairing = services.pairing_create(
        actor=admin, activity=d, leader=leaders["zhang"], figure=figure, unit=units["dangwai"], affiliation="民盟"
    )
    hh = {
        "dangwai": services.household_create(
            actor=admin,
            activity=e,
            unit=units["dangwai"],
            head_name="李富民",
            id_number="150404196501011234",
            phone="13800001111",
            town="当铺地满族乡",
            village="三家村",
            causes="因病",
        ),
        "zongjiao": services.household_create(
            actor=admin,
            activity=e,
            unit=units["zongjiao"],
            head_name="赵长顺",
            id_number="15040419700202567X",
            phone="13800002222",
            town="初头朗镇",
            village="五家村",
            causes="缺劳力",
        ),
    }
    campaign = services.campaign_create(
        actor=admin,
        activity=programme["c"],
        phases=[
            {"name": "学习动员", "start": dt.date(2019, 2, 1), "end": dt.date(2019, 3, 31)},
            {"name": "自查不足", "start": dt.date(2019, 4, 1), "end": dt.date(2019, 5, 31)},
            {"name": "整改提高", "start": dt.date(2019, 6, 1), "end": dt.date(2019, 9, 30)},
            {"name": "总结评估", "start": dt.date(2019, 10, 1), "end": dt.date(2019, 11, 30)},
        ],
    )
    venues = {
        "temple": services.venue_create(
            actor=admin,
            campaign=campaign,
            unit=units["zongjiao"],
            name="大明寺",
            religion="佛教",
            kind="寺院",
            person_in_charge="释明",
            phone="13700001234",
        ),
        "mosque": services.venue_create(
            actor=admin, campaign=campaign, unit=units["zongjiao"], name="清真北大寺", religion="islam", kind="清真寺"
        ),
        "church": services.venue_create(
            actor=admin, campaign=campaign, unit=units["qiaolian"], name="福音堂", religion="基督教", kind="教堂"
        ),
    }
    return {
        "d": d,
        "e": e,
        "pairing": pairing,
        "figure": figure,
        "households": hh,
        "campaign": campaign,
        "phases": list(campaign.phases.order_by("order")),
        "venues": venues,
    }


def fieldwork_examples(programme, people, units, leaders) -> None:
    """A visit with a followed-up opinion, a household, a campaign with a phase closed by override: every optional
    field of the API's field work answers has a value (used by tests/api/test_openapi.py)."""
    admin = people["admin"]
    d = ActivityFactory(plan=programme["plan"], number="六", order=5, title="联谊交友", kinds=["visits"])
    assign(d, "responsible", units["dangwai"])
    figure = PersonFactory(name="钱党外", kind="member")
    pairing = services.pairing_create(
        actor=admin, activity=d, leader=leaders["zhang"], figure=figure, unit=units["dangwai"]
    )
    visit = services.visit_log(
        actor=admin, pairing=pairing, visited_on=dt.date(2019, 8, 1), content="走访", opinions=[("opinion", "意见")]
    )
    services.opinion_follow_up(
        actor=admin, opinion=visit.opinions.get(), unit=units["dangwai"], due=dt.date(2019, 9, 1)
    )
    hh = services.household_create(
        actor=admin,
        activity=d,
        unit=units["dangwai"],
        head_name="李富民",
        id_number="150404196501011234",
        phone="13800001111",
        town="镇",
        village="村",
    )
    services.visit_log(actor=admin, household=hh, visited_on=dt.date(2019, 8, 2), content="入户")
    campaign = services.campaign_create(
        actor=admin,
        activity=programme["c"],
        phases=[{"name": "学习动员", "start": dt.date(2019, 2, 1), "end": dt.date(2019, 3, 31)}, {"name": "自查不足"}],
    )
    venue = services.venue_create(
        actor=admin, campaign=campaign, unit=units["zongjiao"], name="大明寺", religion="佛教"
    )
    phase = campaign.phases.order_by("order").first()
    services.inspection_record(
        actor=admin,
        venue=venue,
        phase=phase,
        inspected_on=dt.date(2019, 3, 1),
        problems=[{"description": "问题", "category": "财务", "severity": "minor"}],
    )
    services.phase_close(actor=admin, phase=phase, override_reason="如期转段")

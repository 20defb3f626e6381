"""The demo's field work (activities 三, 九, 十一 of the reference plan), built through the services on the one clock."""

from __future__ import annotations

import time

import pytest
from django.db.models import Max

from tongxin.demo.plan import demo_load
from tongxin.fieldwork import rates
from tongxin.fieldwork.models import Campaign, Difficulty, Household, Opinion, Pairing, Problem, Venue, Visit


@pytest.fixture
def demo(settings, monkeypatch, db):
    settings.TONGXIN_TODAY = "2019-08-15"
    monkeypatch.setenv("TONGXIN_CLOCK_ANCHOR", str(time.time()))
    return demo_load(stage="running")


def test_the_demo_tells_the_three_stories(demo):
    plan = demo["plan"]
    assert Pairing.objects.filter(activity__plan=plan, activity__number="三").count() == 8
    opinions = Opinion.objects.filter(visit__activity__number="三")
    states = sorted(o.task.state if o.task else "none" for o in opinions.select_related("task"))
    assert states == ["done", "done", "none", "open", "open"]
    late = [o for o in opinions.select_related("task") if o.task and o.task.state == "open"]
    assert min(o.task.due for o in late).isoformat() < "2019-08-15"  # one is late

    households = Household.objects.filter(activity__number="九")
    assert households.count() == 32
    assert Visit.objects.filter(household__in=households).count() == 32
    resolved = Difficulty.objects.filter(household__in=households, state="resolved").count()
    assert resolved > 16
    assert demo["plan"].activities.get(number="九").sessions.filter(title__contains="培训").exists()

    campaign = Campaign.objects.get(activity__number="十一")
    assert sorted(set(Venue.objects.filter(campaign=campaign).values_list("religion", flat=True))) == [
        "buddhism",
        "catholic",
        "islam",
        "protestant",
        "taoism",
    ]
    phases = list(campaign.phases.order_by("order"))
    assert [p.is_closed for p in phases] == [True, True, False, False]
    assert phases[0].override_reason == "" and phases[1].override_reason.startswith("按全市统一安排")
    states = set(Problem.objects.filter(venue__campaign=campaign).values_list("state", flat=True))
    assert states == {"rectifying", "signed_off"}
    assert Problem.objects.filter(returned_count__gt=0, state="signed_off").exists()
    total = rates.overall(campaign)
    assert 0 < total.rectification_rate < 100 and 0 < total.self_check_rate < 100
    assert Visit.objects.aggregate(m=Max("visited_on"))["m"].isoformat() <= "2019-08-15"

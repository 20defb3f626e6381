"""The running demo's 献一策: 120 proposals, two rounds, 10 via 直通车, 3 批示 as tasks (one fed back, one urged)."""

import time

from tongxin.calls.models import Call, DirectReport, Instruction, Review
from tongxin.calls.selectors import call_rates
from tongxin.demo.plan import demo_load


def test_demo_proposals(db, settings, monkeypatch):
    settings.TONGXIN_TODAY = "2019-08-15"
    monkeypatch.setenv("TONGXIN_CLOCK_ANCHOR", str(time.time()))
    demo_load(stage="running")
    call = Call.objects.get(title="我为赤峰发展献一策")
    assert call.submissions.count() == 120
    assert Review.objects.filter(submission__call=call, round=1).count() == 360
    assert Review.objects.filter(submission__call=call, round=2).count() == 90
    assert Review.objects.filter(submission__call=call, score=None).count() == 0
    assert DirectReport.objects.get(call=call).submissions.count() == 10
    instructions = list(Instruction.objects.filter(submission__call=call).order_by("pk"))
    assert [i.tasks.get().state for i in instructions] == ["done", "open", "open"]
    assert instructions[0].result and instructions[1].tasks.get().last_urged_at is not None
    rates = call_rates(call)
    assert (rates.adoption, rates.instruction, rates.completion) == ("25.0%", "30.0%", "33.3%")

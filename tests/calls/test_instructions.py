"""直通车 专报 to leaders, a 批示 becoming supervised tasks, 办理结果 back to the proposer, and the three rates.

Personas: admin (department staff) sends the 专报 and records 批示 on behalf of 张圣合; zhang (the leader himself)
may record his own; qiaolian proposed the idea and is told the result.
"""

import datetime as dt

import pytest

from tongxin.calls.models import Instruction
from tongxin.calls.selectors import call_rates, lookup_by_receipt
from tongxin.calls.services import (
    CallError,
    TaskSpec,
    call_create,
    direct_report_send,
    instruction_feedback,
    instruction_record,
    submission_create,
    submission_decide,
)
from tongxin.core import clock
from tongxin.notify.models import Notification
from tongxin.supervision.models import Task
from tongxin.supervision.services import task_update


@pytest.fixture
def proposals(programme, people, units):
    call = call_create(actor=people["admin"], activity=programme["c"], kind="call:proposal", title="献一策")
    subs = [
        submission_create(
            actor=people["qiaolian"], call=call, title=f"建议{i}", author_name="王某", author_unit=units["qiaolian"]
        )
        for i in range(4)
    ]
    return call, subs


def test_direct_report_numbers_and_refuses_rejected(proposals, people, leaders):
    call, subs = proposals
    submission_decide(actor=people["admin"], submission=subs[3], decision="reject")
    with pytest.raises(CallError, match="不能报送"):
        direct_report_send(
            actor=people["admin"], call=call, title="", submissions=[subs[3]], leaders=[leaders["zhang"]]
        )
    with pytest.raises(CallError, match="领导"):
        direct_report_send(actor=people["admin"], call=call, title="", submissions=[subs[0]], leaders=[])
    first = direct_report_send(
        actor=people["admin"], call=call, title="", submissions=subs[:2], leaders=[leaders["zhang"]]
    )
    second = direct_report_send(
        actor=people["admin"], call=call, title="第二期", submissions=[subs[2]], leaders=[leaders["wu"]]
    )
    assert (first.number, first.title, second.number) == (1, "献一策直通车专报", 2)


def test_instruction_becomes_tasks_and_feedback_reaches_the_proposer(proposals, people, leaders, units):
    call, subs = proposals
    direct_report_send(actor=people["admin"], call=call, title="", submissions=subs[:2], leaders=[leaders["zhang"]])
    due = clock.today() + dt.timedelta(days=30)
    with pytest.raises(CallError, match="未经直通车"):
        instruction_record(
            actor=people["admin"],
            submission=subs[2],
            leader=leaders["zhang"],
            text="同意",
            tasks=[TaskSpec("研究落实", units["zongjiao"], due)],
        )
    with pytest.raises(CallError, match="早于今天"):
        instruction_record(
            actor=people["admin"],
            submission=subs[0],
            leader=leaders["zhang"],
            text="同意",
            tasks=[TaskSpec("研究落实", units["zongjiao"], clock.today() - dt.timedelta(days=1))],
        )
    assert Instruction.objects.count() == 0 and Task.objects.count() == 0
    instruction = instruction_record(
        actor=people["admin"],
        submission=subs[0],
        leader=leaders["zhang"],
        text="请宗教科研究落实。",
        tasks=[TaskSpec("研究落实", units["zongjiao"], due), TaskSpec("配合调研", units["dangwai"], due)],
    )
    own = instruction_record(
        actor=people["zhang"],
        submission=subs[1],
        leader=leaders["zhang"],
        text="阅。",
        tasks=[TaskSpec("跟进", units["dangwai"], due)],
    )
    assert (instruction.on_behalf, own.on_behalf) == (True, False)
    assert sorted(instruction.tasks.values_list("title", "owner_org__name")) == [
        ("落实张圣合批示：研究落实", "宗教业务科"),
        ("落实张圣合批示：配合调研", "党外干部和民主党派科"),
    ]
    rates = call_rates(call)
    assert (rates.adoption, rates.instruction, rates.completion) == ("50.0%", "100.0%", "0.0%")

    for task in instruction.tasks.all():
        task_update(actor=people["admin"], task=task, expected_version=task.version, state=Task.State.DONE)
    assert call_rates(call).completion == "0.0%"  # done, but the result has not gone back yet
    instruction_feedback(actor=people["admin"], instruction=instruction, result="已纳入明年工作要点。")
    assert call_rates(call).completion == "50.0%"
    assert Notification.objects.filter(recipient=people["qiaolian"], title__contains=subs[0].receipt).count() == 1
    seen = lookup_by_receipt(subs[0].receipt.lower())
    assert seen["results"] == ["已纳入明年工作要点。"] and seen["direct"] is True
    assert lookup_by_receipt("ZJ999-00001") is None

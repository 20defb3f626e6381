"""The calls demo for the "running" stage: 献一策 replayed through July–August 2019 with the real services.

120 proposals from the democratic parties, two review rounds, 10 via 直通车 to 张圣合, 3 with 批示 that became tasks
(one done and its result fed back, one late and urged, one still within its time)."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model

from tongxin.calls.models import Review, Submission
from tongxin.calls.selectors import call_ranking
from tongxin.calls.services import (
    TaskSpec,
    call_create,
    direct_report_send,
    instruction_feedback,
    instruction_record,
    review_score,
    reviewer_add,
    reviews_assign,
    submission_create,
    submission_decide,
)
from tongxin.core import clock
from tongxin.orgs.models import Organisation, Person
from tongxin.supervision.models import Task
from tongxin.supervision.services import task_update, task_urge

PARTIES = ["民革", "民盟", "民建", "民进", "农工党", "九三学社"]
TOPICS = ["营商环境", "乡村振兴", "生态保护", "文旅融合", "民族团结", "人才引进", "城市治理", "教育均衡"]


def _score_round(call, round: int, rng: random.Random, day: dt.date) -> None:
    for i, review in enumerate(Review.objects.filter(submission__call=call, round=round).select_related("reviewer")):
        with clock.travel(day + dt.timedelta(days=i % 4), 9 + i % 8):
            review_score(actor=review.reviewer, review=review, score=rng.randint(55, 98), comment="")


def demo_stage_running(plan) -> None:
    activity = plan.activities.filter(title__contains="献一策").first()
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["admin", "zongjiao", "qiaolian", "viewer", "wulj"])
    }
    if activity is None or len(users) < 5:
        return
    admin, rng = users["admin"], random.Random(2019)
    unit = Organisation.objects.filter(name="党外干部和民主党派科").first()
    with clock.travel(dt.date(2019, 6, 25)):
        call = call_create(actor=admin, activity=activity, kind="call:proposal", title="我为赤峰发展献一策", rounds=2)
        for name in ("zongjiao", "qiaolian", "viewer", "wulj"):
            reviewer_add(actor=admin, call=call, user=users[name])
    for i in range(120):
        with clock.travel(dt.date(2019, 7, 1) + dt.timedelta(days=i % 18), 8 + i % 10):
            party = PARTIES[i % len(PARTIES)]
            submission_create(
                actor=None,
                call=call,
                title=f"关于{TOPICS[i % len(TOPICS)]}的建议（{i + 1}）",
                author_name=f"{party}成员{i + 1}",
                body=f"围绕{TOPICS[i % len(TOPICS)]}提出的书面建议。",
            )
    with clock.travel(dt.date(2019, 7, 20)):
        reviews_assign(actor=admin, call=call, round=1)
    _score_round(call, 1, rng, dt.date(2019, 7, 21))
    with clock.travel(dt.date(2019, 7, 26)):
        for n, (submission, _agg) in enumerate(call_ranking(call, round=1)):
            submission_decide(actor=admin, submission=submission, decision="select" if n < 30 else "reject")
        reviews_assign(actor=admin, call=call, round=2)
    _score_round(call, 2, rng, dt.date(2019, 7, 27))
    with clock.travel(dt.date(2019, 8, 1)):
        ranked = [s for s, _agg in call_ranking(call, round=2)]
        for n, submission in enumerate(ranked):
            submission_decide(actor=admin, submission=submission, decision="select" if n < 10 else "reject")
    leader = Person.objects.filter(name="张圣合").first()
    if leader is None or unit is None:
        return
    best = list(Submission.objects.filter(call=call, state=Submission.State.SELECTED).order_by("pk"))
    with clock.travel(dt.date(2019, 8, 2)):
        direct_report_send(actor=admin, call=call, title="", submissions=best, leaders=[leader])
    instructions = []
    for n, submission in enumerate(best[:3]):
        with clock.travel(dt.date(2019, 8, 5), 15):
            due = dt.date(2019, 8, 12) if n < 2 else dt.date(2019, 9, 30)
            instructions.append(
                instruction_record(
                    actor=admin,
                    submission=submission,
                    leader=leader,
                    text="请相关科室研究吸纳，结果报我。",
                    tasks=[TaskSpec("研究吸纳建议", unit, due)],
                )
            )
    with clock.travel(dt.date(2019, 8, 9), 16):
        task = instructions[0].tasks.get()
        task_update(actor=admin, task=task, expected_version=task.version, state=Task.State.DONE)
        instruction_feedback(actor=admin, instruction=instructions[0], result="建议已纳入市政府营商环境整改清单。")
    with clock.travel(dt.date(2019, 8, 13), 9):
        task_urge(actor=admin, task=instructions[1].tasks.get(), note="批示件已逾期，请抓紧办理。")

"""The demo stage: activity 七's online quiz (统战知识网上竞答) with a bank of about 210 questions, a three-level tree of
participating organisations, about 2,400 participants with practice and formal attempts, rankings, participation rates
and a few flagged attempts. Bulk inserts (participants, attempts, a sample of answer rows), then the background
results job, so it loads in seconds. Everything is stamped in early August 2019 (before the demo's pinned today)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from tongxin.core import clock
from tongxin.orgs.models import Organisation
from tongxin.quiz.bankio import Parsed
from tongxin.quiz.demo_bank import demo_questions
from tongxin.quiz.models import AccessCode, Answer, Attempt, Bank, Contest, Participant, Phase, Question
from tongxin.quiz.results import results_compute
from tongxin.quiz.services import bank_import_commit

COUNTIES = ["红山区", "元宝山区", "松山区", "宁城县", "林西县", "喀喇沁旗", "巴林左旗", "敖汉旗", "阿鲁科尔沁旗",
            "翁牛特旗", "克什克腾旗", "巴林右旗"]
GROUPS = [("民主党派成员", 150), ("新的社会阶层人士", 120), ("统战干部", 40)]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅鑫斌波宇浩凯健俊帆帅旭宁"
PRACTICE = (dt.datetime(2019, 8, 1, 8), dt.datetime(2019, 8, 7, 22))
FORMAL = (dt.datetime(2019, 8, 8, 8), dt.datetime(2019, 8, 14, 22))


def _tree() -> tuple[Organisation, list[Organisation]]:
    root, _ = Organisation.objects.get_or_create(name="全市统一战线竞答参赛组织", defaults={"short_name": "全市"})
    leaves = []
    for county in COUNTIES:
        middle, _ = Organisation.objects.get_or_create(name=f"{county}委统战部", defaults={"parent": root})
        for group, members in GROUPS:
            leaf, _ = Organisation.objects.get_or_create(
                name=f"{county}{group}", defaults={"parent": middle, "member_count": members})
            leaves.append(leaf)
    return root, leaves


def demo_stage_quiz(plan) -> Contest | None:
    activity = plan.activities.filter(number="七").first()
    if activity is None or Contest.objects.filter(activity=activity).exists():
        return None
    with clock.travel(dt.datetime(2019, 7, 25, 9)), transaction.atomic():
        root, leaves = _tree()
        bank = Bank.objects.create(title="庆祝新中国成立70周年暨统一战线知识题库")
        bank_import_commit(actor="演示数据", bank=bank, parsed=Parsed(
            rows=[{"line": i, **q} for i, q in enumerate(demo_questions(), start=2)]))
        contest = Contest.objects.create(
            activity=activity, title="“不忘初心、牢记使命”统战知识网上竞答", bank=bank, root_org=root, time_limit=1800,
            paper_rules=[{"type": "single", "count": 60}, {"type": "multiple", "count": 10},
                         {"type": "judge", "count": 10}],
            points={"single": 1, "multiple": 2, "judge": 1},
        )
        practice = Phase.objects.create(contest=contest, kind="practice", opens_at=_aware(PRACTICE[0]),
                                        closes_at=_aware(PRACTICE[1]), max_attempts=5)
        formal = Phase.objects.create(contest=contest, kind="formal", opens_at=_aware(FORMAL[0]),
                                      closes_at=_aware(FORMAL[1]), max_attempts=5)
        AccessCode.objects.bulk_create([AccessCode(contest=contest, organisation=leaf, code=f"TX{leaf.pk:04d}")
                                        for leaf in leaves])
        _simulate(contest, practice, formal, leaves)
    with clock.travel(dt.datetime(2019, 8, 15, 8, 30)):
        results_compute(contest=contest, actor="演示数据")
    return contest


def _aware(moment: dt.datetime) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(moment)


def _simulate(contest: Contest, practice: Phase, formal: Phase, leaves: list[Organisation]) -> None:
    """Participants by organisation (participation between a third and nine tenths), 1–5 attempts each."""
    rng = random.Random(2019)
    ids = {t: list(Question.objects.filter(bank=contest.bank, type=t).values_list("id", flat=True))
           for t in ("single", "multiple", "judge")}
    people, phone = [], 13900000000
    for leaf in leaves:
        for _ in range(int(leaf.member_count * rng.uniform(0.35, 0.9))):
            phone += rng.randint(1, 40)
            shared = rng.random() < 0.004  # a handful share one phone's browser: flagged for review later
            people.append(Participant(
                contest=contest, organisation=leaf, phone=str(phone),
                name=rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2]))),
                device="demo-shared-device" if shared else f"d{phone}", ip=f"10.{leaf.pk % 250}.{rng.randint(0, 250)}.9",
                created_at=_aware(dt.datetime(2019, 8, 1, 8)) + dt.timedelta(minutes=rng.randint(0, 9000))))
    Participant.objects.bulk_create(people, batch_size=1000)
    attempts = []
    for person in Participant.objects.filter(contest=contest):
        skill = rng.uniform(0.45, 0.97)
        for phase, tries in ((practice, rng.randint(0, 3)), (formal, rng.randint(1, 3))):
            for n in range(tries):
                start = phase.opens_at + dt.timedelta(days=n, minutes=rng.randint(0, 700))
                used = rng.uniform(420, 1790)
                fast = rng.random() < 0.003
                used = rng.uniform(60, 140) if fast else used
                paper = rng.sample(ids["single"], 60) + rng.sample(ids["multiple"], 10) + rng.sample(ids["judge"], 10)
                score = sum(1 for _ in range(60) if rng.random() < skill) + 2 * sum(
                    1 for _ in range(10) if rng.random() < skill - 0.1) + sum(1 for _ in range(10) if rng.random() < skill)
                attempts.append(Attempt(
                    participant=person, phase=phase, started_at=start, deadline=start + dt.timedelta(seconds=1800),
                    submitted_at=start + dt.timedelta(seconds=used), time_used=round(used, 1), score=score,
                    question_ids=paper, hidden_count=rng.choice([0] * 12 + [1, 2, 5]),
                    flagged="答题过快" if fast else ""))
    Attempt.objects.bulk_create(attempts, batch_size=2000)
    best: dict[int, tuple] = {}
    for attempt in attempts:
        if attempt.phase_id == formal.pk:
            key = (attempt.score, -attempt.time_used)
            if attempt.participant_id not in best or key > best[attempt.participant_id][0]:
                best[attempt.participant_id] = (key, attempt)
    scored = []
    for person in Participant.objects.filter(contest=contest):
        _, attempt = best[person.pk]
        person.best_score, person.best_time, person.flagged = attempt.score, attempt.time_used, attempt.flagged
        scored.append(person)
    Participant.objects.bulk_update(scored, ["best_score", "best_time", "flagged"], batch_size=1000)
    sample = Attempt.objects.filter(phase=formal).order_by("pk")[:40]  # answer rows for a sample, to look at
    Answer.objects.bulk_create([Answer(attempt=a, question_id=q, value=[0], saved_at=a.started_at)
                                for a in sample for q in a.question_ids[:20]], batch_size=2000)

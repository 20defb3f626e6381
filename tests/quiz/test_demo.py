"""The demo stage: activity 七's quiz with a written bank, thousands of participants and computed results."""

import time

import pytest

from tongxin.demo.plan import demo_load
from tongxin.quiz.models import Attempt, Contest, OrgResult, Participant


@pytest.fixture
def demo(settings, db):
    settings.TONGXIN_TODAY = "2019-08-15"
    started = time.perf_counter()
    demo_load(stage="running")
    return time.perf_counter() - started


def test_the_demo_has_activity_seven_quiz_with_results(demo, client):
    contest = Contest.objects.get(activity__number="七")
    assert contest.bank.questions.count() >= 200
    assert Participant.objects.filter(contest=contest).count() >= 2000
    assert Attempt.objects.filter(phase__kind="practice").exists() and Attempt.objects.filter(phase__kind="formal").exists()
    assert Participant.objects.filter(contest=contest).exclude(flagged="").exists()
    root = OrgResult.objects.get(contest=contest, organisation=contest.root_org)
    assert root.participants == Participant.objects.filter(contest=contest).count()
    assert 0.3 < root.participation_rate < 0.95 and root.average_score > 0
    html = client.get(f"/p/quiz/{contest.pk}/ranking/").content.decode()
    assert "集体排名" in html and "参赛" in html

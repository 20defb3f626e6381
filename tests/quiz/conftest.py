from datetime import timedelta

import pytest

from tongxin.core import clock
from tongxin.orgs.models import Organisation
from tongxin.quiz.models import Bank, Contest, Phase, Question


@pytest.fixture
def bank(db):
    bank = Bank.objects.create(title="七十周年知识")
    rows = []
    for i in range(12):
        rows.append(Question(bank=bank, type="single", text=f"单选{i}", options=["甲", "乙", "丙", "丁"], answer=[1],
                             category="国史" if i % 2 else "统战", difficulty="易"))
    for i in range(4):
        rows.append(Question(bank=bank, type="multiple", text=f"多选{i}", options=["甲", "乙", "丙"], answer=[0, 2]))
    for i in range(4):
        rows.append(Question(bank=bank, type="judge", text=f"判断{i}", options=["正确", "错误"], answer=[True]))
    rows.append(Question(bank=bank, type="blank", text="填空", answer=["1949"]))
    Question.objects.bulk_create(rows)
    return bank


@pytest.fixture
def tree(db):
    """Three levels: province → two cities → branches (member counts at the leaves)."""
    province = Organisation.objects.create(name="省委会")
    city_a = Organisation.objects.create(name="甲市委会", parent=province)
    city_b = Organisation.objects.create(name="乙市委会", parent=province)
    return {
        "province": province, "city_a": city_a, "city_b": city_b,
        "a1": Organisation.objects.create(name="甲一支社", parent=city_a, member_count=10),
        "a2": Organisation.objects.create(name="甲二支社", parent=city_a, member_count=10),
        "b1": Organisation.objects.create(name="乙一支社", parent=city_b, member_count=20),
    }


@pytest.fixture
def contest(bank, tree):
    now = clock.now()
    contest = Contest.objects.create(
        title="知识竞答", bank=bank, root_org=tree["province"], time_limit=600,
        paper_rules=[{"type": "single", "count": 5}, {"type": "multiple", "count": 2}, {"type": "judge", "count": 2}],
        points={"single": 1, "multiple": 2, "judge": 1},
    )
    Phase.objects.create(contest=contest, kind="practice", opens_at=now - timedelta(days=2),
                         closes_at=now + timedelta(days=30), max_attempts=2)
    return contest


@pytest.fixture
def formal(contest):
    now = clock.now()
    contest.phases.all().delete()
    return Phase.objects.create(contest=contest, kind="formal", opens_at=now - timedelta(days=1),
                                closes_at=now + timedelta(days=30), max_attempts=3)

"""Expected API answers for the programme fixture, and a way to grow it for query-count guards."""

from __future__ import annotations

import datetime as dt

from tests.factories import ActivityFactory, add_window, assign
from tongxin.activities.models import Phase


def expected_a(a) -> dict:
    """Activity A of the programme fixture: a reading club over the year with six two-month sessions."""
    return {
        "id": a.pk,
        "number": "一",
        "title": "双月读书会活动",
        "components": ["recurring_meeting"],
        "windows": [
            {
                "start": "2019-01-01",
                "end": "2019-12-31",
                "text": "2019年1月—12月",
                "tentative": False,
                "approximate": False,
            }
        ],
        "recurrence": None,
        "sessions": [
            {
                "id": s.pk,
                "title": f"第{i}期主题",
                "start": f"2019-{2 * i - 1:02d}-01",
                "end": f"2019-{2 * i:02d}-28",
                "place": None,
            }
            for i, s in enumerate(a.sessions.order_by("order"), start=1)
        ],
        "phases": [],
        "places": [],
        "place_pending": False,
        "participants": [],
        "lead_leaders": ["张圣合"],
        "responsible": ["党外干部和民主党派科"],
        "cooperating": [],
        "origin": "plan",
        "state": "planned",
        # No task yet: the light of an activity nobody is chasing is green.
        "light": "green",
        "light_label": "正常",
    }


def expected_b(b) -> dict:
    return {
        "id": b.pk,
        "number": "二",
        "title": "民主党派骨干培训班",
        "components": ["training"],
        "windows": [
            {
                "start": "2019-06-11",
                "end": "2019-06-20",
                "text": "2019年6月中旬",
                "tentative": False,
                "approximate": False,
            }
        ],
        "recurrence": None,
        "sessions": [],
        "phases": [],
        "places": [],
        "place_pending": False,
        "participants": [],
        "lead_leaders": ["张圣合"],
        "responsible": [],
        "cooperating": ["党外干部和民主党派科"],
        "origin": "plan",
        "state": "planned",
        # No task yet: the light of an activity nobody is chasing is green.
        "light": "green",
        "light_label": "正常",
    }


def expected_c(c) -> dict:
    return {
        "id": c.pk,
        "number": "三",
        "title": "宗教界教风整治活动",
        "components": ["campaign"],
        "windows": [
            {"start": "2019-02-01", "end": "2019-11-30", "text": "从2月—11月", "tentative": False, "approximate": False}
        ],
        "recurrence": None,
        "sessions": [],
        "phases": [],
        "places": [],
        "place_pending": False,
        "participants": [],
        "lead_leaders": ["乌力吉"],
        "responsible": ["宗教业务科"],
        "cooperating": ["市侨联"],
        "origin": "plan",
        "state": "planned",
        # No task yet: the light of an activity nobody is chasing is green.
        "light": "green",
        "light_label": "正常",
    }


def plan_head(plan) -> dict:
    return {"id": plan.pk, "title": "测试庆祝活动方案", "year": 2019, "issuer": "市委统战部", "status": "published"}


def add_activities(programme, units, leaders, n=40):
    for i in range(n):
        a = ActivityFactory(plan=programme["plan"], title=f"追加活动{i}", order=10 + i)
        add_window(a, dt.date(2019, 5, 1), dt.date(2019, 5, 31), "5月")
        a.sessions.create(title="唯一一期", start=dt.date(2019, 5, 10), end=dt.date(2019, 5, 10))
        Phase.objects.create(activity=a, name="启动")
        assign(a, "lead", leaders["zhang"])
        assign(a, "responsible", units["dangwai"])
        assign(a, "cooperating", units["qiaolian"])

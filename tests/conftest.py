"""Shared fixtures: the personas every test speaks of, and a small programme they work on.

Personas (roles in brackets):
- admin      [department administrator] runs the programme: imports, publishes, sees everything.
- zhang      [lead leader 张圣合] leads activities A and B.
- dangwai    [unit member of 党外干部和民主党派科] responsible for A; sees A (and B, where the unit cooperates).
- zongjiao   [unit member of 宗教业务科] responsible for C only; must not see A or B.
- qiaolian   [member organisation 市侨联] cooperates on C.
- viewer     [read-only] sees everything, changes nothing (403).
- stranger   [unit member of a unit with no assignments] sees nothing (404).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.factories import (
    ActivityFactory,
    OrganisationFactory,
    PersonFactory,
    PlanFactory,
    UserFactory,
    add_session,
    add_window,
    assign,
)
from tongxin.accounts.models import User

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

# One headless Chromium for every browser test, wherever it lives (two would each start an event loop and clash).
pytest_plugins = ["tests.browser_fixtures"]

# Property tests: no per-example deadline (a busy CI machine pauses for GC), and in CI the same examples every run,
# so a submission never fails on a draw that the developer's run did not make.
hypothesis_settings.register_profile(
    "tongxin", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=bool(os.environ.get("CI"))
)
hypothesis_settings.load_profile("tongxin")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE_PLAN = ROOT / "tongxin" / "examples" / "chifeng-2019-united-front-70th-plan.txt"


@pytest.fixture(autouse=True)
def _test_settings(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TONGXIN_TODAY = "2019-08-15"
    # Hashing seven personas' passwords with PBKDF2 costs seconds per test; tests do not need the strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def units(db):
    dept = OrganisationFactory(name="市委统战部", kind="department")
    return {
        "dept": dept,
        "dangwai": OrganisationFactory(name="党外干部和民主党派科", parent=dept),
        "zongjiao": OrganisationFactory(name="宗教业务科", parent=dept),
        "qiaolian": OrganisationFactory(name="市侨联", kind="member"),
        "idle": OrganisationFactory(name="无关科室", parent=dept),
    }


@pytest.fixture
def leaders(db):
    return {"zhang": PersonFactory(name="张圣合"), "wu": PersonFactory(name="乌力吉")}


@pytest.fixture
def programme(units, leaders):
    """Plan 2019 with A (reading club, 6 sessions), B (training), C (campaign)."""
    plan = PlanFactory(title="测试庆祝活动方案", year=2019, issuer="市委统战部")
    a = ActivityFactory(plan=plan, number="一", order=0, title="双月读书会活动", kinds=["recurring_meeting"])
    add_window(a, dt.date(2019, 1, 1), dt.date(2019, 12, 31), "2019年1月—12月")
    for i in range(6):
        add_session(a, f"第{i + 1}期主题", dt.date(2019, 2 * i + 1, 1), dt.date(2019, 2 * i + 2, 28))
    assign(a, "lead", leaders["zhang"])
    assign(a, "responsible", units["dangwai"])
    b = ActivityFactory(plan=plan, number="二", order=1, title="民主党派骨干培训班", kinds=["training"])
    add_window(b, dt.date(2019, 6, 11), dt.date(2019, 6, 20), "2019年6月中旬")
    assign(b, "lead", leaders["zhang"])
    assign(b, "cooperating", units["dangwai"])
    c = ActivityFactory(plan=plan, number="三", order=2, title="宗教界教风整治活动", kinds=["campaign"])
    add_window(c, dt.date(2019, 2, 1), dt.date(2019, 11, 30), "从2月—11月")
    assign(c, "lead", leaders["wu"])
    assign(c, "responsible", units["zongjiao"])
    assign(c, "cooperating", units["qiaolian"])
    return {"plan": plan, "a": a, "b": b, "c": c}


@pytest.fixture
def people(units, leaders):
    return {
        "admin": UserFactory(username="admin", role=User.Role.ADMIN, display_name="管理员"),
        "zhang": UserFactory(username="zhang", role=User.Role.LEADER, person=leaders["zhang"], display_name="张圣合"),
        "dangwai": UserFactory(username="dangwai", role=User.Role.UNIT, organisation=units["dangwai"]),
        "zongjiao": UserFactory(username="zongjiao", role=User.Role.UNIT, organisation=units["zongjiao"]),
        "qiaolian": UserFactory(username="qiaolian", role=User.Role.MEMBER_ORG, organisation=units["qiaolian"]),
        "viewer": UserFactory(username="viewer", role=User.Role.VIEWER),
        "stranger": UserFactory(username="stranger", role=User.Role.UNIT, organisation=units["idle"]),
    }


@pytest.fixture
def client_for(client, people):
    """client_for("dangwai") → a test client signed in as that persona."""

    def _as(name: str):
        client.force_login(people[name])
        return client

    return _as


@pytest.fixture
def tasks(programme, people):
    """The programme with the tasks its plan implies (implementation plans, sessions, results reports)."""
    from tongxin.supervision.services import tasks_generate_for_plan

    tasks_generate_for_plan(actor=people["admin"], plan=programme["plan"])
    return programme

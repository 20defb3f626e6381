"""The programme of tests/conftest.py moved into a mid-year state through the real services, each step on its own day.

    党外干部和民主党派科 (activity A, lead leader 张圣合)
      impl_plan  due 01-01  report accepted 01-03 ............... done
      session 1  due 02-28  held 02-20, 45 people, photo, accepted 02-22 ... done
      session 2  due 04-28  held 04-25, returned 04-27 "请补充现场照片" ... returned, red; urged 08-01 and 08-10
      session 3  due 06-28  open ................................ red
      session 4  due 08-28 … session 6, results ................ green
    宗教业务科 (activity C, lead leader 乌力吉)
      impl_plan  due 01-18  submitted 01-10, awaiting review .... red
      manual     due 09-01  titled =HYPERLINK("x") ............... green
      results    due 12-07 ..................................... green
      a report on C whose fields start with formula characters (sent 08-12, awaiting review)

The services stamp records with Django's clock; `replay_at` (the demo's own) sets it to the step's day.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tongxin.demo.running import demo_png, replay_at
from tongxin.supervision.models import Task
from tongxin.supervision.services import (
    report_accept,
    report_return,
    report_submit,
    task_create,
    task_urge,
    tasks_generate_for_plan,
)

D = dt.date
HYPERLINK = '=HYPERLINK("x")'


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Personas are created in every test; the production hasher's 0.5 s each is not what these tests are about."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def a_task(activity, kind: str, session: int | None = None) -> Task:
    qs = Task.objects.filter(activity=activity, kind=kind)
    if session is not None:
        qs = qs.filter(session__order=session)
    return qs.select_related("session").get()


@pytest.fixture
def world(programme, people, units):
    admin, dangwai, zongjiao = people["admin"], people["dangwai"], people["zongjiao"]
    a, c = programme["a"], programme["c"]
    with replay_at(D(2019, 1, 1), 8):
        tasks_generate_for_plan(actor=admin, plan=programme["plan"])
    with replay_at(D(2019, 1, 2), 16):
        impl = report_submit(
            actor=dangwai, activity=a, org=units["dangwai"], task=a_task(a, "impl_plan"), summary="读书会实施方案"
        )
    with replay_at(D(2019, 1, 3), 9, 30):
        report_accept(actor=admin, report=impl)
    s1 = a_task(a, "session", 0)
    with replay_at(D(2019, 2, 21), 10):
        first = report_submit(
            actor=dangwai,
            activity=a,
            org=units["dangwai"],
            task=s1,
            session=s1.session,
            summary="第一期读书会已举办",
            held_on=D(2019, 2, 20),
            place="统战部会议室",
            participants=45,
            files=[("现场.png", demo_png())],
            media_links="https://example.org/news/1\nhttps://example.org/news/2",
        )
    with replay_at(D(2019, 2, 22), 11):
        report_accept(actor=admin, report=first, comment="很好")
    s2 = a_task(a, "session", 1)
    with replay_at(D(2019, 4, 26), 10):
        second = report_submit(
            actor=dangwai, activity=a, org=units["dangwai"], task=s2, session=s2.session, summary="第二期读书会",
            held_on=D(2019, 4, 25), participants=40,
        )  # fmt: skip
    with replay_at(D(2019, 4, 27), 10):
        report_return(actor=admin, report=second, comment="请补充现场照片")
    for day in (D(2019, 8, 1), D(2019, 8, 10)):
        with replay_at(day, 9):
            task_urge(actor=admin, task=s2)
    with replay_at(D(2019, 1, 10), 15):
        report_submit(
            actor=zongjiao, activity=c, org=units["zongjiao"], task=a_task(c, "impl_plan"), summary="整治方案"
        )
    with replay_at(D(2019, 3, 1), 9):
        task_create(actor=admin, activity=c, title=HYPERLINK, owner_org=units["zongjiao"], due=D(2019, 9, 1))
    with replay_at(D(2019, 8, 12), 17):
        report_submit(
            actor=zongjiao, activity=c, org=units["zongjiao"], summary="-1+2", place="@A1",
            media_links="https://example.org/+1",
        )  # fmt: skip
    return programme

"""The demo's directory: 部机关各科室 mapped to the department's sections, 各民主党派市委〈总支〉办公室 to the city's
party committees (each with an account and its own task and light on activity 二), and a few 党外人士."""

from __future__ import annotations

import pytest

from tongxin.accounts.models import User
from tongxin.activities.selectors import activities_visible_to, my_work
from tongxin.demo.plan import PARTIES, demo_load
from tongxin.orgs.models import Organisation, Person
from tongxin.supervision import status
from tongxin.supervision.selectors import tasks_visible_to

pytestmark = pytest.mark.django_db


def test_the_running_demo_reaches_the_parties_and_the_sections(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    plan = demo_load(stage="running")["plan"]
    training, reading = plan.activities.get(number="二"), plan.activities.get(number="一")

    parties = Organisation.objects.get(name="各民主党派市委〈总支〉办公室")
    assert sorted(parties.members.values_list("name", flat=True)) == sorted(name for _u, name, _s in PARTIES)
    sections = Organisation.objects.get(name="部机关各科室")
    assert {"党外干部和民主党派科", "办公室", "研究室", "宗教业务科"} <= set(
        sections.members.values_list("name", flat=True)
    )

    lights = {}
    for username, name, _short in PARTIES:
        user = User.objects.get(username=username)
        assert training in activities_visible_to(user)
        own = status.annotate_tasks(tasks_visible_to(user).filter(activity=training, owner_org__name=name))
        assert own.count() == 1, username
        lights[name] = own.get().light
        # …and not another party's.
        assert not tasks_visible_to(user).filter(activity=training).exclude(owner_org__name=name).exists()
    assert lights == {
        "民革赤峰市委": "done", "民盟赤峰市委": "done", "民建赤峰市委": "done", "民进赤峰市委": "done",
        "农工党赤峰市委": "done", "致公党赤峰市总支": "red", "九三学社赤峰市委": "done", "台盟赤峰市总支": "done",
    }  # fmt: skip
    assert len(PARTIES) == 8

    dangwai = User.objects.get(username="dangwai")
    assert reading in dict(my_work(dangwai))["本单位负责的活动"]

    client.force_login(User.objects.get(username="minmeng"))
    page = client.get(f"/activities/{training.pk}/").content.decode()
    assert "各民主党派市委〈总支〉办公室" in page and "民盟赤峰市委、民建赤峰市委" in page

    figures = Person.objects.filter(kind="figure")
    assert figures.count() == 7 and set(figures.values_list("category", flat=True)) >= {"party_member", "religious"}
    client.force_login(User.objects.get(username="viewer"))
    listing = client.get("/directory/people/").content.decode()
    assert "138****1234" in listing and "13847601234" not in listing

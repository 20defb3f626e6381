"""Units add their own activities (自选动作) and move an activity's state; read-only users cannot."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tongxin.activities.models import Activity
from tongxin.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_unit_adds_its_own_activity_and_then_sees_and_owns_it(client_for, programme, units):
    c = client_for("zongjiao")
    r = c.post(
        reverse("activities:add_own"),
        {
            "plan": programme["plan"].pk,
            "org": units["zongjiao"].pk,
            "title": "宗教场所国旗升挂专项检查",
            "kinds": ["campaign"],
            "start": "2019-09-01",
            "end": "2019-09-20",
            "place": "各宗教活动场所",
        },
    )
    act = Activity.objects.get(origin="own")
    assert r["Location"] == reverse("activities:detail", args=[act.pk])
    assert (act.owner_org, act.kinds, act.places) == (units["zongjiao"], ["campaign"], ["各宗教活动场所"])
    overview = c.get(reverse("activities:overview")).content.decode()
    assert "宗教场所国旗升挂专项检查" in overview and "自选动作" in overview
    assert "宗教场所国旗升挂专项检查" not in client_for("dangwai").get(reverse("activities:overview")).content.decode()
    assert (
        AuditEntry.objects.get(action="activity.add_own").summary == "宗教业务科 添加自选动作“宗教场所国旗升挂专项检查”"
    )


def test_form_keeps_what_was_typed_when_dates_are_reversed(client_for, programme, units):
    r = client_for("zongjiao").post(
        reverse("activities:add_own"),
        {
            "plan": programme["plan"].pk,
            "org": units["zongjiao"].pk,
            "title": "自选活动甲",
            "start": "2019-09-20",
            "end": "2019-09-01",
            "place": "甲地",
        },
    )
    html = r.content.decode()
    assert "结束日期不能早于开始日期" in html and 'value="自选活动甲"' in html and 'value="甲地"' in html
    assert not Activity.objects.filter(origin="own").exists()


def test_a_unit_cannot_add_for_another_unit(client_for, programme, units):
    r = client_for("zongjiao").post(
        reverse("activities:add_own"), {"plan": programme["plan"].pk, "org": units["dangwai"].pk, "title": "冒名活动"}
    )
    assert r.status_code == 200 and not Activity.objects.filter(origin="own").exists()


def test_responsible_unit_moves_state_viewer_gets_403_outsider_404(client_for, programme):
    c = programme["c"]
    url = reverse("activities:set_state", args=[c.pk])
    assert client_for("viewer").post(url, {"state": "done"}).status_code == 403
    assert client_for("dangwai").post(url, {"state": "done"}).status_code == 404
    client_for("zongjiao").post(url, {"state": "underway"})
    c.refresh_from_db()
    assert c.state == "underway"
    assert AuditEntry.objects.get(action="activity.state").changes == {"state": ["planned", "underway"]}

"""The publicity log: entries with counts by outlet type, bad input refused, the reports' media links moved in once,
the list page, the bulletin line and /api/publicity/."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from tongxin.core.modules import get
from tongxin.events import selectors, services
from tongxin.events.models import PublicityEntry
from tongxin.supervision.services import report_submit


def _add(actor, activity, kind="wechat", day=dt.date(2019, 3, 2), **kw):
    return services.publicity_add(
        actor=actor, activity=activity, outlet_type=kind, outlet=kw.get("outlet", "赤峰统一战线"), date=day,
        title=kw.get("title", "读书会第一期"), link=kw.get("link", "https://mp.weixin.qq.com/s/abc"),
    )  # fmt: skip


def test_counts_by_type_include_every_type(programme, people):
    _add(people["admin"], programme["a"])
    _add(people["admin"], programme["a"], kind="tv", outlet="赤峰电视台", link="")
    counts = selectors.publicity_counts(PublicityEntry.objects.all())
    assert counts == [("电视", 1), ("广播", 0), ("报纸", 0), ("网站", 0), ("微信公众号", 1), ("短视频平台", 0)]


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"kind": "blog"}, "请选择媒体类型"),
        ({"outlet": " "}, "请填写媒体名称"),
        ({"title": ""}, "请填写报道标题"),
        ({"link": "javascript:alert(1)"}, "链接应以 http:// 或 https:// 开头"),
    ],
)
def test_bad_entries_are_refused(programme, people, kw, message):
    with pytest.raises(services.EventsError, match=message):
        _add(people["admin"], programme["a"], **kw)
    assert PublicityEntry.objects.count() == 0


def test_media_links_of_reports_move_in_once(programme, people, units):
    report_submit(
        actor=people["dangwai"], activity=programme["a"], org=units["dangwai"], summary="第一期",
        held_on=dt.date(2019, 3, 1), media_links="https://mp.weixin.qq.com/s/x\nhttps://www.douyin.com/v/1",
    )  # fmt: skip
    call_command("publicity_from_reports")
    call_command("publicity_from_reports")
    rows = list(PublicityEntry.objects.order_by("link").values_list("outlet_type", "outlet", "date", "link"))
    assert rows == [
        ("wechat", "微信公众号", dt.date(2019, 3, 1), "https://mp.weixin.qq.com/s/x"),
        ("video", "www.douyin.com", dt.date(2019, 3, 1), "https://www.douyin.com/v/1"),
    ]


def test_list_page_shows_counts_and_adds_an_entry(programme, client_for, django_assert_max_num_queries):
    client = client_for("dangwai")
    url = reverse("events:publicity", args=[programme["a"].pk])
    response = client.post(
        url, {"outlet_type": "paper", "outlet": "赤峰日报", "date": "2019-03-05", "title": "读书会开讲", "link": ""}
    )
    assert response.status_code == 302
    with django_assert_max_num_queries(12):
        body = client.get(url).content.decode()
    assert "报纸 1" in body and "赤峰日报" in body and "读书会开讲" in body
    assert client_for("stranger").get(url).status_code == 404
    viewer = client_for("viewer").post(url, {"outlet_type": "paper", "outlet": "x", "date": "2019-03-05", "title": "y"})
    assert viewer.status_code == 403 and PublicityEntry.objects.count() == 1


def test_bulletin_line_and_api(programme, people, client_for):
    _add(people["admin"], programme["a"])
    lines = get("events").bulletin_lines(programme["plan"], dt.date(2019, 3, 1), dt.date(2019, 3, 31))
    assert lines == ["各类媒体宣传报道1篇（微信公众号1篇）。"]
    data = client_for("dangwai").get("/api/publicity/").json()
    assert data["count"] == 1 and data["by_type"]["微信公众号"] == 1
    assert data["results"][0]["title"] == "读书会第一期"
    assert client_for("zongjiao").get("/api/publicity/").json()["count"] == 0


def test_api_session_carries_speakers_attendance_and_minutes_and_both_are_in_the_schema(tasks, people, client_for):
    session = tasks["a"].sessions.order_by("order").first()
    services.attendance_record(actor=people["admin"], session=session, name="王芳", unit_name="市侨联")
    services.minutes_file(actor=people["admin"], session=session, text="学习了……", is_department=True)
    data = client_for("dangwai").get(f"/api/events/sessions/{session.pk}").json()
    assert data["state"] == "held" and data["attendance"]["count"] == 1
    assert data["attendance"]["people"][0]["name"] == "王芳" and data["minutes"]["text"] == "学习了……"
    assert client_for("zongjiao").get(f"/api/events/sessions/{session.pk}").status_code == 404
    schema = client_for("admin").get("/api/openapi.json").json()
    assert {"/api/publicity/", "/api/events/sessions/{id}"} <= set(schema["paths"])
    assert "SessionRun" in schema["components"]["schemas"]

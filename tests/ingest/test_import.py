"""Import → review → publish, through the pages an administrator uses (personas in tests/conftest.py).

The reading of an upload is a background job: most tests run it at once (the `immediate` fixture); the first two
look at the queued state with the database backend, as the real worker sees it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.conftest import EXAMPLE_PLAN
from tests.ingest.conftest import upload
from tongxin.activities.models import Activity, Assignment
from tongxin.audit.models import AuditEntry
from tongxin.core import clock
from tongxin.ingest.services import plan_import_parse
from tongxin.orgs.models import OrganisationAlias
from tongxin.plans.models import Plan, PlanImport

pytestmark = pytest.mark.django_db


def publish(client, record: PlanImport, **merges):
    return client.post(reverse("ingest:publish", args=[record.pk]), merges)


def test_an_upload_waits_in_the_queue_and_the_page_polls_until_it_is_read(client_for):
    c = client_for("admin")
    r = upload(c, "方案.txt", EXAMPLE_PLAN.read_bytes())
    record = PlanImport.objects.get()
    assert (record.status, record.draft, r["Location"]) == ("queued", {}, reverse("ingest:review", args=[record.pk]))
    assert DBTaskResult.objects.get().task_path == "tongxin.ingest.tasks.import_parse"
    html = c.get(r["Location"]).content.decode()
    assert '<li class="step step-current" aria-current="step">排队中</li>' in html
    assert f'hx-get="{reverse("ingest:progress", args=[record.pk])}" hx-trigger="every 1s"' in html
    polled = c.get(reverse("ingest:progress", args=[record.pk]), HTTP_HX_REQUEST="true")
    assert "排队中" in polled.content.decode() and "HX-Redirect" not in polled
    with clock.travel(record.uploaded_at + dt.timedelta(minutes=2)):  # no worker has picked it up
        stalled = c.get(reverse("ingest:progress", args=[record.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "后台任务进程可能没有运行" in stalled and 'hx-trigger="every 1s"' in stalled

    plan_import_parse(plan_import=record)  # what the worker does

    record.refresh_from_db()
    assert (record.status, len(record.draft["activities"])) == ("draft", 11)
    done = c.get(reverse("ingest:progress", args=[record.pk]), HTTP_HX_REQUEST="true")
    assert (done.status_code, done["HX-Redirect"]) == (204, reverse("ingest:review", args=[record.pk]))


def test_an_unreadable_file_fails_in_the_job_with_a_chinese_message(client_for):
    c = client_for("admin")
    upload(c, "方案.docx", b"PK\x03\x04 not really a zip")
    record = PlanImport.objects.get()
    plan_import_parse(plan_import=record)
    record.refresh_from_db()
    assert record.status == "failed" and record.error
    html = c.get(reverse("ingest:review", args=[record.pk])).content.decode()
    assert '<li class="step step-failed">识别失败</li>' in html
    assert record.error in html and "重新上传" in html
    assert "hx-trigger" not in html  # polling stops


def test_the_review_lists_items_compactly_beside_the_highlighted_source(client_for, immediate):
    c = client_for("admin")
    r = upload(c, "方案.txt", EXAMPLE_PLAN.read_bytes())
    html = c.get(r["Location"]).content.decode()
    assert html.count('data-testid="review-activity"') == 11
    assert '<mark class="hl hl-lead" title="牵头领导">郑江</mark>' in html
    assert '<mark class="hl hl-time" title="时间">2019年6月中旬</mark>' in html
    assert '2019年6月中旬<span class="days">（2019-06-11 至 2019-06-20）</span>' in html  # the phrase and its days
    assert "党外知识分子联络中心 / 党外知识分子联络服务中心" in html  # offered for merging
    assert 'type="checkbox"' not in html  # kinds are edited one item at a time, as one multi-select
    assert html.count("<input") < 40
    assert "发布后将新建方案，共 11 项活动。" in html
    assert not Plan.objects.exists()


def test_publishing_posts_only_merge_decisions_and_creates_the_plan(client_for, immediate):
    c = client_for("admin")
    upload(c, "方案.txt", EXAMPLE_PLAN.read_bytes())
    record = PlanImport.objects.get()
    retitle(c, record)
    r = publish(c, record, dup1="党外知识分子联络中心")
    plan = Plan.objects.get()
    assert r["Location"] == reverse("activities:plan_detail", args=[plan.pk])
    assert (plan.title, plan.year, plan.status) == ("统一战线庆祝活动方案", 2019, "published")
    assert plan.activities.count() == 11
    reading = plan.activities.get(number="一")
    assert reading.sessions.count() == 6
    assert [a.holder_name for a in reading.assignments.filter(role="lead")] == ["郑江", "乌力吉", "张圣合"]
    assert OrganisationAlias.objects.get(name="党外知识分子联络服务中心").organisation.name == "党外知识分子联络中心"
    assert AuditEntry.objects.filter(action="plan.import", plan_id=plan.pk).count() == 1
    record.refresh_from_db()
    assert (record.status, record.plan_id) == ("published", plan.pk)


def test_publishing_in_the_background_shows_progress_then_opens_the_plan(client_for):
    c = client_for("admin")
    upload(c, "方案.txt", EXAMPLE_PLAN.read_bytes())
    record = PlanImport.objects.get()
    plan_import_parse(plan_import=record)
    publish(c, record)
    record.refresh_from_db()
    assert record.status == "publishing"
    assert "正在发布" in c.get(reverse("ingest:review", args=[record.pk])).content.decode()
    from tongxin.ingest.services import plan_import_publish_run

    plan_import_publish_run(plan_import=record, merges={}, user_id=None)
    done = c.get(reverse("ingest:progress", args=[record.pk]), HTTP_HX_REQUEST="true")
    assert done["HX-Redirect"] == reverse("activities:plan_detail", args=[Plan.objects.get().pk])


def retitle(client, record: PlanImport, title: str = "统一战线庆祝活动方案") -> None:
    client.post(reverse("ingest:info", args=[record.pk]), {"info-title": title, "info-year": "2019"})


def item_data(**values) -> dict:
    base = {"number": "", "title": "", "times": "", "lead_leaders": "", "responsible": "", "cooperating": ""}
    return {**base, "places": "", "participants": "", **values}


def test_one_item_is_corrected_on_its_own_and_the_rest_stays_as_parsed(client_for, immediate):
    c = client_for("admin")
    upload(c, "方案.txt", EXAMPLE_PLAN.read_bytes())
    record = PlanImport.objects.get()
    item = record.draft["activities"][7]
    form = c.get(reverse("ingest:item", args=[record.pk, 7]), HTTP_HX_REQUEST="true").content.decode()
    assert form.startswith('<li class="item-row editing" id="item-7"') and '<select name="components"' in form
    r = c.post(
        reverse("ingest:item", args=[record.pk, 7]),
        item_data(number="八", title=item["title"], times="2019年9月10日\n10月1日前后", cooperating="市侨联、市台办",
                  components=["meeting", "event"]),
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    row = r.content.decode()
    assert row.startswith('<li class="item-row" id="item-7"')
    assert (
        '2019年9月10日<span class="days">（2019-09-10）</span>；10月1日前后<span class="days">（2019-09-24 至 2019-10-08）</span>'
        in row
    )
    c.post(reverse("ingest:item_exclude", args=[record.pk, 0]), {"excluded": "1"})
    publish(c, record)
    plan = Plan.objects.get()
    assert plan.activities.count() == 10 and not plan.activities.filter(number="一").exists()
    eight = Activity.objects.get(number="八")
    assert [a.holder_name for a in eight.assignments.filter(role="cooperating")] == ["市侨联", "市台办"]
    assert [(str(w.start), str(w.end), w.approximate) for w in eight.windows.all()] == [
        ("2019-09-10", "2019-09-10", False),
        ("2019-09-24", "2019-10-08", True),
    ]
    assert eight.kinds == ["meeting", "event"]
    assert Activity.objects.get(number="十一").assignments.filter(role="lead").count() == 1  # untouched


def test_a_time_that_cannot_be_read_is_refused_in_chinese_and_nothing_is_lost(client_for, immediate):
    c = client_for("admin")
    upload(c, "方案.txt", EXAMPLE_PLAN.read_bytes())
    record = PlanImport.objects.get()
    before = record.draft["activities"][2]
    r = c.post(
        reverse("ingest:item", args=[record.pk, 2]),
        item_data(title="改过的名称", times="下周找时间"),
        HTTP_HX_REQUEST="true",
    )
    html = r.content.decode()
    assert "无法识别时间“下周找时间”" in html and 'value="改过的名称"' in html
    record.refresh_from_db()
    assert record.draft["activities"][2] == before
    preview = c.post(reverse("ingest:times", args=[record.pk]), {"times": "9月底前\n随便"}).content.decode()
    assert "9月底前 → 2019-09-30 前" in preview and "无法识别时间“随便”" in preview


NOTICE = """关于组织收看庆祝大会直播的通知
各科室：
经研究，决定组织全体干部集中收看大会直播。现将有关事项通知如下。
请各科室高度重视，认真组织。
市委统战部
2019年9月20日
""".encode()


def test_when_nothing_is_found_a_person_adds_the_item_and_publishes_it(client_for, immediate):
    c = client_for("admin")
    r = upload(c, "收看通知.txt", NOTICE)
    record = PlanImport.objects.get()
    assert record.draft["activities"] == []
    html = c.get(r["Location"]).content.decode()
    assert "没有识别出任何活动" in html and 'data-testid="add-item"' in html
    assert 'data-testid="publish-button"' in html and " disabled>" in html
    r = c.post(
        reverse("ingest:item_new", args=[record.pk]),
        item_data(title="集中收看庆祝大会直播", times="2019年10月1日", places="机关三楼会议室", responsible="办公室"),
    )
    assert r["Location"] == reverse("ingest:review", args=[record.pk]) + "?page=1#item-0"
    assert "发布后将新建方案，共 1 项活动。" in c.get(r["Location"]).content.decode()
    publish(c, record)
    act = Plan.objects.get().activities.get()
    assert (act.title, act.places, str(act.starts_on)) == ("集中收看庆祝大会直播", ["机关三楼会议室"], "2019-10-01")
    assert [a.holder_name for a in act.assignments.all()] == ["办公室"]


def test_publishing_a_corrected_file_says_it_updates_the_existing_plan(client_for, immediate):
    c = client_for("admin")
    upload(c, "方案.txt", EXAMPLE_PLAN.read_bytes())
    first = PlanImport.objects.get()
    retitle(c, first)
    publish(c, first)
    plan = Plan.objects.get()
    ids = sorted(plan.activities.values_list("pk", flat=True))
    session_ids = sorted(plan.activities.get(number="一").sessions.values_list("pk", flat=True))
    corrected = EXAMPLE_PLAN.read_text().replace(
        "牵头领导:乌力吉,责任科室:宗教业务科", "牵头领导:郑江,责任科室:宗教业务科"
    )
    upload(c, "方案（修订）.txt", corrected.encode())
    second = PlanImport.objects.get(status="draft")
    retitle(c, second)  # the web copy has no title line: the file names differ, the reviewer types the same title
    c.post(reverse("ingest:item_exclude", args=[second.pk, 9]), {"excluded": "1"})
    html = c.get(reverse("ingest:review", args=[second.pk])).content.decode()
    expected = (
        f"这是已有方案《{plan.title}》（第 1 版）的修订版：发布后将更新 10 项，新增 0 项，取消 1 项（新版本中已没有）。"
    )
    assert expected in html and "发布修订版" in html
    publish(c, second)
    plan.refresh_from_db()
    assert (Plan.objects.count(), plan.version) == (1, 2)
    assert sorted(plan.activities.values_list("pk", flat=True)) == ids
    assert sorted(plan.activities.get(number="一").sessions.values_list("pk", flat=True)) == session_ids
    assert plan.activities.get(number="十").state == "cancelled"
    assert Assignment.objects.get(activity__number="十一", role="lead").holder_name == "郑江"
    assert AuditEntry.objects.filter(action="plan.reimport", plan_id=plan.pk).count() == 1


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("方案.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "不支持旧版 .doc 文件"),
        ("方案.xls", b"x", "不支持旧版 .xls"),
        ("方案.png", b"\x89PNG", "只能导入 .txt、.docx 或 .pdf"),
        ("方案.txt", b"", "上传的文件是空的"),
        ("方案.docx", b"not a zip", "不是 Word 文档"),
        ("方案.pdf", b"<html>", "不是 PDF 文档"),
    ],
)
def test_bad_files_get_a_chinese_message_and_store_nothing(client_for, immediate, name, data, message):
    r = upload(client_for("admin"), name, data)
    assert r.status_code == 200
    assert message in r.content.decode()
    assert not PlanImport.objects.exists() and not Plan.objects.exists()


def test_a_failing_publish_changes_nothing_and_goes_back_to_review(client_for, immediate, monkeypatch):
    c = client_for("admin")
    upload(c, "方案.txt", EXAMPLE_PLAN.read_bytes())
    record = PlanImport.objects.get()
    from tongxin.ingest.services import publishing

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(publishing, "_assignments", boom)  # a failure half-way through the activities
    r = publish(c, record)
    assert not Plan.objects.exists() and not Activity.objects.exists()
    record.refresh_from_db()
    assert (record.status, record.error) == (
        "draft",
        "发布时出错，方案没有任何改动。请稍后重试；如仍失败，请联系管理员。",
    )
    assert record.error in c.get(r["Location"]).content.decode()


def test_gbk_text_imports_the_same(client_for, immediate):
    upload(client_for("admin"), "方案.txt", EXAMPLE_PLAN.read_text().encode("gbk"))
    assert len(PlanImport.objects.get().draft["activities"]) == 11


@pytest.mark.parametrize("who,status", [("viewer", 403), ("dangwai", 403)])
def test_only_administrators_review_imports(client_for, immediate, who, status):
    upload(client_for("admin"), "方案.txt", EXAMPLE_PLAN.read_bytes())
    record = PlanImport.objects.get()
    c = client_for(who)
    for url in (reverse("ingest:review", args=[record.pk]), reverse("ingest:gold", args=[record.pk])):
        assert c.get(url).status_code == status
    assert c.post(reverse("ingest:item_new", args=[record.pk]), item_data(title="x")).status_code == status
    assert len(PlanImport.objects.get().draft["activities"]) == 11


def test_the_plan_list_shows_imports_still_in_progress_with_their_state(client_for, django_assert_max_num_queries):
    c = client_for("admin")
    upload(c, "排队的方案.txt", EXAMPLE_PLAN.read_bytes())
    upload(c, "坏文件.docx", b"PK\x03\x04 not a zip")
    plan_import_parse(plan_import=PlanImport.objects.get(original_name="坏文件.docx"))
    with django_assert_max_num_queries(8):
        html = c.get(reverse("plans:list")).content.decode()
    assert '排队的方案.txt</a> <span class="tag">排队中</span>' in html
    assert '坏文件.docx</a> <span class="tag">识别失败</span>' in html

"""Import → review → publish, through the pages an administrator uses (personas in tests/conftest.py)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import EXAMPLE_PLAN
from tongxin.activities.models import Activity, Assignment
from tongxin.audit.models import AuditEntry
from tongxin.orgs.models import OrganisationAlias
from tongxin.plans.models import Plan, PlanImport

pytestmark = pytest.mark.django_db


def upload(client, name: str, data: bytes):
    return client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, data)})


def publish(client, record: PlanImport, **extra):
    form = client.get(reverse("plans:review", args=[record.pk])).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value
    data.update(extra)
    data["publish"] = "1"
    return client.post(reverse("plans:review", args=[record.pk]), data)


def test_upload_shows_the_draft_beside_the_highlighted_source(client_for):
    c = client_for("admin")
    r = upload(c, "方案.txt", EXAMPLE_PLAN.read_bytes())
    record = PlanImport.objects.get()
    assert r["Location"] == reverse("plans:review", args=[record.pk])
    html = c.get(r["Location"]).content.decode()
    assert html.count('data-testid="review-activity"') == 11
    assert '<mark class="hl hl-lead" title="牵头领导">郑江</mark>' in html
    assert '<mark class="hl hl-time" title="时间">2019年6月中旬</mark>' in html
    assert "党外知识分子联络中心 / 党外知识分子联络服务中心" in html  # offered for merging
    assert not Plan.objects.exists()


def test_publish_creates_the_plan_with_activities_roles_and_merges(client_for):
    c = client_for("admin")
    upload(c, "方案.txt", EXAMPLE_PLAN.read_bytes())
    record = PlanImport.objects.get()
    r = publish(c, record, title="统一战线庆祝活动方案", dup1="党外知识分子联络中心")
    plan = Plan.objects.get()
    assert r["Location"] == reverse("plans:detail", args=[plan.pk])
    assert (plan.title, plan.year, plan.issuer, plan.status) == (
        "统一战线庆祝活动方案",
        2019,
        "市委统战部",
        "published",
    )
    assert plan.activities.count() == 11
    reading = plan.activities.get(number="一")
    assert reading.sessions.count() == 6
    assert [a.holder_name for a in reading.assignments.filter(role="lead")] == ["郑江", "乌力吉", "张圣合"]
    assert OrganisationAlias.objects.get(name="党外知识分子联络服务中心").organisation.name == "党外知识分子联络中心"
    coop = plan.activities.get(number="三").assignments.filter(role="cooperating")
    assert "党外知识分子联络中心" in [a.holder_name for a in coop]
    assert AuditEntry.objects.filter(action="plan.import", plan_id=plan.pk).count() == 1


def test_corrections_typed_in_review_are_what_gets_published(client_for):
    c = client_for("admin")
    upload(c, "方案.txt", EXAMPLE_PLAN.read_bytes())
    record = PlanImport.objects.get()
    publish(c, record, **{"a7-cooperating": "市侨联、市台办", "a0-include": "", "a2-w0-start": "2019-09-10"})
    plan = Plan.objects.get()
    assert plan.activities.count() == 10
    assert [a.holder_name for a in Activity.objects.get(number="八").assignments.filter(role="cooperating")] == [
        "市侨联",
        "市台办",
    ]
    assert str(Activity.objects.get(number="三").windows.get().start) == "2019-09-10"


def test_reimporting_a_corrected_version_updates_the_same_plan(client_for):
    c = client_for("admin")
    upload(c, "方案.txt", EXAMPLE_PLAN.read_bytes())
    publish(c, PlanImport.objects.get(), title="统一战线庆祝活动方案")
    plan = Plan.objects.get()
    ids = sorted(plan.activities.values_list("pk", flat=True))
    session_ids = sorted(plan.activities.get(number="一").sessions.values_list("pk", flat=True))
    corrected = EXAMPLE_PLAN.read_text().replace(
        "牵头领导:乌力吉,责任科室:宗教业务科", "牵头领导:郑江,责任科室:宗教业务科"
    )
    upload(c, "方案（修订）.txt", corrected.encode())
    publish(c, PlanImport.objects.filter(status="draft").get(), title="统一战线庆祝活动方案")
    assert Plan.objects.count() == 1
    plan.refresh_from_db()
    assert plan.version == 2
    assert sorted(plan.activities.values_list("pk", flat=True)) == ids
    assert sorted(plan.activities.get(number="一").sessions.values_list("pk", flat=True)) == session_ids
    lead = Assignment.objects.get(activity__number="十一", role="lead")
    assert lead.holder_name == "郑江"
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
        ("方案.txt", "这是一段没有编号的普通文字。".encode(), "没有从文件中识别出任何活动"),
    ],
)
def test_bad_files_get_a_chinese_message_and_store_nothing(client_for, name, data, message):
    r = upload(client_for("admin"), name, data)
    assert r.status_code == 200
    assert message in r.content.decode()
    assert not PlanImport.objects.exists() and not Plan.objects.exists()


def test_a_failing_publish_changes_nothing(client_for, monkeypatch):
    c = client_for("admin")
    upload(c, "方案.txt", EXAMPLE_PLAN.read_bytes())
    record = PlanImport.objects.get()
    from tongxin.plans.services import publishing

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(publishing, "_sync_assignments", boom)  # a failure half-way through the activities
    with pytest.raises(RuntimeError):
        publish(c, record)
    assert not Plan.objects.exists() and not Activity.objects.exists()
    record.refresh_from_db()
    assert record.status == "draft"


def test_gbk_text_imports_the_same(client_for):
    c = client_for("admin")
    upload(c, "方案.txt", EXAMPLE_PLAN.read_text().encode("gbk"))
    assert len(PlanImport.objects.get().draft["activities"]) == 11

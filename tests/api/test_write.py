"""Write API with personal tokens: create a task, submit a report with files — the pages' rules, no more.

Personas from tests/conftest.py: dangwai submits for A from its OA system with a write token and the department
(admin) sees the report; zongjiao cannot reach A (404); viewer and read tokens never write (403).
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.api.test_openapi import conforms
from tongxin.supervision.models import Evidence, ProgressReport, Task
from tongxin.tokens.services import token_create

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


def token_client(user, scope: str = "write") -> Client:
    _, raw = token_create(actor=user, owner=user, name="OA 对接", scope=scope)
    # enforce_csrf_checks: a token-authenticated POST needs no CSRF token, and must not.
    return Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {raw}"})


def first_session_task(tasks) -> Task:
    return Task.objects.get(activity=tasks["a"], kind="session", session__order=0)


def test_a_unit_submits_a_report_with_a_file_by_token_and_the_department_sees_it(tasks, people, client_for):
    task = first_session_task(tasks)
    api = token_client(people["dangwai"])
    r = api.post(
        "/api/reports",
        {
            "activity": tasks["a"].pk,
            "task": task.pk,
            "summary": "第一期读书会在市委党校举办（由 OA 系统报送）。",
            "held_on": "2019-02-20",
            "participants": "45",
            "files": [SimpleUploadedFile("现场照片.png", PNG, "image/png")],
        },
    )
    assert r.status_code == 201, r.content.decode()
    body = r.json()
    report = ProgressReport.objects.get()
    assert body == {
        "id": report.pk,
        "activity_id": tasks["a"].pk,
        "task_id": task.pk,
        "session_id": task.session_id,
        "org": "党外干部和民主党派科",
        "state": "submitted",
        "summary": "第一期读书会在市委党校举办（由 OA 系统报送）。",
        "evidence": [{"name": "现场照片.png", "content_type": "image/png", "size": len(PNG)}],
        "page_url": f"/supervision/reports/{report.pk}/",
    }
    assert Evidence.objects.get().file.read() == PNG
    assert (report.author, report.org) == (people["dangwai"], people["dangwai"].organisation)
    task.refresh_from_db()
    assert task.state == "submitted"
    spec = Client().get("/api/openapi.json").json()
    conforms(body, {"$ref": "#/components/schemas/ReportCreated"}, spec)
    assert set(body) == set(spec["components"]["schemas"]["ReportCreated"]["properties"])
    listing = client_for("admin").get("/supervision/reports/").content.decode()
    assert listing.count('data-testid="report-row"') == 1 and "共 1 份报告" in listing
    assert f'href="/supervision/reports/{report.pk}/">双月读书会活动</a>' in listing
    assert "第一期读书会在市委党校举办（由 OA 系统报送）。" in listing and "1 个附件" in listing
    page = client_for("admin").get(f"/supervision/reports/{report.pk}/").content.decode()
    assert "由 OA 系统报送" in page and "现场照片.png" in page


def test_a_bad_file_is_refused_with_the_pages_message_and_nothing_is_saved(tasks, people):
    r = token_client(people["dangwai"]).post(
        "/api/reports",
        {"activity": tasks["a"].pk, "summary": "已举办", "files": [SimpleUploadedFile("a.jpg", b"MZ\x90\x00")]},
    )
    assert r.status_code == 400
    assert r.json() == {"detail": "“a.jpg”的内容与扩展名不符，可能已损坏或被改名。"}
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()


def test_missing_fields_list_each_error_in_chinese(tasks, people):
    r = token_client(people["dangwai"]).post("/api/reports", {"activity": tasks["a"].pk})
    assert r.status_code == 400
    assert r.json() == {"detail": "提交的内容有误，未保存。", "errors": {"summary": ["这个字段是必填项。"]}}
    conforms(r.json(), {"$ref": "#/components/schemas/ValidationError"}, Client().get("/api/openapi.json").json())


def test_a_token_never_reaches_more_than_its_owner(tasks, people):
    # zongjiao cannot see A: 404, as on the page; the viewer sees it but may not report: 403.
    r = token_client(people["zongjiao"]).post("/api/reports", {"activity": tasks["a"].pk, "summary": "x"})
    assert (r.status_code, r.json()) == (404, {"detail": "未找到，或您无权查看。"})
    r = token_client(people["viewer"]).post("/api/reports", {"activity": tasks["a"].pk, "summary": "x"})
    assert (r.status_code, r.json()) == (403, {"detail": "您没有权限进行此操作。"})
    r = token_client(people["dangwai"]).post(
        "/api/tasks", {"activity": tasks["a"].pk, "title": "x", "owner_org": 1, "due": "2019-09-01"},
        content_type="application/json",
    )  # fmt: skip
    assert r.status_code == 403  # creating tasks is the department's
    assert not ProgressReport.objects.exists()


def test_a_read_token_cannot_write(tasks, people):
    r = token_client(people["admin"], scope="read").post("/api/reports", {"activity": tasks["a"].pk, "summary": "x"})
    assert (r.status_code, r.json()) == (403, {"detail": "只读令牌不能修改数据，请使用读写令牌。"})
    assert not ProgressReport.objects.exists()


def test_the_department_creates_a_task_by_token_and_reads_it_back(tasks, people, units):
    api = token_client(people["admin"])
    r = api.post(
        "/api/tasks",
        {
            "activity": tasks["c"].pk,
            "title": "报送活动影像资料",
            "owner_org": units["zongjiao"].pk,
            "due": "2019-09-30",
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content.decode()
    task = Task.objects.get(title="报送活动影像资料")
    assert (task.activity, task.owner_org, str(task.due), task.created_by) == (
        tasks["c"],
        units["zongjiao"],
        "2019-09-30",
        people["admin"],
    )
    spec = Client().get("/api/openapi.json").json()
    conforms(r.json(), {"$ref": "#/components/schemas/Task"}, spec)
    assert api.get(f"/api/tasks/{task.pk}").json() == r.json()
    example = spec["components"]["schemas"]["TaskInput"]["examples"][0]
    conforms(example, {"$ref": "#/components/schemas/TaskInput"}, spec)
    bad = api.post("/api/tasks", {"activity": tasks["c"].pk, "title": "x"}, content_type="application/json")
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"owner_org", "due"}
    assert api.post("/api/tasks", b"{not json", content_type="application/json").json() == {
        "detail": "请求体不是有效的 JSON。"
    }


def test_a_session_post_still_needs_its_csrf_token(tasks, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["dangwai"])
    r = client.post("/api/reports", {"activity": tasks["a"].pk, "summary": "x"})
    assert r.status_code == 403 and not ProgressReport.objects.exists()

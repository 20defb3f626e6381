"""Progress reports (开展情况): the form with evidence, review (采用 / 退回), the list and evidence downloads.

Personas from tests/conftest.py: dangwai reports on A (its unit is responsible), admin reviews,
zongjiao must not see A's reports (404), viewer reads everything and changes nothing (403).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tongxin.supervision.models import Evidence, ProgressReport, Task
from tongxin.supervision.services import report_submit

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100
PDF = b"%PDF-1.4\n" + b"0" * 100


def session_task(tasks, n: int = 1) -> Task:
    return Task.objects.get(activity=tasks["a"], kind="session", session__order=n - 1)


def form_data(**extra) -> dict:
    data = {
        "summary": "第一期读书会在市委党校举办，围绕新中国成立70周年交流心得。",
        "held_on": "2019-02-20",
        "place": "市委党校",
        "participants": "45",
        "media_links": "https://example.org/news/1\nhttps://example.org/news/2",
    }
    data.update(extra)
    return data


def submit(tasks, units, people, **kw) -> ProgressReport:
    t = kw.pop("task", session_task(tasks))
    return report_submit(
        actor=people["dangwai"],
        activity=tasks["a"],
        org=units["dangwai"],
        summary=kw.pop("summary", "已举办"),
        task=t,
        session=t.session,
        **kw,
    )


def test_unit_reports_with_photos_files_and_links(client_for, tasks, units):
    t = session_task(tasks)
    c = client_for("dangwai")
    url = reverse("supervision:report_new", args=[tasks["a"].pk])
    form_html = c.get(url, {"task": t.pk}).content.decode()
    assert f'<option value="{t.pk}" selected>' in form_html
    assert f'<option value="{t.session_id}" selected>' in form_html
    assert 'type="file" name="files" multiple' in form_html and 'name="org"' not in form_html
    files = [
        SimpleUploadedFile("现场照片.png", PNG, "image/png"),
        SimpleUploadedFile("签到表.pdf", PDF, "application/pdf"),
    ]
    r = c.post(url, {**form_data(task=t.pk), "files": files})
    report = ProgressReport.objects.get()
    assert r["Location"] == reverse("supervision:report_detail", args=[report.pk])
    assert (report.org, report.task, report.session, report.participants, report.held_on, report.state) == (
        units["dangwai"],
        t,
        t.session,
        45,
        dt.date(2019, 2, 20),
        "submitted",
    )
    assert sorted(report.evidence.values_list("original_name", "content_type")) == [
        ("现场照片.png", "image/png"),
        ("签到表.pdf", "application/pdf"),
    ]
    t.refresh_from_db()
    assert t.state == "submitted"
    html = c.get(r["Location"]).content.decode()
    photo, pdf = report.evidence.get(content_type="image/png"), report.evidence.get(content_type="application/pdf")
    assert f'<img class="thumb" src="{reverse("supervision:evidence", args=[photo.pk])}" alt="现场照片.png"' in html
    assert f'<a href="{reverse("supervision:evidence", args=[pdf.pk])}" download>签到表.pdf</a>' in html
    assert "/media/" not in html
    assert '<a href="https://example.org/news/2" rel="noopener noreferrer nofollow" target="_blank">' in html
    assert 'data-testid="report-state">待审核<' in html and "采用" not in html  # units do not review


def test_a_rejected_file_keeps_everything_typed_and_stores_nothing(client_for, tasks):
    t = session_task(tasks)
    url = reverse("supervision:report_new", args=[tasks["a"].pk])
    bad = SimpleUploadedFile("照片.png", b"MZ\x90\x00 not really a png", "image/png")
    r = client_for("dangwai").post(url, {**form_data(task=t.pk), "files": [SimpleUploadedFile("a.png", PNG), bad]})
    assert r.status_code == 400
    html = r.content.decode()
    assert "“照片.png”的内容与扩展名不符，可能已损坏或被改名。（其他内容已保留，请重新选择文件。）" in html
    assert "第一期读书会在市委党校举办，围绕新中国成立70周年交流心得。</textarea>" in html
    assert 'value="市委党校"' in html and 'value="45"' in html and 'value="2019-02-20"' in html
    assert "https://example.org/news/1\nhttps://example.org/news/2</textarea>" in html
    assert f'<option value="{t.pk}" selected>' in html
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()
    r = client_for("dangwai").post(url, {**form_data(), "files": [SimpleUploadedFile("病毒.exe", b"MZ")]})
    assert "“病毒.exe”的文件类型不支持。" in r.content.decode()
    r = client_for("dangwai").post(url, form_data(summary="", media_links="example.org"))
    assert r.status_code == 400 and "这个字段是必填项。" in r.content.decode()
    r = client_for("dangwai").post(url, form_data(media_links="example.org/news"))
    assert "媒体报道链接应以 http:// 或 https:// 开头：example.org/news" in r.content.decode()
    assert not ProgressReport.objects.exists()


def test_admin_accepts_and_the_task_is_done_with_the_light_done(client_for, tasks, units, people):
    report = submit(tasks, units, people)
    c = client_for("admin")
    html = c.get(reverse("supervision:report_detail", args=[report.pk])).content.decode()
    assert 'data-testid="review-form"' in html and 'data-light="red"' in html
    r = c.post(
        reverse("supervision:report_review", args=[report.pk]), {"action": "accept", "comment": "很好"}, follow=True
    )
    report.refresh_from_db()
    t = session_task(tasks)
    assert (report.state, report.reviewed_by, t.state, t.session.state) == ("accepted", people["admin"], "done", "held")
    html = r.content.decode()
    assert "已采用。" in html and 'data-testid="report-state">已采用<' in html
    assert '<span class="light light-done" aria-hidden="true"></span>完成' in html
    assert 'data-testid="review-comment">很好<' in html and 'data-testid="review-form"' not in html
    # The task's history tells the whole story, its reports included.
    history = c.get(reverse("supervision:task_detail", args=[t.pk])).content.decode().split('data-testid="history"')[1]
    assert "管理员：采用了 党外干部和民主党派科 的开展情况报告：很好" in history
    assert "dangwai：党外干部和民主党派科 报送开展情况：双月读书会活动" in history
    # A second review (another tab) is refused with a message, not applied.
    r = c.post(
        reverse("supervision:report_review", args=[report.pk]), {"action": "return", "comment": "再改"}, follow=True
    )
    assert "这份报告已经审核过了（可能是其他人刚刚处理），请刷新查看。" in r.content.decode()
    report.refresh_from_db()
    assert report.state == "accepted"


def test_return_needs_a_comment_and_reopens_the_task(client_for, tasks, units, people):
    report = submit(tasks, units, people)
    url = reverse("supervision:report_review", args=[report.pk])
    r = client_for("admin").post(url, {"action": "return", "comment": "  "})
    assert r.status_code == 400 and "退回时请写明需要修改的地方。" in r.content.decode()
    report.refresh_from_db()
    assert report.state == "submitted"
    r = client_for("admin").post(url, {"action": "return", "comment": "请补充现场照片"}, follow=True)
    report.refresh_from_db()
    assert (report.state, report.review_comment, session_task(tasks).state) == (
        "returned",
        "请补充现场照片",
        "returned",
    )
    assert 'data-testid="report-state">已退回<' in r.content.decode()
    html = client_for("dangwai").get(reverse("supervision:report_detail", args=[report.pk])).content.decode()
    assert "请补充现场照片" in html


def test_evidence_is_served_only_to_those_who_see_the_report(client_for, client, tasks, units, people):
    report = submit(tasks, units, people, files=[("现场.png", PNG), ("方案.pdf", PDF)])
    photo = report.evidence.get(content_type="image/png")
    pdf = report.evidence.get(content_type="application/pdf")
    r = client_for("viewer").get(reverse("supervision:evidence", args=[photo.pk]))
    assert (r.status_code, r["Content-Type"], b"".join(r.streaming_content)) == (200, "image/png", PNG)
    assert r["Content-Disposition"].startswith("inline")
    r = client_for("dangwai").get(reverse("supervision:evidence", args=[pdf.pk]))
    assert r["Content-Disposition"].startswith("attachment") and b"".join(r.streaming_content) == PDF
    for name in ("zongjiao", "qiaolian", "stranger"):
        assert client_for(name).get(reverse("supervision:evidence", args=[photo.pk])).status_code == 404
    client.logout()
    r = client.get(reverse("supervision:evidence", args=[photo.pk]))
    assert r.status_code == 302 and r["Location"].startswith(reverse("accounts:login"))


def test_who_may_report_and_review(client_for, tasks, units, people):
    report = submit(tasks, units, people)
    new_a = reverse("supervision:report_new", args=[tasks["a"].pk])
    review = reverse("supervision:report_review", args=[report.pk])
    detail = reverse("supervision:report_detail", args=[report.pk])
    for name in ("zongjiao", "qiaolian", "stranger"):
        assert client_for(name).get(new_a).status_code == 404
        assert client_for(name).get(detail).status_code == 404
        assert client_for(name).post(review, {"action": "accept"}).status_code == 404
    for name in ("viewer", "zhang"):
        assert client_for(name).get(new_a).status_code == 403
        assert client_for(name).post(new_a, form_data()).status_code == 403
    for name in ("viewer", "zhang", "dangwai"):
        assert client_for(name).post(review, {"action": "accept"}).status_code == 403
    # 市侨联 cooperates on C: it may report on C as itself.
    r = client_for("qiaolian").post(reverse("supervision:report_new", args=[tasks["c"].pk]), form_data())
    assert r.status_code == 302
    assert ProgressReport.objects.get(activity=tasks["c"]).org == units["qiaolian"]
    report.refresh_from_db()
    assert report.state == "submitted"


def test_department_reports_for_a_unit_it_names(client_for, tasks, units):
    c = client_for("admin")
    t = Task.objects.get(activity=tasks["c"], kind="impl_plan")
    url = reverse("supervision:report_new", args=[tasks["c"].pk])
    html = c.get(url, {"task": t.pk}).content.decode()
    assert f'<option value="{units["zongjiao"].pk}" selected>宗教业务科</option>' in html
    assert "市侨联" in html and "党外干部和民主党派科" not in html
    c.post(url, form_data(org=units["zongjiao"].pk, task=t.pk))
    assert ProgressReport.objects.get().org == units["zongjiao"]


def test_report_list_puts_pending_first_for_reviewers_and_scopes_units(client_for, tasks, units, people):
    first = submit(tasks, units, people, summary="第一期")
    second = submit(tasks, units, people, task=session_task(tasks, 2), summary="第二期")
    report_c = report_submit(actor=people["zongjiao"], activity=tasks["c"], org=units["zongjiao"], summary="整治")
    from tongxin.supervision.services import report_accept

    report_accept(actor=people["admin"], report=report_c)
    ProgressReport.objects.filter(pk=second.pk).update(submitted_at=first.submitted_at - dt.timedelta(days=1))
    r = client_for("admin").get(reverse("supervision:reports"))
    assert [x.summary for x in r.context["page"].object_list] == ["第一期", "第二期", "整治"]
    assert "共 3 份报告" in r.content.decode()
    r = client_for("dangwai").get(reverse("supervision:reports"))
    assert [x.summary for x in r.context["page"].object_list] == ["第一期", "第二期"]
    r = client_for("zongjiao").get(reverse("supervision:reports"))
    assert [x.summary for x in r.context["page"].object_list] == ["整治"]
    r = client_for("admin").get(reverse("supervision:reports"), {"state": "accepted"})
    assert [x.summary for x in r.context["page"].object_list] == ["整治"]
    assert client_for("stranger").get(reverse("supervision:reports")).context["page"].paginator.count == 0


def test_report_list_query_count_does_not_grow_with_reports(
    client_for, tasks, units, people, django_assert_max_num_queries
):
    submit(tasks, units, people, files=[("a.png", PNG)])
    c = client_for("admin")
    url = reverse("supervision:reports")
    with django_assert_max_num_queries(30) as small:
        c.get(url)
    for i in range(40):
        submit(tasks, units, people, summary=f"追加{i}", files=[("a.png", PNG)])
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        r = c.get(url)
    assert len(r.context["page"].object_list) == 41 and "1 个附件" in r.content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)

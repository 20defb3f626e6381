"""Evidence streams to disk and is bounded per report and per request; a report form is filed once however often
it is posted.

On the old code: uploads under 5 MB were held in memory and read whole (`f.read()`), nothing bounded a report's or
a request's files (one request could carry about 2 GB), and a double-clicked 报送 filed two identical reports.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.urls import reverse

from tongxin.supervision.models import Evidence, ProgressReport
from tongxin.supervision.services import SupervisionError, report_submit

pytestmark = pytest.mark.django_db
KB = 1024


def png(size: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"0" * (size - 8)


def photos(*sizes: int) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(f"照片{i}.png", png(size), "image/png") for i, size in enumerate(sizes, start=1)]


def report_url(tasks) -> str:
    return reverse("supervision:report_new", args=[tasks["a"].pk])


def test_an_upload_streams_to_a_temporary_file_not_memory():
    request = RequestFactory().post("/", {"summary": "x", "files": photos(300 * KB)})
    upload = request.FILES["files"]
    assert isinstance(upload, TemporaryUploadedFile) and upload.size == 300 * KB


def test_files_over_the_request_limit_are_dropped_and_the_typed_fields_kept(client_for, tasks, settings):
    settings.REQUEST_MAX_BYTES = 1024 * KB
    r = client_for("dangwai").post(
        report_url(tasks), {"summary": "第一期读书会已举办", "place": "市委党校", "files": photos(700 * KB, 700 * KB)}
    )
    html = r.content.decode()
    assert r.status_code == 400
    assert "本次提交的文件合计超过 1 MB，超出的文件没有接收。其他内容已保留，请分几次提交或压缩后重新选择文件。" in html
    assert "第一期读书会已举办</textarea>" in html and 'value="市委党校"' in html
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()


def test_a_reports_files_together_are_bounded(client_for, tasks, settings):
    settings.EVIDENCE_MAX_TOTAL_BYTES = 1024 * KB
    r = client_for("dangwai").post(report_url(tasks), {"summary": "已举办", "files": photos(700 * KB, 700 * KB)})
    assert r.status_code == 400
    assert "照片和文件合计 1.4 MB，每份报告上限 1 MB。请压缩或精选后再上传。" in r.content.decode()
    assert not ProgressReport.objects.exists()


def test_the_service_bounds_the_total_too(tasks, units, people, settings):
    settings.EVIDENCE_MAX_TOTAL_BYTES = 1024 * KB
    files = [("a.png", png(700 * KB)), ("b.png", png(700 * KB))]
    with pytest.raises(SupervisionError, match="每份报告上限 1 MB"):
        report_submit(actor=people["dangwai"], activity=tasks["a"], org=units["dangwai"], summary="x", files=files)


def test_files_within_the_limits_are_stored_whole_from_disk(client_for, tasks):
    sent = photos(600 * KB, 10 * KB)
    r = client_for("dangwai").post(report_url(tasks), {"summary": "已举办", "files": sent})
    assert r.status_code == 302
    stored = {e.original_name: e.file.read() for e in Evidence.objects.all()}
    assert stored == {"照片1.png": png(600 * KB), "照片2.png": png(10 * KB)}
    assert sorted(e.size for e in Evidence.objects.all()) == [10 * KB, 600 * KB]


def _token(html: str) -> str:
    return re.search(r'name="submission_token" value="([^"]+)"', html).group(1)


def test_a_form_posted_twice_files_one_report_and_shows_it_the_second_time(client_for, tasks):
    c = client_for("dangwai")
    html = c.get(report_url(tasks)).content.decode()
    token = _token(html)
    assert "data-submit-once" in html and len(token) >= 32
    first = c.post(report_url(tasks), {"summary": "已举办", "submission_token": token, "files": photos(10 * KB)})
    second = c.post(report_url(tasks), {"summary": "已举办", "submission_token": token, "files": photos(10 * KB)})
    report = ProgressReport.objects.get()
    assert first["Location"] == second["Location"] == reverse("supervision:report_detail", args=[report.pk])
    assert Evidence.objects.count() == 1
    page = c.get(second["Location"]).content.decode()
    assert "这份开展情况刚才已经报送过了，没有重复报送。" in page
    assert _token(c.get(report_url(tasks)).content.decode()) != token  # a new form, a new report


def test_two_forms_file_two_reports(client_for, tasks):
    c = client_for("dangwai")
    for summary in ("第一次", "第二次"):
        token = _token(c.get(report_url(tasks)).content.decode())
        c.post(report_url(tasks), {"summary": summary, "submission_token": token})
    assert sorted(ProgressReport.objects.values_list("summary", flat=True)) == ["第一次", "第二次"]


def test_the_database_refuses_a_second_report_with_the_same_token(tasks, units, people):
    kw = {"actor": people["dangwai"], "activity": tasks["a"], "org": units["dangwai"], "submission_token": "t" * 32}
    first = report_submit(summary="一", **kw)
    again = report_submit(summary="二", **kw)
    assert (again.pk, again.repeated, ProgressReport.objects.count()) == (first.pk, True, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressReport.objects.create(activity=tasks["a"], org=units["dangwai"], author=people["dangwai"],
                                      summary="并发", submission_token="t" * 32)  # fmt: skip

"""Plans of any size: the review pages through items, and publishing posts no per-item fields at all."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.ingest.conftest import numbered_plan, upload
from tongxin.ingest.review_page import PAGE_SIZE
from tongxin.plans.models import Plan, PlanImport

pytestmark = pytest.mark.django_db


def test_a_plan_of_220_items_is_reviewed_page_by_page_and_published_without_a_field_limit(
    client_for, immediate, settings, django_assert_max_num_queries
):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000  # Django's default, which the old one-form review exceeded
    c = client_for("admin")
    upload(c, "大方案.txt", numbered_plan(200).encode())
    record = PlanImport.objects.get()
    total = len(record.draft["activities"])
    assert total == 220  # 200 activities and the 20 group headings
    url = reverse("ingest:review", args=[record.pk])
    with django_assert_max_num_queries(12):
        html = c.get(url + "?page=2").content.decode()
    assert html.count('data-testid="review-activity"') == PAGE_SIZE
    assert 'id="item-20"' in html and 'id="item-19"' not in html
    assert "第 2 / 11 页" in html
    assert len(html) < 120_000
    # Plan facts and a few merge choices: no field per item (each row has only its own csrf token and a button).
    fields = re.findall(r"<(?:input|select|textarea)\b(?![^>]*type=\"hidden\")", html)
    assert len(fields) == 3
    last = c.get(url + "?page=11").content.decode()
    assert 'id="item-219"' in last and 'id="item-219"' not in html
    r = c.post(reverse("ingest:publish", args=[record.pk]))
    plan = Plan.objects.get()
    assert r["Location"] == reverse("activities:plan_detail", args=[plan.pk])
    assert plan.activities.count() == 220


def test_a_long_document_shows_only_the_stretch_of_source_the_page_comes_from(client_for, immediate):
    c = client_for("admin")
    upload(c, "很长的方案.txt", numbered_plan(600).encode())
    record = PlanImport.objects.get()
    assert len(record.text) > 30_000
    html = c.get(reverse("ingest:review", args=[record.pk]) + "?page=3").content.decode()
    source = html[html.index('data-testid="source"') :]
    assert "原文较长，这里只显示本页条目所在的部分。" in html
    assert "举办第41期专题学习会" in html  # the page's first item, in the rows and in the source
    assert "第37期" in source and "第1期专题" not in source and "第100期" not in source
    assert len(html) < 60_000

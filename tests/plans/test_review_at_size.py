"""Plans of any size: the review pages through items, and publishing posts no per-item fields at all."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.plans.conftest import numbered_plan, upload
from tongxin.plans.models import Plan, PlanImport
from tongxin.plans.review_page import PAGE_SIZE

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
    url = reverse("plans:review", args=[record.pk])
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
    r = c.post(reverse("plans:publish", args=[record.pk]))
    plan = Plan.objects.get()
    assert r["Location"] == reverse("plans:detail", args=[plan.pk])
    assert plan.activities.count() == 220

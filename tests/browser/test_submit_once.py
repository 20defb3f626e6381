"""A double-clicked 报送 files one report: the button is disabled on the first submit, and the form's one-time token
would catch a second post anyway. On the old code the double click filed two identical reports."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_double_click_files_one_report(page_for, demo_site):
    from tongxin.activities.models import Activity
    from tongxin.supervision.models import ProgressReport

    activity = Activity.objects.filter(assignments__organisation__name="党外干部和民主党派科").order_by("order").first()
    page = page_for("dangwai", width=390)
    page.goto(f"{demo_site.url}/supervision/activities/{activity.pk}/report/")
    page.fill("#id_summary", "第一期读书会已举办")
    page.locator("[data-testid=report-form] button[type=submit]").dblclick()
    page.wait_for_url("**/supervision/reports/*/")
    assert "开展情况已报送，等待审核。" in page.locator(".messages").inner_text()
    assert list(ProgressReport.objects.values_list("summary", flat=True)) == ["第一期读书会已举办"]

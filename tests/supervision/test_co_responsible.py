"""Two units responsible for one activity each file reports against their own tasks, never the other's.

Both units get tasks of the same title ("报送细化实施方案：…"); the report form offered a unit both, unlabelled, and
a report on the first one (the other unit's) completed the other unit's task and left the reporter's own red.
On the old code `test_a_unit_cannot_file_against_the_other_units_task` saw a 302 and the other task "submitted".
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import assign
from tongxin.supervision.models import ProgressReport, Task
from tongxin.supervision.services import SupervisionError, report_submit, tasks_generate_for_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(programme, people, units):
    """A is run by 党外干部和民主党派科 and 宗教业务科 together."""
    assign(programme["a"], "responsible", units["zongjiao"])
    tasks_generate_for_plan(actor=people["admin"], plan=programme["plan"])
    return programme


def impl_task(activity, unit) -> Task:
    return Task.objects.get(activity=activity, kind="impl_plan", owner_org=unit)


def test_the_form_offers_a_unit_only_its_own_tasks_named_with_the_unit(shared, units, client_for):
    url = reverse("supervision:report_new", args=[shared["a"].pk])
    own, other = impl_task(shared["a"], units["zongjiao"]), impl_task(shared["a"], units["dangwai"])
    html = client_for("zongjiao").get(url, {"task": other.pk}).content.decode()
    assert f'<option value="{own.pk}" selected>报送细化实施方案：双月读书会活动（宗教业务科）</option>' in html
    assert "（党外干部和民主党派科）" not in html


def test_a_unit_cannot_file_against_the_other_units_task(shared, units, client_for):
    url = reverse("supervision:report_new", args=[shared["a"].pk])
    other = impl_task(shared["a"], units["dangwai"])
    r = client_for("zongjiao").post(url, {"summary": "我科的实施方案", "task": other.pk})
    assert r.status_code == 400 and "选择一个有效的选项" in r.content.decode()
    assert not ProgressReport.objects.exists()
    other.refresh_from_db()
    assert other.state == Task.State.OPEN


def test_a_unit_report_on_its_own_task_is_filed_under_it(shared, units, client_for):
    url = reverse("supervision:report_new", args=[shared["a"].pk])
    own, other = impl_task(shared["a"], units["zongjiao"]), impl_task(shared["a"], units["dangwai"])
    client_for("zongjiao").post(url, {"summary": "我科的实施方案", "task": own.pk})
    report = ProgressReport.objects.get()
    assert (report.org, report.task) == (units["zongjiao"], own)
    own.refresh_from_db(), other.refresh_from_db()
    assert (own.state, other.state) == (Task.State.SUBMITTED, Task.State.OPEN)


def test_the_department_naming_one_unit_cannot_file_against_the_others_task(shared, units, client_for, people):
    url = reverse("supervision:report_new", args=[shared["a"].pk])
    other = impl_task(shared["a"], units["dangwai"])
    r = client_for("admin").post(url, {"summary": "代报", "org": units["zongjiao"].pk, "task": other.pk})
    assert (
        r.status_code == 400
        and "所选任务由党外干部和民主党派科负责，不能作为宗教业务科的报告报送。" in r.content.decode()
    )
    with pytest.raises(SupervisionError):
        report_submit(actor=people["admin"], activity=shared["a"], org=units["zongjiao"], summary="x", task=other)
    assert not ProgressReport.objects.exists()


def test_an_extension_request_names_only_the_units_own_tasks(shared, units, client_for):
    url = reverse("supervision:approval_new", args=[shared["a"].pk])
    other = impl_task(shared["a"], units["dangwai"])
    due = (other.due + dt.timedelta(days=10)).isoformat()
    r = client_for("zongjiao").post(url, {"kind": "extension", "title": "延期", "body": "理由", "task": other.pk,
                                          "new_due": due})  # fmt: skip
    assert r.status_code == 400
    other.refresh_from_db()
    assert other.due < dt.date.fromisoformat(due)

"""Approvals: 请示 (with the implementation plan), 报备, 延期申请 — asking, who decides, withdrawing.

Personas from tests/conftest.py: dangwai asks on A; zhang leads A and B, so he decides their 请示 and 延期申请;
C is led by 乌力吉 (who has no account here); admin acknowledges filings and decides where no leader is named.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import ActivityFactory, assign
from tongxin.supervision.models import Approval, Task
from tongxin.supervision.selectors import approvals_decidable_by
from tongxin.supervision.services import approval_request

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n" + b"0" * 100


def ask(tasks, units, people, kind="request", **kw) -> Approval:
    return approval_request(
        actor=people["dangwai"],
        activity=tasks["a"],
        org=units["dangwai"],
        kind=kind,
        title=kw.pop("title", f"关于{kind}的申请"),
        **kw,
    )


def test_request_needs_the_implementation_plan_attached(client_for, tasks, units):
    c = client_for("dangwai")
    url = reverse("supervision:approval_new", args=[tasks["a"].pk])
    html = c.get(url, {"kind": "request"}).content.decode()
    assert 'value="关于举办双月读书会活动的请示"' in html and 'enctype="multipart/form-data"' in html
    data = {"kind": "request", "title": "关于举办第四期读书会的请示", "body": "拟于8月28日在市委党校举办。"}
    r = c.post(url, data)
    assert r.status_code == 400
    html = r.content.decode()
    assert "请示须附细化实施方案。" in html and 'value="关于举办第四期读书会的请示"' in html
    assert "拟于8月28日在市委党校举办。</textarea>" in html
    r = c.post(url, {**data, "attachment": SimpleUploadedFile("方案.exe", b"MZ")})
    assert "“方案.exe”的文件类型不支持。" in r.content.decode() and not Approval.objects.exists()
    r = c.post(url, {**data, "attachment": SimpleUploadedFile("实施方案.pdf", PDF)})
    approval = Approval.objects.get()
    assert r["Location"] == reverse("supervision:approval_detail", args=[approval.pk])
    assert (approval.kind, approval.org, approval.state, approval.attachment_name) == (
        "request",
        units["dangwai"],
        "pending",
        "实施方案.pdf",
    )
    html = c.get(r["Location"]).content.decode()
    assert 'data-testid="approval-state">待审批<' in html and ">实施方案.pdf</a>" in html
    assert "撤回申请" in html and 'data-testid="decide-form"' not in html
    r = client_for("zhang").get(reverse("supervision:approval_attachment", args=[approval.pk]))
    assert b"".join(r.streaming_content) == PDF
    assert client_for("zongjiao").get(reverse("supervision:approval_attachment", args=[approval.pk])).status_code == 404


def test_lead_leader_sees_it_awaiting_him_and_declines_only_with_a_comment(client_for, tasks, units, people):
    approval = ask(tasks, units, people, title="关于举办第四期读书会的请示", attachment=("方案.pdf", PDF))
    html = client_for("zhang").get(reverse("supervision:approvals")).content.decode()
    mine = html.split('data-testid="awaiting-me"')[1].split("</section>")[0]
    assert "待我处理（1）" in html and "关于举办第四期读书会的请示" in mine
    # A has a lead leader: the department sees it but does not decide it.
    html = client_for("admin").get(reverse("supervision:approvals")).content.decode()
    assert 'data-testid="awaiting-me"' not in html and "关于举办第四期读书会的请示" in html
    url = reverse("supervision:approval_decide", args=[approval.pk])
    assert client_for("admin").post(url, {"decision": "approve"}).status_code == 403
    r = client_for("zhang").post(url, {"decision": "decline", "comment": ""})
    assert r.status_code == 400 and "不同意时请写明意见。" in r.content.decode()
    approval.refresh_from_db()
    assert approval.state == "pending"
    r = client_for("zhang").post(url, {"decision": "decline", "comment": "请先完善安全预案"}, follow=True)
    approval.refresh_from_db()
    assert (approval.state, approval.decided_by, approval.comment) == ("declined", people["zhang"], "请先完善安全预案")
    html = r.content.decode()
    assert 'data-testid="approval-state">未同意<' in html and 'data-testid="decision-comment">请先完善安全预案<' in html
    assert 'data-testid="decide-form"' not in html
    # Deciding twice (another tab) says so and changes nothing.
    r = client_for("zhang").post(url, {"decision": "approve"}, follow=True)
    assert "这项申请已经处理过了，请刷新查看。" in r.content.decode()
    approval.refresh_from_db()
    assert approval.state == "declined"


def test_approved_extension_moves_the_deadline_and_keeps_both_dates(client_for, tasks, units, people):
    t = Task.objects.get(activity=tasks["a"], kind="session", session__order=2)  # due 2019-06-28, red
    c = client_for("dangwai")
    url = reverse("supervision:approval_new", args=[tasks["a"].pk])
    html = c.get(url, {"kind": "extension", "task": t.pk}).content.decode()
    assert 'value="关于延期完成“举办并报送：第3期主题”的申请"' in html and f'<option value="{t.pk}" selected>' in html
    r = c.post(url, {"kind": "extension", "title": "延期申请", "task": t.pk, "new_due": "2019-09-30"})
    assert r.status_code == 400 and "请说明延期理由。" in r.content.decode()
    r = c.post(url, {"kind": "extension", "title": "延期申请", "task": t.pk, "new_due": "2019-06-01", "body": "场地"})
    assert "申请延至的日期应晚于当前截止日期 2019-06-28。" in r.content.decode()
    c.post(url, {"kind": "extension", "title": "延期申请", "task": t.pk, "new_due": "2019-09-30", "body": "场地维修"})
    approval = Approval.objects.get()
    assert (approval.old_due, approval.new_due, approval.task) == (dt.date(2019, 6, 28), dt.date(2019, 9, 30), t)
    client_for("zhang").post(reverse("supervision:approval_decide", args=[approval.pk]), {"decision": "approve"})
    t.refresh_from_db()
    assert (t.due, t.original_due, t.state) == (dt.date(2019, 9, 30), dt.date(2019, 6, 28), "open")
    html = c.get(reverse("supervision:task_detail", args=[t.pk])).content.decode()
    assert '<dd class="num" data-testid="task-due">2019-09-30</dd>' in html
    assert '<dt>原定截止</dt><dd class="num">2019-06-28</dd>' in html
    assert "截止日期由 2019-06-28 延至 2019-09-30：延期申请获批（延期申请）" in html
    assert 'data-light="green"' in html and "2019-06-28 → 2019-09-30" in html


def test_filing_is_acknowledged_by_the_department(client_for, tasks, units, people):
    filing = ask(tasks, units, people, kind="filing", title="关于第四期读书会的报备")
    html = client_for("admin").get(reverse("supervision:approvals")).content.decode()
    assert "待我处理（1）" in html
    html = client_for("admin").get(reverse("supervision:approval_detail", args=[filing.pk])).content.decode()
    assert ">已知悉</button>" in html and ">不同意</button>" not in html
    client_for("admin").post(reverse("supervision:approval_decide", args=[filing.pk]), {"decision": "approve"})
    filing.refresh_from_db()
    assert (filing.state, filing.decided_by) == ("acknowledged", people["admin"])


def test_requester_withdraws_others_may_not(client_for, tasks, units, people):
    approval = ask(tasks, units, people, kind="filing")
    url = reverse("supervision:approval_withdraw", args=[approval.pk])
    for name in ("admin", "zhang", "viewer"):
        assert client_for(name).post(url).status_code == 403
    assert client_for("zongjiao").post(url).status_code == 404
    r = client_for("dangwai").post(url, follow=True)
    approval.refresh_from_db()
    assert approval.state == "withdrawn" and "申请已撤回。" in r.content.decode()
    assert "撤回申请" not in r.content.decode()


def test_404_for_outsiders_and_403_for_read_only(client_for, tasks, units, people):
    approval = ask(tasks, units, people)
    detail = reverse("supervision:approval_detail", args=[approval.pk])
    decide = reverse("supervision:approval_decide", args=[approval.pk])
    new_a = reverse("supervision:approval_new", args=[tasks["a"].pk])
    for name in ("zongjiao", "qiaolian", "stranger"):
        assert client_for(name).get(detail).status_code == 404
        assert client_for(name).post(decide).status_code == 404
        assert client_for(name).get(new_a).status_code == 404
    for name in ("viewer", "dangwai"):
        assert client_for(name).post(decide, {"decision": "approve"}).status_code == 403
    for name in ("viewer", "zhang"):
        assert client_for(name).post(new_a, {"kind": "filing", "title": "x"}).status_code == 403
    html = client_for("viewer").get(detail).content.decode()
    assert "关于request的申请" in html and 'data-testid="decide-form"' not in html and "撤回申请" not in html
    approval.refresh_from_db()
    assert approval.state == "pending" and Approval.objects.count() == 1


def test_the_awaiting_list_agrees_with_the_permission_rules(tasks, units, people):
    """approvals_decidable_by (SQL) and supervision.decide_approval (rules) must never disagree."""
    unled = ActivityFactory(plan=tasks["plan"], title="无牵头领导的活动")
    assign(unled, "responsible", units["dangwai"])
    items = [
        ask(tasks, units, people, kind="request"),
        ask(tasks, units, people, kind="filing"),
        approval_request(
            actor=people["dangwai"], activity=unled, org=units["dangwai"], kind="request", title="无领导请示"
        ),
        approval_request(
            actor=people["zongjiao"], activity=tasks["c"], org=units["zongjiao"], kind="filing", title="C报备"
        ),
    ]
    for name in ("admin", "zhang", "dangwai", "zongjiao", "viewer"):
        user = people[name]
        by_sql = set(approvals_decidable_by(user).values_list("pk", flat=True))
        by_rules = {
            a.pk
            for a in items
            if user.has_perm(
                "supervision.acknowledge_filing" if a.kind == "filing" else "supervision.decide_approval", a
            )
        }
        assert by_sql == by_rules, name
    assert {a.title for a in approvals_decidable_by(people["admin"])} == {"关于filing的申请", "无领导请示", "C报备"}


def test_approval_list_query_count_does_not_grow(client_for, tasks, units, people, django_assert_max_num_queries):
    ask(tasks, units, people)
    c = client_for("zhang")
    with django_assert_max_num_queries(30) as small:
        c.get(reverse("supervision:approvals"))
    for i in range(40):
        ask(tasks, units, people, kind="filing" if i % 2 else "request", title=f"追加{i}")
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        r = c.get(reverse("supervision:approvals"))
    assert len(r.context["mine"]) == 41
    assert len(large.captured_queries) == len(small.captured_queries)

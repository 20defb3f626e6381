"""The reviewer's pages are blind, the activity panel shows the rates, the public finds a proposal by receipt.

Personas: qiaolian and zongjiao review; the author 独特作者甲乙 writes from 党外干部和民主党派科 (dangwai's unit);
stranger is not a reviewer; an anonymous visitor looks up a receipt.
"""

import pytest
from django.urls import reverse

from tongxin.audit.models import AuditEntry
from tongxin.calls.models import Review
from tongxin.calls.services import call_create, reviewer_add, reviews_assign, submission_create

AUTHOR = "独特作者甲乙丙"
UNIT = "党外干部和民主党派科"


@pytest.fixture
def assigned(programme, people, units):
    programme["c"].kinds = ["campaign", "call:essay"]  # the activity as the plan parser would tag an essay contest
    programme["c"].save(update_fields=["kinds"])
    call = call_create(
        actor=people["admin"], activity=programme["c"], kind="call:essay", title="征文", reviewers_per_submission=2
    )
    for name in ("qiaolian", "zongjiao", "dangwai"):
        reviewer_add(actor=people["admin"], call=call, user=people[name])
    for i in range(3):
        submission_create(
            actor=people["dangwai"],
            call=call,
            title=f"征文{i}",
            author_name=AUTHOR,
            author_unit=units["dangwai"],
            body="第一段\n第二段",
        )
    reviews_assign(actor=people["admin"], call=call)
    return call


def _blind(html: str) -> None:
    assert AUTHOR not in html
    assert UNIT not in html


def test_reviewer_list_and_sheet_are_blind(assigned, client_for, people, django_assert_max_num_queries):
    client = client_for("qiaolian")
    with django_assert_max_num_queries(12):
        html = client.get(reverse("calls:review_list")).content.decode()
    assert html.count('data-testid="review-row"') == 3
    assert "已评 0 / 3 件" in html
    _blind(html)
    review = Review.objects.filter(reviewer=people["qiaolian"]).first()
    sheet = client.get(reverse("calls:review_sheet", args=[review.pk])).content.decode()
    assert review.submission.receipt in sheet and "第二段" in sheet
    _blind(sheet)
    bad = client.post(reverse("calls:review_sheet", args=[review.pk]), {"score": "120", "comment": "很好"})
    page = bad.content.decode()
    assert "评分须为0到100之间的数字" in page and "很好" in page  # the comment typed is not lost
    _blind(page)
    client.post(reverse("calls:review_sheet", args=[review.pk]), {"score": "91", "comment": "好"})
    review.refresh_from_db()
    assert str(review.score) == "91.00"


def test_others_cannot_open_a_review(assigned, client_for, people):
    review = Review.objects.filter(reviewer=people["qiaolian"]).first()
    assert client_for("stranger").get(reverse("calls:review_sheet", args=[review.pk])).status_code == 404
    assert client_for("admin").get(reverse("calls:review_sheet", args=[review.pk])).status_code == 404


def test_conflict_from_the_sheet_hands_it_on(assigned, client_for, people):
    review = Review.objects.filter(reviewer=people["zongjiao"]).first()
    client_for("zongjiao").post(reverse("calls:review_conflict", args=[review.pk]))
    review.refresh_from_db()
    assert review.conflict is True
    assert review.submission.reviews.filter(conflict=False).count() == 1  # nobody eligible left: a visible gap
    assert "回避后暂无可补充的评审人" in str(AuditEntry.objects.filter(action="call.gap").values_list("summary"))


def test_activity_panel_shows_counts_and_rates(assigned, client_for, programme):
    html = client_for("admin").get(reverse("activities:detail", args=[programme["c"].pk])).content.decode()
    assert 'data-testid="call-panel"' in html
    assert "征集 3 件 · 评审进度 0/6" in html
    assert "采纳率 0.0% · 批示率 — · 办结率 —" in html


def test_public_lookup_by_receipt(assigned, client):
    receipt = assigned.submissions.first().receipt
    html = client.get(reverse("calls_public:lookup"), {"receipt": receipt}).content.decode()
    assert 'data-testid="lookup-result"' in html and "征文0" in html and "已提交" in html
    _blind(html)
    missing = client.get(reverse("calls_public:lookup"), {"receipt": "ZJ999-1"}).content.decode()
    assert "没有找到这个回执编号" in missing

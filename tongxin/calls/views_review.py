"""A reviewer's pages: the blind work list and one submission's score sheet. No author, unit or submitter here."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tongxin.calls.forms import ScoreForm
from tongxin.calls.models import Review
from tongxin.calls.selectors import reviews_for_reviewer
from tongxin.calls.services import CallError, review_declare_conflict, review_score


def _own_review(request: HttpRequest, pk: int) -> Review:
    # Only the reviewer it is assigned to ever sees it; everyone else, even the department, gets 404 here.
    review = Review.objects.filter(pk=pk, reviewer=request.user, conflict=False).select_related("submission").first()
    if review is None:
        raise Http404
    return review


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    rows = list(reviews_for_reviewer(request.user))
    done = sum(1 for r in rows if r["score"] is not None)
    return render(request, "calls/review_list.html", {"rows": rows, "done": done})


@login_required
def review_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    review = _own_review(request, pk)
    form = ScoreForm(request.POST or None, initial={"score": review.score, "comment": review.comment})
    if request.method == "POST" and form.is_valid():
        try:
            review_score(
                actor=request.user,
                review=review,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
            return redirect("calls:review_list")
        except CallError as error:
            form.add_error("score", str(error))
    sheet = {"receipt": review.submission.receipt, "title": review.submission.title, "body": review.submission.body}
    return render(request, "calls/review_sheet.html", {"review": review, "sheet": sheet, "form": form})


@login_required
@require_POST
def review_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    review = _own_review(request, pk)
    review_declare_conflict(actor=request.user, review=review)
    return redirect("calls:review_list")

"""The review screen: a page of compact items, each edited (or added) on its own, then a publish that posts no items."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tongxin.core.access import get_visible_or_404, require
from tongxin.ingest import services
from tongxin.ingest.exporters import GoldExporter
from tongxin.ingest.review import ItemForm, MergeForm, PlanInfoForm, draft_year, read_times
from tongxin.ingest.review_page import item_row, page_of, page_of_items, publish_summary, source_html
from tongxin.ingest.views import progress_context
from tongxin.plans import selectors
from tongxin.plans.models import PlanImport

WARNINGS_SHOWN = 30  # each item's row carries its own; the list above is for an overview


def _record(request: HttpRequest, pk: int) -> PlanImport:
    require(request.user, "plans.import_plan")
    return get_visible_or_404(selectors.imports_visible_to(request.user), pk=pk)


def _review_url(record: PlanImport, index: int | None = None) -> str:
    url = reverse("ingest:review", args=[record.pk])
    return url if index is None else f"{url}?page={page_of(index)}#item-{index}"


@login_required
def import_review(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record(request, pk)
    if record.working or record.status == PlanImport.Status.FAILED:
        return render(request, "plans/progress.html", progress_context(record))
    draft = record.draft
    page, rows = page_of_items(draft, request.GET.get("page"))
    source, partial = source_html(record, rows)
    context = {
        "record": record,
        "info": PlanInfoForm.for_draft(draft),
        "merge": MergeForm(duplicates=draft.get("possible_duplicates") or []),
        "page": page,
        "rows": rows,
        "total": len(draft.get("activities") or []),
        "warnings": [w for w in draft.get("warnings") or [] if isinstance(w, dict)][:WARNINGS_SHOWN],
        "warnings_total": len(draft.get("warnings") or []),
        "source_html": source,
        "source_partial": partial,
    }
    if record.status == PlanImport.Status.DRAFT:
        context["summary"] = publish_summary(record)
    return render(request, "plans/review.html", context)


@login_required
@require_POST
def import_info(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record(request, pk)
    form = PlanInfoForm.for_draft(record.draft, request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.plan_import_info_save(
                user=request.user,
                plan_import=record,
                title=d["title"],
                year=d.get("year"),
                issuer=d.get("issuer") or "",
            )
            messages.success(request, "方案信息已保存。")
        except services.ImportRejected as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect(_review_url(record))


@login_required
def import_item(request: HttpRequest, pk: int, index: int | None = None) -> HttpResponse:
    """GET: the item's form (a fragment for htmx, a page otherwise); POST: save it and show the compact row again."""
    record = _record(request, pk)
    items = record.draft.get("activities") or []
    if record.status != PlanImport.Status.DRAFT or (index is not None and not 0 <= index < len(items)):
        return redirect(_review_url(record))
    item = items[index] if index is not None else None
    form = ItemForm(request.POST or None, item=item, year=draft_year(record.draft))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.plan_import_item_save(
                user=request.user, plan_import=record, index=index, item=form.apply()
            )
        except services.ImportRejected as exc:
            form.add_error(None, exc.message)
        else:
            if request.htmx and index is not None:
                return render(request, "plans/_item_row.html", {"record": record, "row": _row(record, saved)})
            messages.success(request, "已保存。")
            response = redirect(_review_url(record, saved))
            if request.htmx:
                response = HttpResponse(status=204)
                response["HX-Redirect"] = _review_url(record, saved)
            return response
    context = {"record": record, "form": form, "index": index}
    template = "plans/_item_form.html" if request.htmx else "plans/item.html"
    return render(request, template, context)


def _row(record: PlanImport, index: int) -> dict:
    return item_row(index, record.draft["activities"][index])


@login_required
def import_item_row(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    """The compact row again (the edit form's 取消)."""
    record = _record(request, pk)
    if not 0 <= index < len(record.draft.get("activities") or []):
        return redirect(_review_url(record))
    return render(request, "plans/_item_row.html", {"record": record, "row": _row(record, index)})


@login_required
@require_POST
def import_item_exclude(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    record = _record(request, pk)
    try:
        services.plan_import_item_exclude(
            user=request.user, plan_import=record, index=index, excluded=request.POST.get("excluded") == "1"
        )
    except services.ImportRejected as exc:
        messages.error(request, exc.message)
        return redirect(_review_url(record))
    if request.htmx:
        return render(request, "plans/_item_row.html", {"record": record, "row": _row(record, index)})
    return redirect(_review_url(record, index))


@login_required
@require_POST
def import_times(request: HttpRequest, pk: int) -> HttpResponse:
    """Live reading of the time lines being typed: the window each becomes, or why it cannot be read."""
    record = _record(request, pk)
    windows, errors = read_times(request.POST.get("times", ""), year=draft_year(record.draft))
    return render(request, "plans/_times.html", {"windows": windows, "errors": errors})


@login_required
@require_POST
def import_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Posts the import's id and the merge decisions only: no limit on how many items a plan may have."""
    record = _record(request, pk)
    form = MergeForm(request.POST, duplicates=record.draft.get("possible_duplicates") or [])
    form.is_valid()
    try:
        services.plan_import_publish_start(user=request.user, plan_import=record, merges=form.merges())
    except services.ImportRejected as exc:
        messages.error(request, exc.message)
        return redirect(_review_url(record))
    record.refresh_from_db()
    if record.status == PlanImport.Status.PUBLISHED:  # the job already ran (an immediate task backend)
        messages.success(request, f"方案《{record.plan.title}》已发布。")
        return redirect("activities:plan_detail", pk=record.plan_id)
    return redirect(_review_url(record))


@login_required
def import_gold(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record(request, pk)
    if record.working or record.status == PlanImport.Status.FAILED:
        return redirect(_review_url(record))
    return GoldExporter(record=record).response()

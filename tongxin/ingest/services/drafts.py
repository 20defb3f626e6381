"""Corrections to an import's draft, one item at a time, kept server-side until the draft is published."""

from __future__ import annotations

from django.db import transaction

from tongxin.audit.services import audit_record
from tongxin.ingest.services.importing import ImportRejected
from tongxin.plans.models import PlanImport


def _locked(plan_import: PlanImport) -> PlanImport:
    """The import re-read under a row lock, so two quick saves from the same screen do not lose one another."""
    record = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
    if record.status != PlanImport.Status.DRAFT:
        raise ImportRejected("这份导入已经发布、正在发布或已放弃，不能再修改。")
    return record


def plan_import_info_save(*, user, plan_import: PlanImport, title: str, year: int | None, issuer: str) -> PlanImport:
    with transaction.atomic():
        record = _locked(plan_import)
        record.draft = {**record.draft, "title": title.strip(), "year": year, "issuer": issuer.strip()}
        record.save(update_fields=["draft"])
        audit_record(actor=user, action="plan_import.correct", target=record, summary=f"更正方案信息：《{title}》")
    plan_import.draft = record.draft
    return record


def plan_import_item_save(*, user, plan_import: PlanImport, index: int | None, item: dict) -> int:
    """Replace item `index` of the draft, or add the item at the end when index is None; returns its index."""
    with transaction.atomic():
        record = _locked(plan_import)
        items = list(record.draft.get("activities") or [])
        if index is None:
            items.append({**item, "added": True})
            index = len(items) - 1
            summary = f"添加了条目“{item.get('title')}”"
        elif 0 <= index < len(items):
            items[index] = item
            summary = f"更正了第 {index + 1} 项“{item.get('title')}”"
        else:
            raise ImportRejected("找不到这一项，页面可能已过期，请刷新后再试。")
        record.draft = {**record.draft, "activities": items}
        record.save(update_fields=["draft"])
        audit_record(actor=user, action="plan_import.correct", target=record, summary=summary)
    plan_import.draft = record.draft
    return index


def plan_import_item_exclude(*, user, plan_import: PlanImport, index: int, excluded: bool) -> dict:
    """Set an item aside (it is not published) or take it back; it stays in the draft either way."""
    with transaction.atomic():
        record = _locked(plan_import)
        items = list(record.draft.get("activities") or [])
        if not 0 <= index < len(items):
            raise ImportRejected("找不到这一项，页面可能已过期，请刷新后再试。")
        items[index] = {**items[index], "excluded": excluded}
        record.draft = {**record.draft, "activities": items}
        record.save(update_fields=["draft"])
        verb = "不导入" if excluded else "恢复导入"
        audit_record(actor=user, action="plan_import.correct", target=record, summary=f"{verb}第 {index + 1} 项")
    plan_import.draft = record.draft
    return items[index]

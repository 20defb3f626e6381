"""A reviewed import as a gold file (../shared/eval/SCHEMA.md), so a department's own documents join the test corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from tongxin.ingest.services.publishing import included_items
from tongxin.plans.models import PlanImport

ITEM_LISTS = ("phases", "places", "participants", "lead_leaders", "responsible", "cooperating")


def _window(w: dict) -> dict:
    return {
        "start": w.get("start"),
        "end": w.get("end"),
        "text": w.get("text") or "",
        "tentative": bool(w.get("tentative")),
        "approximate": bool(w.get("approximate")),
    }


def _session(s: dict) -> dict:
    return {"title": s.get("title") or "", "start": s.get("start"), "end": s.get("end"), "place": s.get("place") or ""}


def _item(a: dict) -> dict:
    recurrence = a.get("recurrence")
    return {
        "number": a.get("number") or None,
        "title": a.get("title") or "",
        "components": list(a.get("components") or ["other"]),
        "windows": [_window(w) for w in a.get("windows") or []],
        "recurrence": (
            {"every_months": recurrence.get("every_months"), "text": recurrence.get("text") or ""}
            if recurrence
            else None
        ),
        "sessions": [_session(s) for s in a.get("sessions") or []],
        **{key: [p if isinstance(p, str) else p.get("name", "") for p in a.get(key) or []] for key in ITEM_LISTS},
    }


def _numbered(rows) -> list[dict]:
    return [{"number": r.get("number"), "title": r.get("title") or ""} for r in rows or []]


def gold_document(record: PlanImport) -> dict:
    """The corrected draft in the schema's shape: only the fields scored, nothing of the parser's own bookkeeping."""
    draft = record.draft
    reporting = draft.get("reporting")
    return {
        "document": record.original_name,
        "title": draft.get("title") or "",
        "year": draft.get("year"),
        "issuer": draft.get("issuer") or None,
        "sections": _numbered(draft.get("sections")),
        "activities": [_item(a) for a in included_items(draft)],
        "requirements": _numbered(draft.get("requirements")),
        "reporting": {"to": reporting.get("to"), "text": reporting.get("text") or ""} if reporting else None,
        "contacts": [
            {
                "name": c.get("name") or "",
                "phones": list(c.get("phones") or []),
                "fax": c.get("fax"),
                "email": c.get("email"),
            }
            for c in draft.get("contacts") or []
        ],
    }


class GoldExporter:
    """`<name>.gold.json`: name, extension, content type and render(), like the exporters of tongxin.exports."""

    identifier = "import_gold"
    verbose_name = "测试用标注文件（gold.json）"
    extension = "gold.json"
    content_type = "application/json"

    def __init__(self, *, record: PlanImport):
        self.record = record

    @property
    def filename(self) -> str:
        stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", Path(self.record.original_name).stem).strip(" ._") or "import"
        return f"{stem[:120]}.{self.extension}"

    def render(self) -> bytes:
        return json.dumps(gold_document(self.record), ensure_ascii=False, indent=2).encode()

    def response(self) -> HttpResponse:
        response = HttpResponse(self.render(), content_type=self.content_type)
        response["Content-Disposition"] = content_disposition_header(True, self.filename)
        return response

"""What the review screen shows: a page of compact item rows, the highlighted source beside them, the publish summary."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from tongxin.core.highlight import Mark, find_marks, highlight
from tongxin.core.kinds import COMPONENT_LABELS
from tongxin.ingest.services.publishing import included_items, publish_target
from tongxin.plans.models import Plan, PlanImport

PAGE_SIZE = 20
# Above this many characters the source pane shows only the stretch of text the page's items come from.
WHOLE_SOURCE_LIMIT = 30_000
_ROLE_MARKS = [
    ("lead_leaders", "hl-lead", "牵头领导"),
    ("responsible", "hl-responsible", "责任单位"),
    ("cooperating", "hl-cooperating", "配合单位"),
    ("places", "hl-place", "地点"),
]


def window_days(w: dict) -> str:
    """The days a time phrase was read as: “2019-06-11 至 2019-06-20”, “2019-09-30 前”."""
    start, end = w.get("start"), w.get("end")
    if start and end:
        return start if start == end else f"{start} 至 {end}"
    if end:
        return f"{end} 前"
    if start:
        return f"{start} 起"
    return "日期未识别"


def item_row(index: int, item: dict, warnings: list[dict] = ()) -> dict:
    notes = [w.get("message") or str(w) for w in warnings]
    if not (item.get("responsible") or item.get("lead_leaders")):
        notes.append("未写明责任单位")
    if not (item.get("windows") or item.get("sessions")):
        notes.append("没有时间")
    return {
        "index": index,
        "item": item,
        "excluded": bool(item.get("excluded")),
        "kinds": [str(COMPONENT_LABELS.get(k, k)) for k in item.get("components") or []],
        "times": [(w.get("text") or "", window_days(w)) for w in item.get("windows") or []],
        "notes": notes,
    }


def _item_warnings(item: dict, warnings: list[dict]) -> list[dict]:
    span = item.get("span")
    if not span:
        return []
    return [w for w in warnings if w.get("span") and span[0] <= w["span"][0] < span[1]]


def page_of_items(draft: dict, number: int | str | None) -> tuple[Page, list[dict]]:
    items = draft.get("activities") or []
    page = Paginator(range(len(items)), PAGE_SIZE).get_page(number)
    warnings = [w for w in draft.get("warnings") or [] if isinstance(w, dict)]
    rows = [item_row(i, items[i], _item_warnings(items[i], warnings)) for i in page.object_list]
    return page, rows


def page_of(index: int) -> int:
    return index // PAGE_SIZE + 1


def source_marks(items: list[tuple[int, dict]], text: str) -> list[Mark]:
    """Highlights from the parser's evidence spans; each item gets an anchor for its row's 看原文 link."""
    marks: list[Mark] = []
    for i, act in items:
        span = act.get("span")
        for w in act.get("windows") or []:
            if w.get("span"):
                marks.append(Mark(w["span"][0], w["span"][1], "hl-time", "时间"))
        evidence = act.get("evidence") or {}
        for key, css, title in _ROLE_MARKS:
            spans = evidence.get(key) or []
            for value_span in spans:
                if isinstance(value_span, list | tuple) and len(value_span) == 2:
                    marks.append(Mark(value_span[0], value_span[1], css, title))
            if not spans and span:
                para = text[span[0] : span[1]]
                for m in find_marks(para, [(n, css, title) for n in act.get(key) or []]):
                    marks.append(Mark(m.start + span[0], m.end + span[0], m.css, m.title))
        if span:
            marks.append(Mark(span[0], min(span[0] + 2, span[1]), "hl-anchor", f"第{i + 1}项", f"src-a{i}"))
    return marks


def source_html(record: PlanImport, rows: list[dict]):
    """The highlighted source: all of it for an ordinary plan, the page's stretch of a very long one."""
    text = record.text
    items = [(r["index"], r["item"]) for r in rows]
    marks = source_marks(items, text)
    if len(text) <= WHOLE_SOURCE_LIMIT:
        return highlight(text, marks), False
    spans = [r["item"]["span"] for r in rows if r["item"].get("span")]
    if not spans:
        return highlight(text[:WHOLE_SOURCE_LIMIT], marks), True
    start = text.rfind("\n", 0, min(s[0] for s in spans)) + 1
    end = max(s[1] for s in spans)
    shifted = [Mark(m.start - start, m.end - start, m.css, m.title, m.ident) for m in marks if m.start >= start]
    return highlight(text[start:end], shifted), True


@dataclass
class PublishSummary:
    """What publishing will do, said before the person confirms it."""

    plan: Plan | None
    total: int
    created: int
    updated: int
    cancelled: int

    @property
    def text(self) -> str:
        if self.plan is None:
            return f"发布后将新建方案，共 {self.total} 项活动。"
        parts = [f"更新 {self.updated} 项", f"新增 {self.created} 项"]
        if self.cancelled:
            parts.append(f"取消 {self.cancelled} 项（新版本中已没有）")
        return (
            f"这是已有方案《{self.plan.title}》（第 {self.plan.version} 版）的修订版：发布后将"
            + "，".join(parts)
            + "。"
        )


def publish_summary(record: PlanImport) -> PublishSummary:
    plan, matching = publish_target(record)
    return PublishSummary(
        plan=plan,
        total=len(included_items(record.draft)),
        created=matching.created,
        updated=matching.updated,
        cancelled=len(matching.stale),
    )

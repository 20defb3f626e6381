"""The review screen's form: the parser's draft as editable fields beside the highlighted source."""

from __future__ import annotations

import copy
import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from tongxin.core.highlight import Mark, find_marks, highlight
from tongxin.core.kinds import COMPONENT_LABELS
from tongxin.plans.models import PlanImport

LIST_FIELDS = [
    ("lead_leaders", _("牵头领导")),
    ("responsible", _("责任单位")),
    ("cooperating", _("配合单位")),
    ("places", _("地点")),
    ("participants", _("参加对象")),
]
OPEN, CLOSE = "（(〔[【〈《<", "）)〕]】〉》>"


def split_list(value: str) -> list[str]:
    """Split 、，,；; and new lines, but not inside brackets (各县（市、区）人民政府 stays whole)."""
    items, buf, depth = [], [], 0
    for ch in value or "":
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and ch in "、，,；;\n":
            items.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    items.append("".join(buf))
    return [i.strip() for i in items if i.strip()]


class ReviewForm(forms.Form):
    title = forms.CharField(label=_("方案标题"), max_length=300)
    year = forms.IntegerField(label=_("年度"), min_value=1949, max_value=2100, required=False)
    issuer = forms.CharField(label=_("发文单位"), max_length=200, required=False)

    def __init__(self, *args, record: PlanImport, **kwargs):
        self.record = record
        self.draft = record.draft
        initial = {"title": self.draft.get("title"), "year": self.draft.get("year"), "issuer": self.draft.get("issuer")}
        super().__init__(*args, initial=initial, **kwargs)
        for i, act in enumerate(self.draft.get("activities", [])):
            self._add_activity_fields(i, act)
        for k, dup in enumerate(self.draft.get("possible_duplicates") or []):
            names = dup.get("names") or []
            self.fields[f"dup{k}"] = forms.ChoiceField(
                label=" / ".join(names),
                required=False,
                choices=[("", _("不是同一单位，分别保留"))] + [(n, f"合并为“{n}”") for n in names],
            )

    def _add_activity_fields(self, i: int, act: dict) -> None:
        p = f"a{i}-"
        self.fields[p + "include"] = forms.BooleanField(label=_("导入"), required=False, initial=True)
        self.fields[p + "number"] = forms.CharField(label=_("序号"), required=False, initial=act.get("number"))
        self.fields[p + "title"] = forms.CharField(label=_("名称"), max_length=500, initial=act.get("title"))
        self.fields[p + "components"] = forms.MultipleChoiceField(
            label=_("类型"),
            required=False,
            choices=list(COMPONENT_LABELS.items()),
            initial=act.get("components"),
            widget=forms.CheckboxSelectMultiple,
        )
        for key, label in LIST_FIELDS:
            self.fields[p + key] = forms.CharField(
                label=label, required=False, initial="、".join(act.get(key) or []), help_text=_("多个用“、”分隔")
            )
        for j, w in enumerate(act.get("windows") or []):
            for end in ("start", "end"):
                self.fields[f"{p}w{j}-{end}"] = forms.DateField(
                    label=_("开始") if end == "start" else _("结束"),
                    required=False,
                    initial=w.get(end),
                    widget=forms.DateInput(attrs={"type": "date"}),
                )

    def clean(self):
        data = super().clean()
        for i, _act in enumerate(self.draft.get("activities", [])):
            for j, _w in enumerate(_act.get("windows") or []):
                start, end = data.get(f"a{i}-w{j}-start"), data.get(f"a{i}-w{j}-end")
                if start and end and start > end:
                    self.add_error(f"a{i}-w{j}-end", _("结束日期不能早于开始日期。"))
        return data

    def activity_rows(self) -> list[dict]:
        rows = []
        for i, act in enumerate(self.draft.get("activities", [])):
            p = f"a{i}-"
            rows.append(
                {
                    "index": i,
                    "draft": act,
                    "fields": [self[p + n] for n in ("include", "number", "title", "components")],
                    "lists": [self[p + key] for key, _label in LIST_FIELDS],
                    "windows": [
                        (w, self[f"{p}w{j}-start"], self[f"{p}w{j}-end"])
                        for j, w in enumerate(act.get("windows") or [])
                    ],
                }
            )
        return rows

    def duplicate_fields(self):
        return [self[name] for name in self.fields if name.startswith("dup")]

    def corrected_draft(self) -> dict:
        d = self.cleaned_data
        draft = copy.deepcopy(self.draft)
        draft.update({"title": d["title"], "year": d.get("year"), "issuer": d.get("issuer") or ""})
        kept = []
        for i, act in enumerate(draft.get("activities", [])):
            p = f"a{i}-"
            if not d.get(p + "include"):
                continue
            act["number"] = d.get(p + "number") or ""
            act["title"] = d[p + "title"]
            act["components"] = d.get(p + "components") or ["other"]
            for key, _label in LIST_FIELDS:
                act[key] = split_list(d.get(p + key, ""))
            for j, w in enumerate(act.get("windows") or []):
                w["start"] = _iso(d.get(f"{p}w{j}-start"))
                w["end"] = _iso(d.get(f"{p}w{j}-end"))
            kept.append(act)
        draft["activities"] = kept
        return draft

    def merges(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for k, dup in enumerate(self.draft.get("possible_duplicates") or []):
            target = self.cleaned_data.get(f"dup{k}")
            if target:
                out.update({n: target for n in dup.get("names") or [] if n != target})
        return out


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def source_marks(draft: dict, text: str) -> list[Mark]:
    """Highlights for the whole source from the parser's evidence spans; each activity gets an anchor to jump to."""
    marks: list[Mark] = []
    for i, act in enumerate(draft.get("activities", [])):
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
            # An anchor on the paragraph's first characters, for the card's "看原文" link.
            marks.append(Mark(span[0], min(span[0] + 2, span[1]), "hl-anchor", f"第{i + 1}项", f"src-a{i}"))
    return marks


_ROLE_MARKS = [
    ("lead_leaders", "hl-lead", "牵头领导"),
    ("responsible", "hl-responsible", "责任单位"),
    ("cooperating", "hl-cooperating", "配合单位"),
    ("places", "hl-place", "地点"),
]


def review_context(record: PlanImport, form: ReviewForm) -> dict:
    return {
        "record": record,
        "form": form,
        "rows": form.activity_rows(),
        "duplicates": form.duplicate_fields(),
        "warnings": record.draft.get("warnings") or [],
        "source_html": highlight(record.text, source_marks(record.draft, record.text)),
    }

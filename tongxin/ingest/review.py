"""The review screen's forms: plan facts, one item at a time (edited or added by hand), and merge decisions."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from tongxin.core import clock
from tongxin.core.kinds import COMPONENT_LABELS

LIST_FIELDS = [
    ("lead_leaders", _("牵头领导")),
    ("responsible", _("责任单位")),
    ("cooperating", _("配合单位")),
    ("places", _("地点")),
    ("participants", _("参加对象")),
]
OPEN, CLOSE = "（(〔[【〈《<", "）)〕]】〉》>"
TIME_HELP = _("每行一个时间，如“2019年6月中旬”“10月1日前后”“9月底前”。")
# Merge decisions post as one field each; past this many pairs the rest are left for the units screen.
MAX_DUPLICATES = 100


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


def read_times(text: str, *, year: int, known: list[dict] = ()) -> tuple[list[dict], list[str]]:
    """Each line a time phrase → a window in the draft's shape; (windows, Chinese errors for lines not understood).

    A line written exactly as a window the parser found keeps that window: its dates may rest on context (a year
    stated earlier in the document) that the line alone lacks."""
    from tongxin.parser.times import normalise

    by_text = {(w.get("text") or "").strip(): w for w in known}
    windows, errors = [], []
    for line in (text or "").splitlines():
        phrase = line.strip()
        if not phrase:
            continue
        if phrase in by_text:
            windows.append(by_text[phrase])
            continue
        w = normalise(phrase, year=year)
        if w is None:
            errors.append(f"无法识别时间“{phrase}”。请写成“2019年6月中旬”“10月1日前后”“9月底前”这样的说法。")
            continue
        windows.append(
            {
                "start": _iso(w.start),
                "end": _iso(w.end),
                "text": phrase,
                "tentative": w.tentative,
                "approximate": w.approximate,
                "deadline": w.deadline,
            }
        )
    return windows, errors


def draft_year(draft: dict) -> int:
    return draft.get("year") or clock.today().year


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


class PlanInfoForm(forms.Form):
    title = forms.CharField(label=_("方案标题"), max_length=300, error_messages={"required": _("请填写方案标题。")})
    year = forms.IntegerField(label=_("年度"), min_value=1949, max_value=2100, required=False)
    issuer = forms.CharField(label=_("发文单位"), max_length=200, required=False)

    @classmethod
    def for_draft(cls, draft: dict, data=None) -> PlanInfoForm:
        initial = {"title": draft.get("title"), "year": draft.get("year"), "issuer": draft.get("issuer")}
        return cls(data, initial=initial, prefix="info")

    def apply(self, draft: dict) -> dict:
        d = self.cleaned_data
        return {**draft, "title": d["title"], "year": d.get("year"), "issuer": d.get("issuer") or ""}


class ItemForm(forms.Form):
    """One item of the draft: what the parser found, or a blank one a person adds when it found nothing."""

    number = forms.CharField(label=_("序号"), max_length=20, required=False)
    title = forms.CharField(label=_("名称"), max_length=500, error_messages={"required": _("请填写活动名称。")})
    components = forms.MultipleChoiceField(
        label=_("类型"),
        required=False,
        choices=list(COMPONENT_LABELS.items()),
        widget=forms.SelectMultiple(attrs={"size": 4}),
        help_text=_("可多选（按住 Ctrl 或 ⌘ 点选）"),
    )
    times = forms.CharField(
        label=_("时间"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=TIME_HELP
    )
    lead_leaders = forms.CharField(label=_("牵头领导"), required=False, help_text=_("多个用“、”分隔"))
    responsible = forms.CharField(label=_("责任单位"), required=False, help_text=_("多个用“、”分隔"))
    cooperating = forms.CharField(label=_("配合单位"), required=False, help_text=_("多个用“、”分隔"))
    places = forms.CharField(label=_("地点"), required=False, help_text=_("多个用“、”分隔"))
    participants = forms.CharField(label=_("参加对象"), required=False, help_text=_("多个用“、”分隔"))

    def __init__(self, *args, item: dict | None = None, year: int, **kwargs):
        self.item = item or {}
        self.year = year
        initial = {
            "number": self.item.get("number") or "",
            "title": self.item.get("title") or "",
            "components": self.item.get("components") or [],
            "times": "\n".join((w.get("text") or "").strip() for w in self.item.get("windows") or []),
            **{key: "、".join(self.item.get(key) or []) for key, _label in LIST_FIELDS},
        }
        super().__init__(*args, initial=initial, **kwargs)

    def clean_times(self) -> list[dict]:
        windows, errors = read_times(
            self.cleaned_data.get("times", ""), year=self.year, known=self.item.get("windows") or []
        )
        if errors:
            raise forms.ValidationError(errors)
        return windows

    def apply(self) -> dict:
        """The item with this form's values; what the form does not edit (sessions, spans, evidence) is kept."""
        d = self.cleaned_data
        item = dict(self.item)
        item.update(
            {
                "number": d.get("number") or None,
                "title": d["title"].strip(),
                "components": d.get("components") or ["other"],
                "windows": d["times"],
                **{key: split_list(d.get(key, "")) for key, _label in LIST_FIELDS},
            }
        )
        for key in ("recurrence", "sessions", "phases"):
            item.setdefault(key, None if key == "recurrence" else [])
        item.setdefault("place_pending", False)
        return item


class MergeForm(forms.Form):
    """One choice per pair of unit names that may be one unit written two ways."""

    def __init__(self, *args, duplicates: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.pairs = duplicates[:MAX_DUPLICATES]
        for k, dup in enumerate(self.pairs):
            names = dup.get("names") or []
            self.fields[f"dup{k}"] = forms.ChoiceField(
                label=" / ".join(names),
                required=False,
                choices=[("", _("不是同一单位，分别保留"))] + [(n, f"合并为“{n}”") for n in names],
            )

    def merges(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for k, dup in enumerate(self.pairs):
            target = self.cleaned_data.get(f"dup{k}")
            if target:
                out.update({n: target for n in dup.get("names") or [] if n != target})
        return out

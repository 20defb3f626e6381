"""Forms for the programme screens."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.db.models import Case, Exists, OuterRef, When
from django.utils.translation import gettext_lazy as _

from tongxin.activities.models import COMPONENT_LABELS, Activity, Assignment, Phase, Session
from tongxin.activities.selectors import OverviewFilters
from tongxin.activities.services import WindowInput
from tongxin.core import clock
from tongxin.orgs.models import Organisation, Person
from tongxin.parser.times import normalise

# With more choices than this a select gets a type-to-find box (app.js, `data-searchable`).
SEARCHABLE_AT = 30


class OverviewFilterForm(forms.Form):
    plan = forms.TypedChoiceField(label=_("方案"), required=False, coerce=int, empty_value=None)
    leader = forms.TypedChoiceField(label=_("牵头领导"), required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label=_("单位"), required=False, coerce=int, empty_value=None)
    month = forms.TypedChoiceField(
        label=_("月份"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("全部月份"))] + [(m, f"{m}月") for m in range(1, 13)],
    )
    kind = forms.ChoiceField(
        label=_("类型"), required=False, choices=[("", _("全部类型"))] + [(k, v) for k, v in COMPONENT_LABELS.items()]
    )
    q = forms.CharField(label=_("关键词"), required=False, max_length=100)

    def __init__(self, *args, user, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(p.pk, f"{p.year or ''} {p.title}") for p in plans]
        # Leaders and units of the plan in view only: every organisation of every plan made 3,400 options.
        plan_id = self.plan_in_view(plans)
        named = Assignment.objects.filter(activity__plan_id=plan_id)
        leaders = Person.objects.filter(kind=Person.Kind.LEADER).filter(Exists(named.filter(person=OuterRef("pk"))))
        units = Organisation.objects.filter(
            Exists(named.filter(organisation=OuterRef("pk")))
            | Exists(Activity.objects.filter(plan_id=plan_id, owner_org=OuterRef("pk")))
        ).exclude(kind="placeholder").order_by("kind", "name")  # 各有关单位 and the like are never a filter option
        self.fields["leader"].choices = [("", _("全部领导"))] + [(p.pk, p.name) for p in leaders.order_by("name")]
        self.fields["unit"].choices = [("", _("全部单位"))] + [(o.pk, o.name) for o in units]
        for name in ("leader", "unit"):
            if len(self.fields[name].choices) > SEARCHABLE_AT:
                self.fields[name].widget.attrs["data-searchable"] = _("输入名称查找")

    def plan_in_view(self, plans) -> int | None:
        """The plan asked for when it is one of `plans`, else the first (newest), as the overview shows it."""
        wanted = str(self.data.get("plan", "")) if self.is_bound else ""
        chosen = next((p.pk for p in plans if str(p.pk) == wanted), None)
        return chosen if chosen is not None else (plans[0].pk if plans else None)

    def filters(self) -> OverviewFilters:
        """The valid filters; one that no longer applies (a unit of the plan left behind) is dropped, not all."""
        if not self.is_bound:
            return OverviewFilters()
        self.is_valid()
        d = self.cleaned_data
        return OverviewFilters(
            plan_id=d.get("plan"),
            leader_id=d.get("leader"),
            unit_id=d.get("unit"),
            month=d.get("month"),
            kind=d.get("kind") or "",
            q=d.get("q") or "",
        )


class OwnActivityForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("所属方案"), queryset=None, empty_label=None)
    org = forms.ModelChoiceField(label=_("单位"), queryset=Organisation.objects.none(), empty_label=None)
    title = forms.CharField(label=_("活动名称"), max_length=500)
    kinds = forms.MultipleChoiceField(
        label=_("类型"), required=False, choices=list(COMPONENT_LABELS.items()), widget=forms.CheckboxSelectMultiple
    )
    start = forms.DateField(label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("地点"), max_length=300, required=False)
    description = forms.CharField(label=_("活动内容"), required=False, widget=forms.Textarea)

    def __init__(self, *args, plans, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["org"].queryset = orgs

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("结束日期不能早于开始日期。"))
        return data


class ActivityStateForm(forms.Form):
    state = forms.ChoiceField(label=_("状态"), choices=Activity.State.choices)


# --- Editing after publishing -------------------------------------------------------------------------------------

WHEN_HELP = _("可填日期（2019-09-21、2019-09-21至2019-09-30），也可照方案写法填写（9月下旬、7月底前、“十·一”前后）。")
_RANGE = re.compile(r"\s*(?:至|到|—|–|~|～)\s*")


def parse_when(text: str, *, year: int) -> WindowInput:
    """A date, a range of dates or a Chinese time phrase → its days, read by the plan parser's normaliser."""
    text = text.strip()
    window = normalise(text, year=year)
    if window is None or window.span != (0, len(text)) or window.end is None:
        parts = [normalise(p, year=year) for p in _RANGE.split(text)]
        if len(parts) == 2 and all(p and p.start and p.end for p in parts) and parts[0].start > parts[1].end:
            raise forms.ValidationError(_("“%(text)s”：结束日期不能早于开始日期。"), params={"text": text})
        raise forms.ValidationError(
            _("无法识别“%(text)s”。请填写日期，如 2019-09-21 或 2019-09-21至2019-09-30，或“9月下旬”这样的写法。"),
            params={"text": text},
        )
    return WindowInput(window.start, window.end, text)


def _year_of(activity: Activity) -> int:
    return activity.plan.year or (activity.starts_on.year if activity.starts_on else clock.today().year)


def _when_text(start: dt.date | None, end: dt.date | None) -> str:
    if not end:
        return ""
    return f"{start:%Y-%m-%d}至{end:%Y-%m-%d}" if start and start != end else f"{end:%Y-%m-%d}"


class _Versioned(forms.Form):
    """Every edit carries the activity's version it was read at, so a stale edit is refused rather than applied."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ActivityEditForm(_Versioned):
    title = forms.CharField(label=_("活动名称"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    windows = forms.CharField(
        label=_("时间安排（每行一项）"), widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text=WHEN_HELP
    )
    places = forms.CharField(
        label=_("地点"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("多个地点用顿号或换行分开；填写地点后不再显示“地点待定”。"),
    )
    kinds = forms.MultipleChoiceField(
        label=_("类型"), required=False, choices=list(COMPONENT_LABELS.items()), widget=forms.CheckboxSelectMultiple
    )
    leads = forms.ModelMultipleChoiceField(
        label=_("牵头领导"), queryset=Person.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    responsible = forms.ModelMultipleChoiceField(
        label=_("责任单位"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cooperating = forms.ModelMultipleChoiceField(
        label=_("配合单位"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    PLACE_ONLY = ("version", "places")
    OWNER_FIELDS = {"leads": "lead", "responsible": "responsible", "cooperating": "cooperating"}

    def __init__(self, *args, activity: Activity, full: bool, **kwargs):
        """`full` is the department's form; a responsible unit gets the place only (rules.py)."""
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.full = full
        if not full:
            for name in [n for n in self.fields if n not in self.PLACE_ONLY]:
                del self.fields[name]
            return
        leaders = Person.objects.filter(kind=Person.Kind.LEADER)
        units = Organisation.objects.filter(is_active=True)
        for name, role in self.OWNER_FIELDS.items():
            # The current holders come first, so on a phone the list opens on what is chosen.
            held = [a.person_id or a.organisation_id for a in activity.assignments.all() if a.role == role]
            first = Case(When(pk__in=held, then=0), default=1)
            qs = leaders if name == "leads" else units
            self.fields[name].queryset = qs.alias(first=first).order_by("first", *qs.model._meta.ordering)

    @classmethod
    def for_activity(cls, activity: Activity, *, full: bool) -> ActivityEditForm:
        owners: dict[str, list[int]] = {"lead": [], "responsible": [], "cooperating": []}
        for a in activity.assignments.all():
            if a.session_id is None:
                owners[a.role].append(a.person_id or a.organisation_id)
        initial = {
            "version": activity.version,
            "title": activity.title,
            "windows": "\n".join(w.text or _when_text(w.start, w.end) for w in activity.windows.all() if w.end),
            "places": "、".join(activity.places),
            "kinds": activity.kinds,
            "leads": owners["lead"],
            "responsible": owners["responsible"],
            "cooperating": owners["cooperating"],
        }
        return cls(initial=initial, activity=activity, full=full)

    def clean_windows(self) -> list[WindowInput]:
        lines = [line for line in self.cleaned_data["windows"].splitlines() if line.strip()]
        out, errors = [], []
        for line in lines:
            try:
                out.append(parse_when(line, year=_year_of(self.activity)))
            except forms.ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise forms.ValidationError(errors)
        # An unchanged line keeps the window as the plan had it (its evidence and "拟定" flag stay).
        kept = {w.text: w for w in self.activity.windows.all()}
        return [WindowInput(kept[w.text].start, kept[w.text].end, w.text) if w.text in kept else w for w in out]

    def clean_places(self) -> list[str]:
        return [p.strip() for p in re.split(r"[、\n]", self.cleaned_data["places"]) if p.strip()]

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        if not self.full:
            return {"places": d["places"]}
        return {
            "title": d["title"],
            "windows": d["windows"],
            "places": d["places"],
            "kinds": d["kinds"],
            "leads": list(d["leads"]),
            "responsible": list(d["responsible"]),
            "cooperating": list(d["cooperating"]),
        }


class SessionEditForm(_Versioned):
    title = forms.CharField(label=_("主题"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    when = forms.CharField(label=_("日期"), max_length=100, help_text=WHEN_HELP)
    start_time = forms.TimeField(label=_("开始时间"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("结束时间"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("地点"), max_length=300, required=False)
    speakers = forms.CharField(label=_("主讲人"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    guests = forms.CharField(label=_("特邀嘉宾"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    participants = forms.CharField(label=_("参加人员"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, activity: Activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity

    @classmethod
    def for_session(cls, session: Session) -> SessionEditForm:
        initial = {f: getattr(session, f) for f in ("title", "start_time", "end_time", "place", "speakers", "guests")}
        initial |= {"participants": session.participants, "when": _when_text(session.start, session.end)}
        return cls(initial={**initial, "version": session.activity.version}, activity=session.activity)

    def clean_when(self) -> WindowInput:
        return parse_when(self.cleaned_data["when"], year=_year_of(self.activity))

    def clean(self):
        d = super().clean()
        when = d.get("when")
        if when and d.get("start_time") and d.get("end_time") and d["start_time"] > d["end_time"]:
            if when.start in (None, when.end):
                self.add_error("end_time", _("结束时间不能早于开始时间。"))
        return d

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        when = d["when"]
        fields = ("title", "start_time", "end_time", "place", "speakers", "guests", "participants")
        return {"start": when.start or when.end, "end": when.end, **{f: d[f] for f in fields}}


class SessionCancelForm(_Versioned):
    reason = forms.CharField(label=_("取消原因"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class PhaseEditForm(_Versioned):
    when = forms.CharField(label=_("时间"), max_length=100, help_text=WHEN_HELP)

    def __init__(self, *args, activity: Activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity

    @classmethod
    def for_phase(cls, phase: Phase) -> PhaseEditForm:
        initial = {"version": phase.activity.version, "when": _when_text(phase.start, phase.end)}
        return cls(initial=initial, activity=phase.activity)

    def clean_when(self) -> WindowInput:
        return parse_when(self.cleaned_data["when"], year=_year_of(self.activity))

    def service_kwargs(self) -> dict:
        when = self.cleaned_data["when"]
        return {"start": when.start, "end": when.end}

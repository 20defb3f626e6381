"""Forms for the programme screens."""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from tongxin.activities.models import COMPONENT_LABELS, Activity, Assignment
from tongxin.activities.selectors import OverviewFilters
from tongxin.orgs.models import Organisation, Person

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
        ).order_by("kind", "name")
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

"""Forms for field work's screens: they parse input; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tongxin.fieldwork.models import Household, Opinion, Problem, Visit
from tongxin.orgs.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"})


class MultipleFiles(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files from one input; each is checked by content in the service (files.checks)."""

    widget = MultipleFiles

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("走访日期"), widget=DATE)
    form = forms.ChoiceField(label=_("形式"), choices=Visit.Form.choices)
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    content = forms.CharField(label=_("走访内容"), widget=forms.Textarea(attrs={"rows": 4}))
    photos = FilesField(label=_("照片"), required=False, help_text=_("可选多张，仅限图片"))
    opinion_kind_1 = forms.ChoiceField(label=_("意见建议 1 类别"), choices=Opinion.Kind.choices, required=False)
    opinion_text_1 = forms.CharField(label=_("意见建议 1"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    opinion_kind_2 = forms.ChoiceField(label=_("意见建议 2 类别"), choices=Opinion.Kind.choices, required=False)
    opinion_text_2 = forms.CharField(label=_("意见建议 2"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def opinions(self) -> list[tuple[str, str]]:
        d = self.cleaned_data
        return [(d.get(f"opinion_kind_{i}") or "opinion", d.get(f"opinion_text_{i}") or "") for i in (1, 2)]


class FollowUpForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("承办单位"), queryset=Organisation.objects.filter(is_active=True))
    due = forms.DateField(label=_("办理时限"), widget=DATE)


class FeedbackForm(forms.Form):
    result = forms.CharField(label=_("办理结果"), widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class HouseholdForm(forms.ModelForm):
    class Meta:
        model = Household
        fields = ["head_name", "id_number", "phone", "members", "town", "village", "category", "causes", "needs"]
        widgets = {"members": forms.Textarea(attrs={"rows": 3}), "needs": forms.Textarea(attrs={"rows": 2})}


class DifficultyForm(forms.Form):
    description = forms.CharField(label=_("困难"), widget=forms.Textarea(attrs={"rows": 2}))


class MeasureForm(forms.Form):
    measure = forms.CharField(label=_("帮扶措施"), widget=forms.Textarea(attrs={"rows": 2}))
    money = forms.CharField(label=_("帮扶资金（元）"), required=False)
    goods = forms.CharField(label=_("帮扶物资"), required=False, max_length=300)


class ResolveForm(forms.Form):
    result = forms.CharField(label=_("解决情况"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence = FilesField(label=_("佐证材料"), required=False)


class CheckItemForm(forms.Form):
    note = forms.CharField(label=_("完成情况"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    evidence = FilesField(label=_("佐证材料"), required=False)


class InspectionForm(forms.Form):
    inspected_on = forms.DateField(label=_("检查日期"), widget=DATE)
    phase = forms.TypedChoiceField(label=_("阶段"), coerce=int)
    inspectors = forms.CharField(label=_("检查人员"), required=False, max_length=200)
    notes = forms.CharField(label=_("检查情况"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    description = forms.CharField(label=_("发现问题"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    category = forms.CharField(label=_("问题类别"), required=False, max_length=50)
    severity = forms.ChoiceField(label=_("严重程度"), choices=Problem.Severity.choices)
    photo = forms.FileField(label=_("问题照片"), required=False)

    def __init__(self, *args, phases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [(p.pk, p.name) for p in phases]

    def problems(self) -> list[dict]:
        d = self.cleaned_data
        if not (d.get("description") or "").strip():
            return []
        return [{k: d.get(k) for k in ("description", "category", "severity", "photo")}]


class ProblemMeasureForm(forms.Form):
    measure = forms.CharField(label=_("整改措施"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label=_("整改时限"), widget=DATE)


class RectifyForm(forms.Form):
    rectification = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence = FilesField(label=_("佐证材料"), required=False)


class SignOffForm(forms.Form):
    comment = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    evidence = FilesField(label=_("佐证材料"), required=False)


class PhaseCloseForm(forms.Form):
    override_reason = forms.CharField(
        label=_("强制关闭理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("仍有未完成事项时，仅管理员可填写理由强制关闭"),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))

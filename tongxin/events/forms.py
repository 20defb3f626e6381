"""Forms for sign-in, manual attendance, minutes and publicity entries."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tongxin.events.models import PublicityEntry


class SignInForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    phone = forms.CharField(label=_("手机号"), max_length=20, required=False)
    unit_name = forms.CharField(label=_("单位"), max_length=200, required=False)


class AttendanceForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("手机号（可不填）"), max_length=20, required=False)
    unit_name = forms.CharField(label=_("单位"), max_length=200)


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("会议纪要"), widget=forms.Textarea(attrs={"rows": 6}))
    photos = forms.FileField(label=_("照片"), required=False)


class PublicityForm(forms.Form):
    outlet_type = forms.ChoiceField(label=_("媒体类型"), choices=PublicityEntry.OutletType.choices)
    outlet = forms.CharField(label=_("媒体名称"), max_length=200)
    date = forms.DateField(label=_("刊播日期"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("标题"), max_length=300)
    link = forms.CharField(label=_("链接"), max_length=1000, required=False)
    screenshot = forms.FileField(label=_("截图"), required=False)

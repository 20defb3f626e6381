"""The bulletin form: which period, which issue, who issues it and who receives it."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_PERIOD_DAYS = 366


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class BulletinForm(forms.Form):
    start = forms.DateField(label=_("起始日期"), widget=DateInput())
    end = forms.DateField(label=_("截止日期"), widget=DateInput())
    issue = forms.IntegerField(
        label=_("期号"),
        min_value=1,
        max_value=9999,
        help_text=_("“第 N 期”的 N。"),
        error_messages={
            "invalid": _("期号应为整数。"),
            "min_value": _("期号应在 1 到 9999 之间。"),
            "max_value": _("期号应在 1 到 9999 之间。"),
        },
    )
    issuer = forms.CharField(label=_("编印单位"), max_length=100)
    issued_on = forms.DateField(label=_("印发日期"), widget=DateInput())
    to_report = forms.CharField(label=_("报"), max_length=300, required=False)
    to_send = forms.CharField(label=_("送"), max_length=300, required=False)
    to_issue = forms.CharField(label=_("发"), max_length=300, required=False)

    error_messages = {
        "order": _("起始日期不能晚于截止日期。"),
        "too_long": _("一期简报的时间段不能超过一年。"),
    }

    @staticmethod
    def initial_for(plan, today: dt.date) -> dict:
        """This month so far, issued today by the plan's issuer."""
        return {
            "start": today.replace(day=1),
            "end": today,
            "issue": 1,
            "issuer": plan.issuer or "办公室",
            "issued_on": today,
            "to_report": "部领导",
            "to_send": "各民主党派市委（总支）、市直统战系统各单位",
            "to_issue": "部机关各科室",
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                self.add_error("end", self.error_messages["order"])
            elif (end - start).days >= MAX_PERIOD_DAYS:
                self.add_error("end", self.error_messages["too_long"])
        return data

"""The form on the token settings page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tongxin.tokens.models import ApiToken
from tongxin.tokens.services import MAX_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100, help_text=_("例如调用它的系统：OA 对接"))
    scope = forms.ChoiceField(label=_("权限范围"), choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ)
    days = forms.IntegerField(
        label=_("有效天数"),
        min_value=1,
        max_value=MAX_DAYS,
        required=False,
        initial=90,
        help_text=_("留空表示长期有效（不建议）。"),
    )

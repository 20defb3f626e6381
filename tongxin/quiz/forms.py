from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from tongxin.orgs.models import Organisation
from tongxin.public.captcha import CaptchaFormMixin
from tongxin.public.consent import ConsentFormMixin
from tongxin.quiz.models import AccessCode, Contest


class JoinForm(CaptchaFormMixin, ConsentFormMixin, forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("手机号"), max_length=20, widget=forms.TextInput(attrs={"type": "tel"}))
    organisation = forms.ModelChoiceField(label=_("所在组织"), queryset=Organisation.objects.none(), required=False)
    code = forms.CharField(label=_("组织参赛码"), max_length=20, required=False)

    def __init__(self, *args, contest: Contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.contest = contest
        if contest.identity == Contest.Identity.CODE:
            del self.fields["organisation"]
            self.fields["code"].required = True
        else:
            del self.fields["code"]
            self.fields["organisation"].required = True
            self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True).order_by(
                "sort_order", "name")

    def clean_phone(self):
        phone = re.sub(r"\D", "", self.cleaned_data["phone"])
        if not re.fullmatch(r"1\d{10}", phone):
            raise forms.ValidationError(_("请输入11位手机号"))
        return phone

    def clean(self):
        data = super().clean()
        if self.contest.identity == Contest.Identity.CODE and data.get("code"):
            access = AccessCode.objects.filter(contest=self.contest, code=data["code"].strip().upper()).first()
            if access is None:
                self.add_error("code", _("参赛码不正确"))
            else:
                data["organisation"] = access.organisation
        return data


class BankUploadForm(forms.Form):
    file = forms.FileField(label=_("题库文件（.xlsx/.xls/.csv/.docx/.txt）"))

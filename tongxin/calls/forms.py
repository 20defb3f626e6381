"""Forms for a reviewer's score and the public receipt lookup."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ScoreForm(forms.Form):
    score = forms.CharField(label=_("评分（0–100）"), max_length=10)
    comment = forms.CharField(label=_("评语"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class LookupForm(forms.Form):
    receipt = forms.CharField(label=_("回执编号"), max_length=40)

"""Consent to the privacy notice where the public hands over personal data, and what a module stores about it."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from tongxin.core import clock

# Bump when the notice's substance changes: stored consents then show which text the person agreed to.
PRIVACY_NOTICE_VERSION = "2026-12"


class ConsentCheckbox(forms.CheckboxInput):
    """The checkbox inside its own label, so the sentence sits beside the box and a tap on it ticks it."""

    template_name = "public/consent/checkbox.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Built when rendered, so reverse() runs after the URLconf is loaded.
        context["text"] = format_html(
            '{}<a href="{}" target="_blank" rel="noopener">{}</a>',
            _("我已阅读并同意"), reverse("public:privacy"), _("《个人信息保护告知》"),
        )
        return context


class ConsentField(forms.BooleanField):
    """The required checkbox "我已阅读并同意《个人信息保护告知》", the title linking to the notice."""

    widget = ConsentCheckbox

    def __init__(self, **kwargs):
        kwargs.setdefault("required", True)
        kwargs.setdefault("label", "")  # the widget carries the sentence
        kwargs.setdefault("error_messages", {"required": _("请阅读并勾选同意《个人信息保护告知》后再提交")})
        super().__init__(**kwargs)


def consent_record() -> dict:
    """What to store with the submission: `Model.objects.create(..., **consent_record())` on a model that inherits
    `tongxin.public.models.ConsentRecord`."""
    return {"consent_at": clock.now(), "consent_notice_version": PRIVACY_NOTICE_VERSION}


class ConsentFormMixin:
    """For a Form or ModelForm collecting personal data: adds the `consent` checkbox last."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"] = ConsentField()

    def consent_record(self) -> dict:
        return consent_record()

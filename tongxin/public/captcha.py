"""An image captcha that works offline (django-simple-captcha: challenges in the database, so any app process can
check them), with a Chinese message, a "换一张" link refreshed by htmx, and a form mixin modules drop in."""

from __future__ import annotations

import secrets

from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

# Capitals and digits a phone user cannot confuse (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 4


def challenge() -> tuple[str, str]:
    """(what the image shows, the expected answer); answers are compared case-insensitively."""
    text = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return text, text


class PublicCaptchaWidget(CaptchaTextInput):
    template_name = "public/captcha/widget.html"

    def fetch_captcha_store(self, name, value, attrs=None, generator=None):
        # The library checks a global "captcha-image" URL name here; ours lives in the public namespace.
        self._key = CaptchaStore.generate_key(generator)
        self._value = [self._key, ""]
        self.id_ = self.build_attrs(attrs).get("id", None)

    def image_url(self) -> str:
        return reverse("public:captcha-image", kwargs={"key": self._key})

    def audio_url(self) -> None:
        return None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["image_2x"] = reverse("public:captcha-image-2x", kwargs={"key": self._key})
        context["refresh"] = reverse("public:captcha-refresh") + "?" + urlencode({"name": name})
        context["name"] = name
        return context


class PublicCaptchaField(CaptchaField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("验证码"))
        kwargs.setdefault("help_text", _("请输入图中的4个字符，不区分大小写"))
        kwargs.setdefault("widget", PublicCaptchaWidget(generator=challenge))
        messages = {"invalid": _("验证码不正确"), "required": _("请输入验证码"), "incomplete": _("请输入验证码")}
        kwargs["error_messages"] = {**messages, **kwargs.get("error_messages", {})}
        super().__init__(**kwargs)


class CaptchaFormMixin:
    """For a Form or ModelForm: adds a `captcha` field last; `captcha=False` leaves it out (e.g. until a rate-limit burst asks for it)."""

    def __init__(self, *args, captcha: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if captcha:
            self.fields["captcha"] = PublicCaptchaField()

"""The channel settings form: e-mail on/off, or a WeCom / DingTalk robot with its webhook, secret and unit."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from tongxin.notify.models import Channel
from tongxin.orgs.models import Organisation


class ChannelForm(forms.ModelForm):
    webhook_url = forms.URLField(
        label=_("Webhook 地址"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("在群设置 → 群机器人中复制，例如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"),
    )
    secret = forms.CharField(
        label=_("加签密钥"),
        required=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("钉钉机器人“加签”（以 SEC 开头），或对接系统 Webhook 的签名密钥。修改时留空表示不变。"),
    )

    class Meta:
        model = Channel
        fields = ["kind", "name", "webhook_url", "secret", "org", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = Organisation.objects.filter(is_active=True).order_by("sort_order", "name")
        self.fields["org"].empty_label = _("全部门通用")
        self.fields["webhook_url"].widget.attrs["inputmode"] = "url"
        self._old_secret = self.instance.secret if self.instance.pk else ""

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        url = (data.get("webhook_url") or "").strip()
        if kind == Channel.Kind.EMAIL:
            # E-mail goes to each person's own address through the SMTP server in the settings.
            data["webhook_url"], data["secret"], data["org"] = "", "", None
            return data
        if kind in (Channel.Kind.WECOM, Channel.Kind.DINGTALK, Channel.Kind.WEBHOOK):
            if not url:
                robot = kind != Channel.Kind.WEBHOOK
                self.add_error(
                    "webhook_url", _("群机器人需要填写 Webhook 地址。") if robot else _("需要填写 Webhook 地址。")
                )
            elif urlsplit(url).scheme not in ("http", "https"):
                self.add_error("webhook_url", _("Webhook 地址必须以 http:// 或 https:// 开头。"))
        if kind == Channel.Kind.WECOM:
            data["secret"] = ""
        elif not data.get("secret"):
            data["secret"] = self._old_secret
        if kind == Channel.Kind.WEBHOOK:
            data["org"] = None  # events go to the other system whole; it is not a unit's group
            if not data["secret"]:
                self.add_error("secret", _("对接系统 Webhook 需要签名密钥（对方用它核对 X-Tongxin-Signature）。"))
        return data

"""Forms for signing in, setting passwords and managing accounts, with Chinese labels and messages."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from tongxin.accounts.models import User

# Accounts sit below the directory (orgs): its models are reached through the user's own relations, not imported.
Organisation = User._meta.get_field("organisation").related_model
Person = User._meta.get_field("person").related_model


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不正确。连续输错多次后账号将被暂时锁定。"),
        "inactive": _("该账号已停用，请联系部门管理员。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("用户名")
        self.fields["password"].label = _("密码")


class NewPasswordForm(forms.Form):
    """A password typed twice; the rules (length, not common, not all digits) are the settings' validators."""

    password1 = forms.CharField(
        label=_("新密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("至少 8 位，不能全是数字，不能是常见密码，也不要与用户名相近。"),
        strip=False,
    )
    password2 = forms.CharField(
        label=_("再输入一次"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )

    def __init__(self, *args, user: User | None = None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            raise forms.ValidationError(_("两次输入的密码不一致。"))
        if p1:
            password_validation.validate_password(p1, self.user)
        return data


class ChangePasswordForm(NewPasswordForm):
    old_password = forms.CharField(
        label=_("当前密码"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}), strip=False
    )
    field_order = ["old_password", "password1", "password2"]

    def clean_old_password(self):
        value = self.cleaned_data["old_password"]
        if not self.user.check_password(value):
            raise forms.ValidationError(_("当前密码不正确。"))
        return value


def _units():
    return Organisation.objects.filter(is_active=True).exclude(kind__in=["placeholder", "collective"])


class AccountForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    display_name = forms.CharField(label=_("显示名称"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("角色"), choices=User.Role.choices)
    organisation = forms.ModelChoiceField(label=_("所属单位"), queryset=Organisation.objects.none(), required=False)
    person = forms.ModelChoiceField(label=_("对应人员"), queryset=Person.objects.none(), required=False)
    phone = forms.CharField(label=_("手机"), max_length=30, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    setup = forms.ChoiceField(
        label=_("怎样设置密码"),
        choices=[("invite", _("生成一次性邀请链接，由本人设置密码")), ("password", _("设置初始密码，首次登录须修改"))],
        initial="invite",
        widget=forms.RadioSelect,
    )
    initial_password = forms.CharField(
        label=_("初始密码"),
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _units().order_by("sort_order", "name")
        self.fields["person"].queryset = Person.objects.filter(user__isnull=True).order_by("name")
        if editing:
            for name in ("username", "setup", "initial_password"):
                del self.fields[name]
            self.fields["person"].queryset = Person.objects.order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("setup") == "password" and not data.get("initial_password"):
            self.add_error("initial_password", _("请填写初始密码，或改为生成邀请链接。"))
        return data


class ResetPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("临时密码"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("告知本人后，本人首次登录须改为自己的密码。"),
        strip=False,
    )

"""Forms for the directory screens: units, collectives, merging, people."""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from tongxin.orgs.models import Organisation, Person


def concrete_units():
    """Units a person, an account or a collective can belong to: not a collective or a placeholder name."""
    return Organisation.objects.exclude(
        kind__in=[Organisation.Kind.COLLECTIVE, Organisation.Kind.PLACEHOLDER]
    ).order_by("-is_active", "sort_order", "name")


class UnitForm(forms.ModelForm):
    aliases_text = forms.CharField(
        label=_("别名"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("方案中的其他写法，每行一个；再次导入方案时按别名找到本单位。"),
    )

    class Meta:
        model = Organisation
        fields = ["name", "short_name", "kind", "type", "member_count", "contact_name", "contact_phone", "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["aliases_text"].initial = "\n".join(a.name for a in self.instance.aliases.all())
        self.fields["kind"].help_text = _("“泛称（占位）”如“各有关单位”：不会出现在筛选项中，也不分配任务。")

    def aliases(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("aliases_text", "").splitlines() if line.strip()]

    def _post_clean(self):
        # Uniqueness and the rest are the service's to check (it owns the rules and the messages).
        pass


class NewUnitForm(UnitForm):
    parent = forms.ModelChoiceField(label=_("上级单位"), queryset=Organisation.objects.none(), required=False)
    field_order = ["name", "parent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = concrete_units().filter(is_active=True)
        self.fields["kind"].required = False
        self.fields["type"].required = False


class MoveForm(forms.Form):
    parent = forms.ModelChoiceField(
        label=_("上级单位"), queryset=Organisation.objects.none(), required=False, empty_label=_("（无，顶层单位）")
    )

    def __init__(self, *args, org: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = concrete_units().filter(is_active=True).exclude(pk=org.pk)


class MembersForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("包含的单位"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("方案写“部机关各科室”“各民主党派市委〈总支〉办公室”时，每个勾选的单位各得一项任务。"),
    )

    def __init__(self, *args, org: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # The units already in the collective come first, so the scrolling list opens on them.
        current = Organisation.members.through.objects.filter(from_organisation=org, to_organisation=OuterRef("pk"))
        self.fields["members"].queryset = (
            concrete_units().filter(is_active=True).exclude(pk=org.pk).annotate(chosen=Exists(current))
            .order_by("-chosen", "sort_order", "name")
        )  # fmt: skip


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(label=_("合并到"), queryset=Organisation.objects.none())

    def __init__(self, *args, org: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Organisation.objects.exclude(pk=org.pk).order_by("-is_active", "name")


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "kind", "category", "gender", "party", "organisation", "title", "phone", "id_number", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = concrete_units()

    def _post_clean(self):
        pass  # the service checks numbers and names, with the messages people read


class ImportForm(forms.Form):
    file = forms.FileField(label=_("通讯录文件"), help_text=_("模板或各单位常用的花名册：.xlsx、.xls 或 .csv"))
    initial_password = forms.CharField(
        label=_("新账号的初始密码"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("不填则为每个新账号生成一次性邀请链接；填写则所有新账号用这个密码，首次登录须修改。"),
    )
    dry_run = forms.BooleanField(label=_("只检查，不写入"), required=False)

"""Organisations (the department, its sections, member organisations, outside units, collectives) and people."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField


class Organisation(models.Model):
    class Kind(models.TextChoices):
        """The unit's part in the programme (who reports, who is a name standing for others)."""

        DEPARTMENT = "department", _("本部门")
        SECTION = "section", _("内设科室")
        MEMBER = "member", _("成员组织")
        UNIT = "unit", _("外部单位")
        COLLECTIVE = "collective", _("泛指单位")
        # A name standing for nobody in particular (各有关单位): never a filter option, never given tasks.
        PLACEHOLDER = "placeholder", _("泛称（占位）")

    class Type(models.TextChoices):
        """What the unit is, for directories and participation rates."""

        DEPARTMENT = "department", _("本部门")
        SECTION = "section", _("内设科室")
        PARTY = "party", _("民主党派")
        GROUP = "group", _("人民团体/统战团体")
        RELIGIOUS = "religious", _("宗教活动场所")
        TOWNSHIP = "township", _("乡镇/村")
        ENTERPRISE = "enterprise", _("企业")
        AGENCY = "agency", _("党政机关/事业单位")
        EXTERNAL = "external", _("外部单位")
        COLLECTIVE = "collective", _("单位集合")
        OTHER = "other", _("其他")

    name = models.CharField(_("名称"), max_length=200, unique=True)
    short_name = models.CharField(_("简称"), max_length=100, blank=True)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices, default=Kind.UNIT)
    type = models.CharField(_("单位类型"), max_length=20, choices=Type.choices, default=Type.EXTERNAL)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    members = models.ManyToManyField(
        "self",
        verbose_name=_("包含的单位"),
        symmetrical=False,
        blank=True,
        related_name="collectives",
        help_text=_("方案中的集合名称（如“部机关各科室”）所指的各个单位：任务、提醒和催办分到每个单位。"),
    )
    member_count = models.PositiveIntegerField(_("成员人数"), null=True, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = CreatedAtField(_("创建时间"))

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_placeholder(self) -> bool:
        return self.kind == self.Kind.PLACEHOLDER


class OrganisationAlias(models.Model):
    """Another way the plans write a unit's name (简称, an older name, a merged duplicate)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("别名"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("单位别名")
        verbose_name_plural = _("单位别名")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    class Kind(models.TextChoices):
        LEADER = "leader", _("领导")
        STAFF = "staff", _("工作人员")
        MEMBER = "member", _("成员")
        FIGURE = "figure", _("党外人士")

    class Category(models.TextChoices):
        PARTY_MEMBER = "party_member", _("民主党派成员")
        NON_PARTY = "non_party", _("无党派人士")
        INTELLECTUAL = "intellectual", _("党外知识分子")
        NEW_STRATA = "new_strata", _("新的社会阶层人士")
        RELIGIOUS = "religious", _("宗教界人士")
        ETHNIC = "ethnic", _("少数民族人士")
        OVERSEAS = "overseas", _("港澳台侨")

    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职务"), max_length=100, blank=True)
    kind = models.CharField(_("身份"), max_length=20, choices=Kind.choices, default=Kind.STAFF)
    category = models.CharField(_("统战类别"), max_length=20, choices=Category.choices, blank=True)
    gender = models.CharField(_("性别"), max_length=4, blank=True)
    party = models.CharField(_("党派"), max_length=50, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("所在单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    phone = models.CharField(_("电话"), max_length=50, blank=True)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    created_at = CreatedAtField(_("创建时间"))

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["kind", "name"]
        constraints = [
            # Plans name leaders by name alone, so a leader's name is unique; staff and figures may share names.
            models.UniqueConstraint(
                fields=["name", "kind"], condition=models.Q(kind="leader"), name="person_unique_leader_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

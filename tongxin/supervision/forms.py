"""Forms for the supervision screens: they parse and check input; the services decide and write."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from tongxin.accounts.models import User
from tongxin.activities.models import Assignment
from tongxin.core.uploads import upload_refused
from tongxin.orgs.models import Organisation
from tongxin.orgs.selectors import filter_units, org_with_descendants_ids, user_unit_ids
from tongxin.supervision import status
from tongxin.supervision.models import Approval, ProgressReport, Task
from tongxin.supervision.selectors import ReportFilters, TaskFilters

LIGHT_CHOICES = [
    ("", _("全部")),
    (status.RED, _("红灯·逾期")),
    (status.YELLOW, _("黄灯·临近")),
    (status.GREEN, _("绿灯·正常")),
    (status.DONE, _("完成")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _user_label(u: User) -> str:
    return f"{u.label}（{u.organisation}）" if u.organisation_id else u.label


class TaskChoiceField(forms.ModelChoiceField):
    """Tasks named with their unit: co-responsible units have tasks of the same title."""

    def label_from_instance(self, obj: Task) -> str:
        return f"{obj.title}（{obj.owner_org}）"


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return _user_label(obj)


def _owner_users():
    return User.objects.filter(is_active=True).exclude(role=User.Role.VIEWER).select_related("organisation")


def _check_owner_user(form: forms.Form) -> None:
    org, user = form.cleaned_data.get("owner_org"), form.cleaned_data.get("owner_user")
    if org and user and user.organisation_id not in org_with_descendants_ids(org):
        form.add_error("owner_user", _("责任人不属于所选责任单位。"))


def acting_unit(form: forms.Form, user):
    """Who a report or request is from: a unit acts as itself (or as the sub-unit that owns the task); the
    department names the unit in the form."""
    task = form.cleaned_data.get("task")
    if form.fixed_org is None:
        return form.cleaned_data["org"]
    if task is not None and task.owner_org_id in user_unit_ids(user):
        return task.owner_org
    return form.fixed_org


# ---------------------------------------------------------------- tasks


# With more choices than this a select gets a type-to-find box (app.js, `data-searchable`), as on the overview.
SEARCHABLE_AT = 30


def _plans_in_view(form: forms.Form, plans) -> list[int]:
    """The plan picked in the filter when it is one the user may see, else every plan the user may see: unit choices
    come from these only (every organisation of every plan once made thousands of options)."""
    ids = [p.pk for p in plans]
    wanted = str(form.data.get("plan", "")) if form.is_bound else ""
    return [pk for pk in ids if str(pk) == wanted] or ids


def _unit_choices(field, holds) -> None:
    units = filter_units(Organisation.objects.filter(holds)).order_by("kind", "name")
    field.choices = [("", _("全部单位"))] + [(o.pk, o.name) for o in units]
    if len(field.choices) > SEARCHABLE_AT:
        field.widget.attrs["data-searchable"] = _("输入名称查找")


class TaskFilterForm(forms.Form):
    plan = forms.TypedChoiceField(label=_("方案"), required=False, coerce=int, empty_value=None)
    light = forms.ChoiceField(label=_("状态灯"), required=False, choices=LIGHT_CHOICES)
    unit = forms.TypedChoiceField(label=_("责任单位"), required=False, coerce=int, empty_value=None)
    state = forms.ChoiceField(label=_("办理状态"), required=False, choices=[("", _("全部"))] + Task.State.choices)
    kind = forms.ChoiceField(label=_("类别"), required=False, choices=[("", _("全部"))] + Task.Kind.choices)
    month = forms.CharField(
        label=_("截止月份"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2019-08"}),
    )

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [("", _("全部方案"))] + [(p.pk, f"{p.year or ''} {p.title}") for p in plans]
        # EXISTS probes the index per unit; a join over every task with DISTINCT cost 70 ms at 20,000 tasks.
        tasks = Task.objects.filter(activity__plan_id__in=_plans_in_view(self, plans))
        _unit_choices(self.fields["unit"], Exists(tasks.filter(owner_org=OuterRef("pk"))))

    def clean_month(self) -> dt.date | None:
        value = (self.cleaned_data.get("month") or "").strip()
        if not value:
            return None
        try:
            return dt.date.fromisoformat(f"{value}-01")
        except ValueError:
            raise forms.ValidationError(_("月份格式应为 年-月，例如 2019-08。")) from None

    def filters(self) -> TaskFilters:
        if not self.is_bound or not self.is_valid():
            return TaskFilters()
        d = self.cleaned_data
        return TaskFilters(
            plan_id=d.get("plan"),
            light=d.get("light") or "",
            unit_id=d.get("unit"),
            state=d.get("state") or "",
            kind=d.get("kind") or "",
            due_month=d.get("month"),
        )


class TaskCreateForm(forms.Form):
    activity = forms.ModelChoiceField(label=_("活动"), queryset=None)
    title = forms.CharField(label=_("事项"), max_length=300)
    owner_org = forms.ModelChoiceField(label=_("责任单位"), queryset=Organisation.objects.filter(is_active=True))
    owner_user = UserChoiceField(label=_("责任人"), queryset=None, required=False)
    due = forms.DateField(label=_("截止日期"), widget=DateInput())

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities
        self.fields["owner_user"].queryset = _owner_users()

    def clean(self):
        _check_owner_user(self)
        return self.cleaned_data


class TaskEditForm(forms.Form):
    """Edits carry the version they were read at, so a stale edit is refused rather than overwriting."""

    title = forms.CharField(label=_("事项"), max_length=300)
    owner_org = forms.ModelChoiceField(label=_("责任单位"), queryset=Organisation.objects.filter(is_active=True))
    owner_user = UserChoiceField(label=_("责任人"), queryset=None, required=False)
    due = forms.DateField(label=_("截止日期"), widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = _owner_users()

    @classmethod
    def for_task(cls, task: Task) -> TaskEditForm:
        return cls(
            initial={
                "title": task.title,
                "owner_org": task.owner_org_id,
                "owner_user": task.owner_user_id,
                "due": task.due,
                "version": task.version,
            }
        )

    def clean(self):
        _check_owner_user(self)
        return self.cleaned_data

    def changes(self, task: Task) -> dict:
        """Only what differs from the task as it is now."""
        d = self.cleaned_data
        out = {}
        if d["title"].strip() != task.title:
            out["title"] = d["title"].strip()
        if d["owner_org"].pk != task.owner_org_id:
            out["owner_org"] = d["owner_org"]
        if (d["owner_user"].pk if d["owner_user"] else None) != task.owner_user_id:
            out["owner_user"] = d["owner_user"]
        if d["due"] != task.due:
            out["due"] = d["due"]
        return out


class UrgeForm(forms.Form):
    note = forms.CharField(label=_("附言"), max_length=500, required=False)


class GenerateForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("方案"), queryset=None)

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans


class RuleForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("方案"), queryset=None)
    title = forms.CharField(label=_("名称"), max_length=200, initial=_("月度进展报送"))
    every_months = forms.IntegerField(label=_("每几个月报送一次"), min_value=1, max_value=12, initial=1)
    day_of_month = forms.IntegerField(label=_("截止日（每月几日）"), min_value=1, max_value=31, initial=25)
    starts_on = forms.DateField(label=_("开始日期"), widget=DateInput())
    ends_on = forms.DateField(label=_("结束日期"), widget=DateInput())

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans

    def clean(self):
        d = self.cleaned_data
        if d.get("starts_on") and d.get("ends_on") and d["starts_on"] > d["ends_on"]:
            self.add_error("ends_on", _("结束日期不能早于开始日期。"))
        return d


# ---------------------------------------------------------------- reports


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one <input type=file multiple> (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


def form_is_valid(form: forms.Form, request) -> bool:
    """Validate, and if the request's files passed the request limit (and were dropped), say so on the form."""
    valid = form.is_valid()
    if refused := upload_refused(request):
        form.add_error(None, refused)
        return False
    return valid


def _size_checked(f) -> None:
    if f is not None and f.size > settings.UPLOAD_MAX_BYTES:
        raise forms.ValidationError(
            _("“%(name)s”太大（%(size).1f MB），上限 %(max)d MB。"),
            params={"name": f.name, "size": f.size / 1048576, "max": settings.UPLOAD_MAX_BYTES // 1048576},
        )


class ReportForm(forms.Form):
    org = forms.ModelChoiceField(label=_("报送单位"), queryset=Organisation.objects.none())
    task = TaskChoiceField(label=_("对应任务"), queryset=Task.objects.none(), required=False)
    session = forms.ModelChoiceField(label=_("场次"), queryset=None, required=False)
    summary = forms.CharField(label=_("开展情况"), widget=forms.Textarea(attrs={"rows": 6}))
    held_on = forms.DateField(label=_("开展日期"), required=False, widget=DateInput())
    place = forms.CharField(label=_("地点"), max_length=300, required=False)
    participants = forms.IntegerField(label=_("参加人数"), min_value=0, required=False)
    media_links = forms.CharField(
        label=_("媒体报道链接"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("每行一个链接")
    )
    # A fresh one-time token with every new form; a second post of the same form shows the first one's report.
    submission_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    files = MultipleFileField(
        label=_("照片和文件"),
        required=False,
        help_text=_(
            "可多选。支持图片、PDF、Word、Excel、文本和 MP4，单个文件不超过 %(max)d MB，合计不超过 %(total)d MB。"
        )
        % {"max": settings.UPLOAD_MAX_BYTES // 1048576, "total": settings.EVIDENCE_MAX_TOTAL_BYTES // 1048576},
    )

    def __init__(self, *args, activity, tasks, orgs, fixed_org=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_org = fixed_org
        self.fields["task"].queryset = tasks
        self.fields["session"].queryset = activity.sessions.order_by("order", "id")
        if fixed_org is not None:
            del self.fields["org"]
        else:
            self.fields["org"].queryset = orgs

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        for f in files:
            _size_checked(f)
        total = sum(f.size for f in files)
        if total > settings.EVIDENCE_MAX_TOTAL_BYTES:
            raise forms.ValidationError(
                _("照片和文件合计 %(size).1f MB，每份报告上限 %(max)d MB。请压缩或精选后再上传。"),
                params={"size": total / 1048576, "max": settings.EVIDENCE_MAX_TOTAL_BYTES // 1048576},
            )
        return files

    def org_for(self, user):
        return acting_unit(self, user)


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReportFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部"))] + ProgressReport.State.choices)
    unit = forms.TypedChoiceField(label=_("报送单位"), required=False, coerce=int, empty_value=None)
    plan = forms.TypedChoiceField(label=_("方案"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [("", _("全部方案"))] + [(p.pk, f"{p.year or ''} {p.title}") for p in plans]
        reports = ProgressReport.objects.filter(activity__plan_id__in=_plans_in_view(self, plans))
        _unit_choices(self.fields["unit"], Exists(reports.filter(org=OuterRef("pk"))))

    def filters(self) -> ReportFilters:
        if not self.is_bound or not self.is_valid():
            return ReportFilters()
        d = self.cleaned_data
        return ReportFilters(state=d.get("state") or "", unit_id=d.get("unit"), plan_id=d.get("plan"))


# ---------------------------------------------------------------- approvals


class ApprovalForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=Approval.Kind.choices)
    org = forms.ModelChoiceField(label=_("申请单位"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("标题"), max_length=300)
    body = forms.CharField(
        label=_("内容 / 理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("延期申请请写明理由。"),
    )
    attachment = forms.FileField(label=_("附件"), required=False, help_text=_("请示须附细化实施方案（PDF、Word 等）。"))
    task = TaskChoiceField(
        label=_("延期的任务"), queryset=Task.objects.none(), required=False, help_text=_("仅延期申请填写。")
    )
    new_due = forms.DateField(label=_("申请延至"), required=False, widget=DateInput(), help_text=_("仅延期申请填写。"))

    def __init__(self, *args, tasks, orgs, fixed_org=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_org = fixed_org
        self.fields["task"].queryset = tasks
        if fixed_org is not None:
            del self.fields["org"]
        else:
            self.fields["org"].queryset = orgs

    def clean_attachment(self):
        f = self.cleaned_data.get("attachment")
        _size_checked(f)
        return f

    def clean(self):
        d = self.cleaned_data
        kind = d.get("kind")
        if kind == Approval.Kind.REQUEST and not d.get("attachment"):
            self.add_error("attachment", _("请示须附细化实施方案。"))
        if kind == Approval.Kind.EXTENSION:
            if not d.get("task"):
                self.add_error("task", _("请选择需要延期的任务。"))
            if not d.get("new_due"):
                self.add_error("new_due", _("请填写申请延至的日期。"))
            if not (d.get("body") or "").strip():
                self.add_error("body", _("请说明延期理由。"))
        return d

    def org_for(self, user):
        return acting_unit(self, user)


class DecideForm(forms.Form):
    comment = forms.CharField(label=_("审批意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


def activity_orgs(activity):
    """The units named on an activity (for the department to report or ask on a unit's behalf)."""
    ids = {
        a.organisation_id for a in activity.assignments.all() if a.organisation_id and a.role != Assignment.Role.LEAD
    }
    if activity.owner_org_id:
        ids.add(activity.owner_org_id)
    return Organisation.objects.filter(pk__in=ids).order_by("sort_order", "name")

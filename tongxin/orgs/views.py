"""The department admin's directory: units (with collectives, moving, merging) and people."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tongxin.core.access import require
from tongxin.orgs import selectors, services
from tongxin.orgs.forms import MembersForm, MergeForm, MoveForm, NewUnitForm, PersonForm, UnitForm
from tongxin.orgs.models import Organisation, Person

PER_PAGE = 50
MANAGE = "orgs.manage"
_UNIT_FIELDS = ("name", "short_name", "kind", "type", "member_count", "contact_name", "contact_phone", "sort_order")


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() and len(str(value)) < 12 else None


def _choice(value: str, choices) -> str:
    return value if value in choices else ""


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    f = {
        "q": request.GET.get("q", "")[:100],
        "kind": _choice(request.GET.get("kind", ""), Organisation.Kind.values),
        "type": _choice(request.GET.get("type", ""), Organisation.Type.values),
        "active": _choice(request.GET.get("active", ""), ("1", "0")),
    }
    page = Paginator(selectors.organisations_search(**f), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "orgs/units.html",
        {"page": page, "f": f, "kinds": Organisation.Kind.choices, "types": Organisation.Type.choices},
    )


@login_required
def unit_new(request: HttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    form = NewUnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        fields = {k: d[k] for k in _UNIT_FIELDS if k != "name" and d.get(k) not in (None, "")}
        try:
            org = services.organisation_create(
                actor=request.user, name=d["name"], parent=d["parent"], aliases=form.aliases(), **fields
            )
        except services.OrgError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已新增单位“{org.name}”。")
            return redirect("orgs:unit", org.pk)
    return render(request, "orgs/unit_new.html", {"form": form})


def _unit_page(request: HttpRequest, org: Organisation, **forms) -> HttpResponse:
    ctx = {
        "org": org,
        "form": forms.get("form") or UnitForm(instance=org),
        "move_form": forms.get("move_form") or MoveForm(org=org, initial={"parent": org.parent_id}),
        "members_form": forms.get("members_form")
        or MembersForm(org=org, initial={"members": [m.pk for m in org.members.all()]}),
        "merge_form": forms.get("merge_form") or MergeForm(org=org),
        "children": org.children.order_by("sort_order", "name"),
        "people_count": org.people.count(),
        "users": org.users.order_by("username"),
    }
    return render(request, "orgs/unit.html", ctx, status=400 if forms else 200)


def _unit(pk: int) -> Organisation:
    return get_object_or_404(
        Organisation.objects.select_related("parent").prefetch_related("aliases", "members", "collectives"), pk=pk
    )


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, MANAGE)
    org = _unit(pk)
    if request.method != "POST":
        return _unit_page(request, org)
    form = UnitForm(request.POST, instance=org)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.organisation_update(
                actor=request.user, org=org, aliases=form.aliases(), **{k: d[k] for k in _UNIT_FIELDS}
            )
        except services.OrgError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存。")
            return redirect("orgs:unit", org.pk)
    org.refresh_from_db()
    return _unit_page(request, org, form=form)


def _post_form(request, pk, form_class, key, call, done):
    """Shared shape of the unit page's small forms: validate, call one service, report."""
    require(request.user, MANAGE)
    org = _unit(pk)
    form = form_class(request.POST, org=org)
    if form.is_valid():
        try:
            result = call(org, form.cleaned_data)
        except services.OrgError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done(org, form.cleaned_data))
            return redirect("orgs:unit", getattr(result, "pk", org.pk))
    return _unit_page(request, org, **{key: form})


@login_required
@require_POST
def unit_move(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_form(
        request,
        pk,
        MoveForm,
        "move_form",
        lambda org, d: services.organisation_move(actor=request.user, org=org, parent=d["parent"]),
        lambda org, d: f"已将“{org.name}”移到“{d['parent'] or '顶层'}”下。",
    )


@login_required
@require_POST
def unit_members(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_form(
        request,
        pk,
        MembersForm,
        "members_form",
        lambda org, d: services.organisation_set_members(
            actor=request.user, collective=org, members=list(d["members"])
        ),
        lambda org, d: f"“{org.name}”现包含 {len(d['members'])} 个单位。",
    )


@login_required
@require_POST
def unit_merge(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_form(
        request,
        pk,
        MergeForm,
        "merge_form",
        lambda org, d: services.organisation_merge(actor=request.user, source=org, target=d["target"]),
        lambda org, d: f"已将“{org.name}”合并为“{d['target'].name}”的别名。",
    )


@login_required
@require_POST
def unit_active(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, MANAGE)
    org = _unit(pk)
    active = request.POST.get("active") == "1"
    services.organisation_deactivate(actor=request.user, org=org, active=active)
    messages.success(request, f"已{'启用' if active else '停用'}“{org.name}”。")
    return redirect("orgs:unit", org.pk)


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    """Everyone signed in may look people up; phone and ID numbers are masked unless they may see them."""
    f = {
        "q": request.GET.get("q", "")[:100],
        "category": _choice(request.GET.get("category", ""), Person.Category.values),
        "kind": _choice(request.GET.get("kind", ""), Person.Kind.values),
    }
    unit_id = _int(request.GET.get("unit"))
    page = Paginator(selectors.people_search(**f, organisation_id=unit_id), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "orgs/people.html",
        {
            "page": page,
            "f": f,
            "unit_id": unit_id,
            "units": selectors.filter_units(Organisation.objects.filter(people__isnull=False).distinct()).order_by(
                "name"
            ),
            "categories": Person.Category.choices,
            "kinds": Person.Kind.choices,
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


@login_required
def person_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=pk) if pk else None
    if person is not None and request.method == "GET" and not request.user.has_perm(MANAGE):
        return render(request, "orgs/person.html", {"person": person})
    require(request.user, MANAGE)
    form = PersonForm(request.POST or None, instance=person, initial={"organisation": request.GET.get("unit")})
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        try:
            if person is None:
                person = services.person_create(actor=request.user, **d)
            else:
                services.person_update(actor=request.user, person=person, **d)
        except services.OrgError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已保存“{person.name}”。")
            return redirect("orgs:people")
    return render(request, "orgs/person_form.html", {"form": form, "person": person})

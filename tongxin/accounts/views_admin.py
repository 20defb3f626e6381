"""The department admin's account screens: list, create, edit, invite, reset, unlock, deactivate."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tongxin.accounts import selectors, services
from tongxin.accounts.forms import AccountForm, ResetPasswordForm
from tongxin.accounts.models import User
from tongxin.core.access import require

PER_PAGE = 50
MANAGE = "accounts.manage"


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() and len(str(value)) < 12 else None


@login_required
def account_list(request: HttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    f = {
        "q": request.GET.get("q", "")[:100],
        "role": request.GET.get("role", "") if request.GET.get("role") in User.Role.values else "",
        "active": request.GET.get("active", ""),
    }
    qs = selectors.accounts_search(**f, organisation_id=_int(request.GET.get("unit")))
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/list.html",
        {"page": page, "f": f, "roles": User.Role.choices, "locked_count": len(selectors.locked_out())},
    )


def _invite_url(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


@login_required
def account_new(request: HttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    form = AccountForm(request.POST or None, initial={"person": request.GET.get("person")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            user = services.account_create(
                actor=request.user,
                username=d["username"],
                role=d["role"],
                organisation=d["organisation"],
                person=d["person"],
                display_name=d["display_name"],
                phone=d["phone"],
                email=d["email"],
                initial_password=d["initial_password"] if d["setup"] == "password" else "",
            )
        except services.AccountError as exc:
            form.add_error(None, str(exc))
        else:
            if d["setup"] == "invite":
                link = _invite_url(request, services.account_invite(actor=request.user, user=user))
                request.session["invite_link"] = {"user": user.pk, "link": link}
            messages.success(request, f"已新建账号“{user.username}”。")
            return redirect("accounts:detail", user.pk)
    return render(request, "accounts/form.html", {"form": form, "account": None})


@login_required
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, MANAGE)
    account = get_object_or_404(User.objects.select_related("organisation", "person"), pk=pk)
    form = AccountForm(
        request.POST or None,
        editing=True,
        initial={
            "display_name": account.display_name,
            "role": account.role,
            "organisation": account.organisation_id,
            "person": account.person_id,
            "phone": account.phone,
            "email": account.email,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.account_update(actor=request.user, user=account, **form.cleaned_data)
        except services.AccountError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存。")
            return redirect("accounts:detail", account.pk)
    shown = request.session.pop("invite_link", None)
    link = shown["link"] if shown and shown.get("user") == account.pk else ""
    return render(
        request,
        "accounts/form.html",
        {"form": form, "account": account, "invite_link": link, "reset_form": ResetPasswordForm()},
    )


@login_required
@require_POST
def account_invite(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, MANAGE)
    account = get_object_or_404(User, pk=pk)
    try:
        path = services.account_invite(actor=request.user, user=account)
    except services.AccountError as exc:
        messages.error(request, str(exc))
    else:
        request.session["invite_link"] = {"user": account.pk, "link": _invite_url(request, path)}
        messages.success(request, "已生成新的邀请链接，之前的链接和密码不再有效。")
    return redirect("accounts:detail", account.pk)


@login_required
@require_POST
def account_reset(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, MANAGE)
    account = get_object_or_404(User, pk=pk)
    form = ResetPasswordForm(request.POST)
    if form.is_valid():
        try:
            services.account_set_password(
                actor=request.user, user=account, password=form.cleaned_data["password"], must_change=True
            )
        except services.AccountError as exc:
            messages.error(request, f"密码未重置：{exc}")
        else:
            messages.success(request, f"已重置“{account.username}”的密码，本人首次登录须修改。")
    else:
        messages.error(request, "请填写临时密码。")
    return redirect("accounts:detail", account.pk)


@login_required
@require_POST
def account_active(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, MANAGE)
    account = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "1"
    try:
        services.account_deactivate(actor=request.user, user=account, active=active)
    except services.AccountError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已{'启用' if active else '停用'}账号“{account.username}”。")
    return redirect("accounts:detail", account.pk)


@login_required
def locked_list(request: HttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    return render(
        request, "accounts/locked.html", {"rows": selectors.locked_out(), "minutes": selectors.cooloff_minutes()}
    )


@login_required
@require_POST
def unlock(request: HttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    username = request.POST.get("username", "")[:150]
    n = services.account_unlock(actor=request.user, username=username)
    messages.success(request, f"已解除“{username}”的登录锁定（清除 {n} 条失败记录）。")
    return redirect("accounts:locked")

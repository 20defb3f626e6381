"""Sign-in and sign-out (lockout after repeated failures is django-axes's job), invites and password changes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tongxin.accounts import services
from tongxin.accounts.forms import ChangePasswordForm, NewPasswordForm, SignInForm
from tongxin.accounts.invites import InviteInvalid, invite_user
from tongxin.accounts.login_hints import login_hints
from tongxin.accounts.models import User


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if settings.TONGXIN_DEMO:
            ctx["demo_accounts"] = login_hints()
        return ctx


class SignOutView(auth_views.LogoutView):
    pass


def accept_invite(request: HttpRequest, token: str) -> HttpResponse:
    """The one-time link: the person sets a password, is signed in, and the link stops working."""
    try:
        user = invite_user(token, user_model=User)
    except InviteInvalid as exc:
        return render(request, "accounts/invite_invalid.html", {"reason": str(exc)}, status=410)
    form = NewPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.account_set_password(actor=user, user=user, password=form.cleaned_data["password1"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"欢迎，{user.label}！密码已设置，以后请用用户名 {user.username} 和这个密码登录。")
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/invite.html", {"form": form, "invited": user})


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ChangePasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.account_set_password(actor=user, user=user, password=form.cleaned_data["password1"])
        update_session_auth_hash(request, user)
        messages.success(request, "密码已修改。")
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/password_change.html", {"form": form, "first": user.must_change_password})

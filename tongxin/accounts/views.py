"""Sign-in and sign-out (lockout after repeated failures is django-axes's job)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views

from tongxin.accounts.forms import SignInForm
from tongxin.accounts.login_hints import login_hints


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

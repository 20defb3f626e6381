"""An account on an initial or reset password goes to the change-password page until it sets its own."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse

# Pages a person on an initial password may still open: the change page itself, signing out, static files.
_OPEN = ("accounts:password_change", "accounts:logout")
# Paths that never look at the signed-in user: public pages (which must not even load it) and files.
_SKIP = ("/p/", "/static/", "/favicon", "/healthz")


class ForcePasswordChangeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(_SKIP):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "must_change_password", False):
            if request.path not in [reverse(name) for name in _OPEN]:
                return redirect(f"{reverse('accounts:password_change')}?first=1")
        return self.get_response(request)

"""An account on an initial or reset password goes to the change-password page until it sets its own."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse

# Pages a person on an initial password may still open: the change page itself and signing out.
_OPEN = ("accounts:password_change", "accounts:logout")
# Paths that never look at the account: static files and the public face (/p/), which must not even read the session.
_SKIP = ("/static/", "/favicon", "/p/")


class ForcePasswordChangeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(_SKIP):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and getattr(user, "must_change_password", False):
                if request.path not in [reverse(name) for name in _OPEN]:
                    return redirect(f"{reverse('accounts:password_change')}?first=1")
        return self.get_response(request)

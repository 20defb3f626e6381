"""The unread-message count in the navigation: one COUNT query, only when a page actually shows it."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def unread(request: HttpRequest) -> dict:
    def count() -> int:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        from tongxin.notify.selectors import unread_count

        return unread_count(user)

    return {"unread_count": SimpleLazyObject(count)}

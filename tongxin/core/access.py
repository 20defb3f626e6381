"""Object access in one shape for every view: outsiders get 404, read-only users 403."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def get_visible_or_404(queryset: QuerySet[M], **lookup) -> M:
    """The object if it is in the caller's visible queryset; otherwise 404, so outsiders learn nothing."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def require(user, perm: str, obj: Model | None = None) -> None:
    """403 for a user who can see the object but may not do this to it."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied

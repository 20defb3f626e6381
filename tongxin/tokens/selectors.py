"""Reading tokens: a user only ever lists their own."""

from __future__ import annotations

from django.db.models import QuerySet

from tongxin.tokens.models import ApiToken


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(owner=user).order_by("-created_at", "-id")

"""Reading accounts: the account list, who is locked out, and who holds a role on an object."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from tongxin.accounts.models import ObjectRole, User


def accounts_search(
    *, q: str = "", role: str = "", organisation_id: int | None = None, active: str = ""
) -> QuerySet[User]:
    qs = User.objects.select_related("organisation", "person")
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(display_name__icontains=q) | Q(organisation__name__icontains=q))
    if role:
        qs = qs.filter(role=role)
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    if active in ("1", "0"):
        qs = qs.filter(is_active=active == "1")
    return qs.order_by("-is_active", "role", "organisation__name", "username")


def cooloff_minutes() -> int | None:
    """The lockout's length in minutes as configured (AXES_COOLOFF_TIME is in hours), None when only an admin unlocks."""
    from axes.helpers import get_cool_off

    cool = get_cool_off()
    return None if not cool else max(1, round(cool.total_seconds() / 60))


def locked_out() -> list[dict]:
    """User names locked out now: at or over the failure limit within the cool-off (axes counts in real time)."""
    from axes.models import AccessAttempt

    qs = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    minutes = cooloff_minutes()
    if minutes:
        # Axes stamps attempts with the real time, not tongxin's pinned clock, so compare with the real time.
        qs = qs.filter(attempt_time__gte=timezone.now() - dt.timedelta(minutes=minutes))
    rows: dict[str, dict] = {}
    for a in qs.order_by("-attempt_time"):
        row = rows.setdefault(
            a.username, {"username": a.username, "addresses": [], "last": a.attempt_time, "failures": 0}
        )
        row["addresses"].append(a.ip_address)
        row["failures"] += a.failures_since_start
    users = {u.username: u for u in User.objects.filter(username__in=list(rows)).select_related("organisation")}
    for row in rows.values():
        row["user"] = users.get(row["username"])
        row["until"] = row["last"] + dt.timedelta(minutes=minutes) if minutes else None
    return list(rows.values())


def object_roles_of(target: Model, role: str | None = None) -> QuerySet[ObjectRole]:
    ct = ContentType.objects.get_for_model(target)
    qs = ObjectRole.objects.filter(target_type=ct, target_id=target.pk).select_related("user", "person")
    return qs.filter(role=role) if role else qs


def has_object_role(user, role: str, obj: Model) -> bool:
    """Whether the signed-in `user` (through the account or the person it stands for) holds `role` on `obj`."""
    if obj is None or not (user and user.is_authenticated):
        return False
    holder = Q(user_id=user.pk)
    if user.person_id:
        holder |= Q(person_id=user.person_id)
    ct = ContentType.objects.get_for_model(obj)
    return ObjectRole.objects.filter(holder, role=role, target_type=ct, target_id=obj.pk).exists()

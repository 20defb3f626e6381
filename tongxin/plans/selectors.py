"""Reading plans."""

from __future__ import annotations

from django.db.models import QuerySet

from tongxin.accounts.rules import is_admin
from tongxin.plans.models import Plan, PlanImport


def plans_visible_to(user) -> QuerySet[Plan]:
    """Everyone signed in sees published plans (a unit then sees only its own part of them); admins see drafts too."""
    if not (user and user.is_authenticated):
        return Plan.objects.none()
    qs = Plan.objects.all()
    if not is_admin(user):
        qs = qs.filter(status=Plan.Status.PUBLISHED)
    return qs.order_by("-year", "-created_at")


def imports_visible_to(user) -> QuerySet[PlanImport]:
    if not is_admin(user):
        return PlanImport.objects.none()
    return PlanImport.objects.select_related("plan", "uploaded_by")

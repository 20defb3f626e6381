"""Reads for messages: one person's inbox, the unread count, channels and the deliveries list."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from tongxin.notify.models import Channel, Delivery, Notification


def inbox_for(user, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's messages, unread first, newest first within each."""
    qs = Notification.objects.filter(recipient=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    unread_first = Case(When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.order_by(unread_first, "-created_at", "-id")


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def channels_list() -> QuerySet[Channel]:
    return Channel.objects.select_related("org").order_by("-is_active", "kind", "name", "pk")


def deliveries_list(*, state: str = "") -> QuerySet[Delivery]:
    qs = Delivery.objects.select_related("channel")
    if state in Delivery.State.values:
        qs = qs.filter(state=state)
    return qs.order_by("-created_at", "-id")


def delivery_counts() -> dict[str, int]:
    """How many deliveries are in each state, for the tabs above the list."""
    from django.db.models import Count

    counts = dict(Delivery.objects.values_list("state").annotate(n=Count("pk")).order_by())
    return {state: counts.get(state, 0) for state in Delivery.State.values}

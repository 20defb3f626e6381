"""Sending messages: an inbox entry for each recipient, and a queued delivery for each configured channel."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from tongxin.notify.models import Channel, Delivery, Notification


def notify(
    *, users: Iterable, kind: str, title: str, body: str = "", url: str = "", orgs: Iterable = ()
) -> list[Notification]:
    """Inbox messages for `users`, e-mails to those with an address, and one post to each active group robot
    (department-wide, or belonging to one of `orgs`). Deliveries go out from the background job after commit."""
    users = [u for u in {u.pk: u for u in users if u is not None}.values() if u.is_active]
    notes = Notification.objects.bulk_create(
        [Notification(recipient=u, kind=kind, title=title[:300], body=body, url=url[:500]) for u in users]
    )
    deliveries = [
        Delivery(
            channel_kind=Channel.Kind.EMAIL,
            target=u.email,
            subject=title[:300],
            body=_with_url(body, url),
            notification=n,
            next_attempt_at=timezone.now(),
        )
        for u, n in zip(users, notes, strict=True)
        if u.email and _email_enabled()
    ]
    org_ids = [o.pk for o in orgs if o is not None]
    robots = Channel.objects.filter(is_active=True, kind__in=[Channel.Kind.WECOM, Channel.Kind.DINGTALK])
    for channel in robots:
        if channel.org_id is None or channel.org_id in org_ids:
            deliveries.append(
                Delivery(
                    channel_kind=channel.kind,
                    channel=channel,
                    target=channel.webhook_url,
                    subject=title[:300],
                    body=_with_url(body, url),
                    next_attempt_at=timezone.now(),
                )
            )
    if deliveries:
        Delivery.objects.bulk_create(deliveries)
        transaction.on_commit(_enqueue_delivery)
    return notes


def _email_enabled() -> bool:
    return Channel.objects.filter(kind=Channel.Kind.EMAIL, is_active=True).exists()


def _with_url(body: str, url: str) -> str:
    if not url:
        return body
    from django.conf import settings

    return f"{body}\n{settings.SITE_URL.rstrip('/')}{url}"


def _enqueue_delivery() -> None:
    """Hand the sending to the background worker; a failure to enqueue leaves the deliveries pending for the next run."""
    try:
        from tongxin.notify.tasks import deliver_pending

        deliver_pending.enqueue()
    except Exception:  # noqa: BLE001 - the periodic `tongxin remind` run picks pending deliveries up anyway
        pass

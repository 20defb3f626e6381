"""Sending messages: an inbox entry for each recipient, a queued delivery per channel, and the delivery runs."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q

from tongxin.audit.services import audit_record
from tongxin.core import clock
from tongxin.notify import senders
from tongxin.notify.models import Channel, Delivery, Notification

log = logging.getLogger(__name__)

# Minutes to wait after the 1st, 2nd, … failed attempt; the 6th failure gives up (state "failed", retry by hand).
BACKOFF_MINUTES = (1, 5, 30, 120, 480)
MAX_ATTEMPTS = 6
# A claimed delivery is hidden from other workers this long; if its worker dies mid-send it comes back after it.
LEASE = dt.timedelta(minutes=15)
BATCH = 20


def notify(
    *,
    users: Iterable,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    orgs: Iterable = (),
    department_robots: bool = True,
) -> list[Notification]:
    """Inbox messages for `users`, e-mails to those with an address, and one post to each active group robot
    (department-wide unless `department_robots` is false, or belonging to one of `orgs`).
    Deliveries go out from the background job after commit."""
    users = [u for u in {u.pk: u for u in users if u is not None}.values() if u.is_active]
    notes = Notification.objects.bulk_create(
        [Notification(recipient=u, kind=kind, title=title[:300], body=body, url=url[:500]) for u in users]
    )
    email_on = any(u.email for u in users) and _email_enabled()  # one query, not one per recipient
    deliveries = [
        Delivery(
            channel_kind=Channel.Kind.EMAIL,
            target=u.email,
            subject=title[:300],
            body=_with_url(body, url),
            notification=n,
            next_attempt_at=clock.now(),
        )
        for u, n in zip(users, notes, strict=True)
        if u.email and email_on
    ]
    org_ids = [o.pk for o in orgs if o is not None]
    robots = Channel.objects.filter(is_active=True, kind__in=[Channel.Kind.WECOM, Channel.Kind.DINGTALK])
    for channel in robots:
        if (channel.org_id is None and department_robots) or channel.org_id in org_ids:
            deliveries.append(
                Delivery(
                    channel_kind=channel.kind,
                    channel=channel,
                    target=channel.webhook_url,
                    subject=title[:300],
                    body=_with_url(body, url),
                    next_attempt_at=clock.now(),
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
    return f"{body}\n{settings.SITE_URL.rstrip('/')}{url}"


def _enqueue_delivery() -> None:
    """Hand the sending to the background worker; a failure to enqueue leaves the deliveries pending for the next run."""
    try:
        from tongxin.notify.tasks import deliver_pending

        deliver_pending.enqueue()
    except Exception:  # noqa: BLE001 - the periodic `tongxin remind` run picks pending deliveries up anyway
        log.warning("could not enqueue deliver_pending; the next `tongxin remind` run sends them", exc_info=True)


# --- Delivery runs -------------------------------------------------------------------------------------------


@dataclass
class DeliveryRun:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def deliveries_claim(*, now: dt.datetime, limit: int = BATCH) -> list[Delivery]:
    """Take up to `limit` due deliveries for this worker: they stay pending, but other workers skip them for LEASE.

    On PostgreSQL the rows are locked with SKIP LOCKED while they are claimed, so two workers never take the same
    one; SQLite takes the whole database for the (short) claiming transaction, which has the same effect."""
    with transaction.atomic():
        qs = Delivery.objects.filter(
            Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True), state=Delivery.State.PENDING
        ).order_by(F("next_attempt_at").asc(nulls_first=True), "pk")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        ids = list(qs.values_list("pk", flat=True)[:limit])
        Delivery.objects.filter(pk__in=ids).update(next_attempt_at=now + LEASE)
    return list(Delivery.objects.filter(pk__in=ids).select_related("channel").order_by("pk"))


def deliveries_send_due(*, now: dt.datetime | None = None) -> DeliveryRun:
    """Send every pending delivery that is due; each one ends sent, pending with a later attempt, or failed."""
    now = now or clock.now()
    run = DeliveryRun()
    while batch := deliveries_claim(now=now):
        for delivery in batch:
            delivery_attempt(delivery=delivery, now=now)
            if delivery.state == Delivery.State.SENT:
                run.sent += 1
            elif delivery.state == Delivery.State.FAILED:
                run.failed += 1
            else:
                run.retrying += 1
    return run


def delivery_attempt(*, delivery: Delivery, now: dt.datetime | None = None, retry: bool = True) -> Delivery:
    """Send one (claimed) delivery now and record the outcome. With `retry` false a failure is final (test sends)."""
    now = now or clock.now()
    try:
        _send(delivery, require_active=retry)
    except senders.SendError as exc:
        error = str(exc)
    except Exception as exc:  # noqa: BLE001 - an unexpected error is still an attempt, recorded and retried
        log.exception("delivery %s failed unexpectedly", delivery.pk)
        error = f"{type(exc).__name__}: {exc}"
    else:
        error = None
    delivery.attempts += 1
    if error is None:
        delivery.state, delivery.sent_at, delivery.next_attempt_at = Delivery.State.SENT, clock.now(), None
        delivery.last_error = ""
    elif retry and delivery.attempts < MAX_ATTEMPTS:
        delivery.state, delivery.last_error = Delivery.State.PENDING, error[:2000]
        delivery.next_attempt_at = now + dt.timedelta(minutes=backoff_minutes(delivery.attempts))
    else:
        delivery.state, delivery.last_error, delivery.next_attempt_at = Delivery.State.FAILED, error[:2000], None
    delivery.save(update_fields=["state", "sent_at", "attempts", "last_error", "next_attempt_at"])
    return delivery


def backoff_minutes(attempts: int) -> int:
    """How long to wait after `attempts` failed attempts: 1, 5, 30, 120, then 480 minutes."""
    return BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1]


def _send(delivery: Delivery, *, require_active: bool) -> None:
    channel = delivery.channel
    if delivery.channel_kind == Channel.Kind.EMAIL:
        if require_active and not _email_enabled():
            raise senders.SendError("电子邮件渠道已停用。")
        senders.send_email(to=delivery.target, subject=delivery.subject, body=delivery.body)
        return
    if require_active and channel is not None and not channel.is_active:
        raise senders.SendError(f"渠道“{channel.name}”已停用。")
    # The channel's current address wins: an administrator who corrects a wrong webhook then retries reaches it.
    url = channel.webhook_url if channel is not None else delivery.target
    content = f"{delivery.subject}\n{delivery.body}".strip()
    if delivery.channel_kind == Channel.Kind.WECOM:
        senders.send_wecom(url=url, content=content)
    elif delivery.channel_kind == Channel.Kind.DINGTALK:
        senders.send_dingtalk(url=url, content=content, secret=channel.secret if channel else "")
    elif delivery.channel_kind == Channel.Kind.WEBHOOK:
        # The body is the event's JSON as queued; the signature uses the channel's current secret.
        secret = channel.secret if channel else ""
        senders.send_webhook(url=url, body=delivery.body, secret=secret, event=delivery.subject)
    else:
        raise senders.SendError(f"未知的渠道类型：{delivery.channel_kind}")


@transaction.atomic
def delivery_retry(*, actor, delivery: Delivery) -> Delivery:
    """Put a failed delivery back in the queue (the 重新发送 button); it is sent on the next run."""
    changed = Delivery.objects.filter(pk=delivery.pk, state=Delivery.State.FAILED).update(
        state=Delivery.State.PENDING, next_attempt_at=clock.now()
    )
    delivery.refresh_from_db()
    if changed:
        audit_record(
            actor=actor,
            action="delivery.retry",
            target=delivery,
            summary=f"重新发送：{delivery.get_channel_kind_display()}“{delivery.subject}”",
        )
        transaction.on_commit(_enqueue_delivery)
    return delivery


def deliveries_delete_sent_before(*, before: dt.datetime) -> int:
    """The daily cleanup: sent deliveries older than `before` go; failed and pending ones stay to be looked at."""
    deleted, _ = Delivery.objects.filter(state=Delivery.State.SENT, sent_at__lt=before).delete()
    return deleted


# --- Channels ----------------------------------------------------------------------------------------------------


@transaction.atomic
def channel_save(*, actor, channel: Channel) -> Channel:
    """Create or change a channel (validated); the audit log keeps who changed which channel, never the secret."""
    created = channel.pk is None
    channel.full_clean()
    channel.save()
    state = "启用" if channel.is_active else "停用"
    audit_record(
        actor=actor,
        action="channel.create" if created else "channel.update",
        target=channel,
        summary=f"{'新增' if created else '修改'}提醒渠道“{channel}”（{state}）",
    )
    return channel


def channel_test(*, actor, channel: Channel) -> Delivery:
    """Send a test message through `channel` right away (an e-mail goes to `actor`); recorded like any delivery."""
    if channel.kind == Channel.Kind.EMAIL and not actor.email:
        raise senders.SendError("您的账号没有设置电子邮箱，无法发送测试邮件。")
    delivery = Delivery.objects.create(
        channel_kind=channel.kind,
        channel=channel,
        target=actor.email if channel.kind == Channel.Kind.EMAIL else channel.webhook_url,
        subject=f"【测试】{settings.TONGXIN_SITE_NAME}",
        body=f"这是一条测试消息，由 {actor.label} 在提醒渠道设置页面发送。收到即表示渠道“{channel.name}”配置正确。",
        next_attempt_at=clock.now() + LEASE,  # claimed by this request: no worker picks it up meanwhile
    )
    return delivery_attempt(delivery=delivery, retry=False)


# --- Inbox -------------------------------------------------------------------------------------------------------
# Reading one's own messages is not a state change of anything supervised, so it is not audited.


def notification_mark_read(*, user, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = clock.now()
        Notification.objects.filter(pk=notification.pk, recipient=user, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=clock.now())

"""Events for other systems: a signed JSON POST to every active webhook channel, sent and retried like any delivery.

Callers pass plain data (ids, states, names) so this ground-floor module never imports the apps above it.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from tongxin.core import clock
from tongxin.notify.models import Channel, Delivery
from tongxin.notify.services import _enqueue_delivery

EVENTS = {
    "task.state_changed": "督办任务的办理状态变了",
    "report.reviewed": "开展情况报告已审核（采用或退回）",
}


def webhook_event(*, event: str, data: dict) -> int:
    """Queue `event` for every active webhook channel, after the caller's transaction commits → how many queued."""
    if event not in EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    channels = list(Channel.objects.filter(kind=Channel.Kind.WEBHOOK, is_active=True))
    if not channels:
        return 0
    body = json.dumps(
        {"event": event, "occurred_at": clock.now(), "data": data}, cls=DjangoJSONEncoder, ensure_ascii=False
    )
    Delivery.objects.bulk_create(
        Delivery(
            channel_kind=Channel.Kind.WEBHOOK,
            channel=c,
            target=c.webhook_url,
            subject=event,
            body=body,
            next_attempt_at=clock.now(),
        )
        for c in channels
    )
    transaction.on_commit(_enqueue_delivery)
    return len(channels)

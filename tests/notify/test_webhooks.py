"""Webhooks to other systems: signed JSON events when a task changes state or a report is reviewed, retried on failure.

The receiver is a local HTTP server on 127.0.0.1 that checks X-Tongxin-Signature the way a receiving system would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.api.test_openapi import conforms
from tongxin.core import clock
from tongxin.notify.forms import ChannelForm
from tongxin.notify.models import Channel, Delivery
from tongxin.notify.services import deliveries_send_due
from tongxin.supervision.models import Task
from tongxin.supervision.services import report_accept, report_submit, task_update

SECRET = "whsec-0123456789"


@dataclass
class Receiver:
    port: int = 0
    posts: list[dict] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)  # queued answers; then 204

    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/tongxin"


@pytest.fixture
def receiver():
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            raw = self.rfile.read(int(self.headers["Content-Length"]))
            expected = "sha256=" + hmac.new(SECRET.encode(), raw, hashlib.sha256).hexdigest()
            signature = self.headers.get("X-Tongxin-Signature", "")
            state.posts.append(
                {
                    "event": self.headers.get("X-Tongxin-Event"),
                    "signature_ok": hmac.compare_digest(signature, expected),
                    "json": json.loads(raw),
                }
            )
            self.send_response(state.statuses.pop(0) if state.statuses else 204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def hook(db, receiver):
    return Channel.objects.create(kind=Channel.Kind.WEBHOOK, name="OA 系统", webhook_url=receiver.url(), secret=SECRET)


def _report(tasks, people, units):
    task = Task.objects.get(activity=tasks["a"], kind="session", session__order=0)
    return report_submit(
        actor=people["dangwai"], activity=tasks["a"], org=units["dangwai"], summary="已举办", task=task,
        session=task.session,
    )  # fmt: skip


def test_a_reviewed_report_and_the_task_it_moved_reach_the_other_system_signed(
    tasks, people, units, hook, receiver, client
):
    report = _report(tasks, people, units)
    report_accept(actor=people["admin"], report=report, comment="很好")
    run = deliveries_send_due()
    assert (run.sent, run.failed, run.retrying) == (2, 0, 0)
    assert [(p["event"], p["signature_ok"]) for p in receiver.posts] == [
        ("task.state_changed", True),
        ("report.reviewed", True),
    ]
    submitted, reviewed = (p["json"] for p in receiver.posts)
    assert submitted["data"] == {"task_id": report.task_id, "state": "submitted"}
    assert reviewed["event"] == "report.reviewed"
    assert reviewed["data"] == {"report_id": report.pk, "state": "accepted", "task_id": report.task_id}
    assert reviewed["occurred_at"].startswith("2019-08-15T")
    # The payload is what the OpenAPI document promises under "webhooks".
    spec = client.get("/api/openapi.json").json()
    assert set(spec["webhooks"]) == {"task.state_changed", "report.reviewed"}
    for post in receiver.posts:
        conforms(post["json"], {"$ref": "#/components/schemas/WebhookEvent"}, spec)
    conforms(
        spec["components"]["schemas"]["WebhookEvent"]["examples"][0],
        {"$ref": "#/components/schemas/WebhookEvent"},
        spec,
    )
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}


def test_a_task_state_change_by_hand_is_an_event(tasks, people, hook, receiver):
    task = Task.objects.filter(activity=tasks["c"]).order_by("id").first()
    task_update(actor=people["admin"], task=task, expected_version=task.version, state=Task.State.CANCELLED)
    task_update(actor=people["admin"], task=task, expected_version=task.version, title="改个名称")  # not a state
    deliveries_send_due()
    assert [p["json"]["data"] for p in receiver.posts] == [{"task_id": task.pk, "state": "cancelled"}]


def test_a_failing_receiver_is_retried_with_the_deliveries_back_off(tasks, people, units, hook, receiver):
    receiver.statuses = [500]
    report = _report(tasks, people, units)
    start = clock.now()
    run = deliveries_send_due(now=start)
    delivery = Delivery.objects.get(channel=hook)
    assert (run.sent, run.retrying) == (0, 1)
    assert (delivery.state, delivery.attempts) == ("pending", 1)
    assert delivery.last_error.startswith("Webhook 返回 HTTP 500")
    assert delivery.next_attempt_at == start + dt.timedelta(minutes=1)
    assert deliveries_send_due(now=start + dt.timedelta(minutes=2)).sent == 1
    assert [p["signature_ok"] for p in receiver.posts] == [True, True]
    assert report.pk


def test_other_channels_are_not_sent_events_and_inactive_hooks_are_skipped(tasks, people, units, hook, receiver):
    hook.is_active = False
    hook.save()
    _report(tasks, people, units)
    assert not Delivery.objects.filter(channel_kind="webhook").exists()


def test_the_channel_form_requires_an_address_and_a_secret_for_a_webhook(db):
    form = ChannelForm({"kind": "webhook", "name": "OA", "webhook_url": "", "secret": "", "is_active": "on"})
    assert not form.is_valid()
    assert form.errors["webhook_url"] == ["需要填写 Webhook 地址。"]
    assert form.errors["secret"] == ["对接系统 Webhook 需要签名密钥（对方用它核对 X-Tongxin-Signature）。"]

"""Inbox (everyone's own messages), and for administrators the channel settings and the deliveries list."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from tongxin.core.access import get_visible_or_404, require
from tongxin.notify import selectors, services
from tongxin.notify.forms import ChannelForm
from tongxin.notify.models import Channel, Delivery, Notification
from tongxin.notify.senders import SendError

PER_PAGE = 30
MANAGE = "notify.manage_channels"


def _own(request: HttpRequest, pk: int) -> Notification:
    """One of the signed-in user's messages; anybody else's is a 404."""
    return get_visible_or_404(Notification.objects.filter(recipient=request.user), pk=pk)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("show") == "unread"
    page = Paginator(selectors.inbox_for(request.user, unread_only=unread_only), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "notify/inbox.html", {"page": page, "unread_only": unread_only})


@login_required
def open_message(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a message's link and mark it read on the way (the link people click in the inbox)."""
    note = _own(request, pk)
    services.notification_mark_read(user=request.user, notification=note)
    if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts={request.get_host()}):
        return redirect(note.url)
    return redirect("notify:inbox")


@login_required
@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    note = _own(request, pk)
    services.notification_mark_read(user=request.user, notification=note)
    if request.htmx:
        # The row, plus the page's and the navigation's unread counts swapped out of band.
        return render(request, "notify/_read.html", {"n": note, "unread_now": selectors.unread_count(request.user)})
    return redirect("notify:inbox")


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    n = services.notifications_mark_all_read(user=request.user)
    messages.success(request, f"已将 {n} 条消息标为已读。")
    return redirect("notify:inbox")


@login_required
def channel_list(request: HttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    return render(
        request,
        "notify/channels.html",
        {
            "channels": selectors.channels_list(),
            "email_server": f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}",
            "counts": selectors.delivery_counts(),
        },
    )


@login_required
def channel_new(request: HttpRequest) -> HttpResponse:
    return _channel_form(request, Channel())


@login_required
def channel_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, MANAGE)
    return _channel_form(request, get_object_or_404(Channel, pk=pk))


def _channel_form(request: HttpRequest, channel: Channel) -> HttpResponse:
    require(request.user, MANAGE)
    form = ChannelForm(request.POST or None, instance=channel)
    if request.method == "POST" and form.is_valid():
        channel = services.channel_save(actor=request.user, channel=form.save(commit=False))
        messages.success(request, f"已保存提醒渠道“{channel.name}”。")
        return redirect("notify:channels")
    status = 400 if request.method == "POST" else 200
    return render(request, "notify/channel_form.html", {"form": form, "channel": channel}, status=status)


@login_required
@require_POST
def channel_test(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, MANAGE)
    channel = get_object_or_404(Channel, pk=pk)
    try:
        delivery = services.channel_test(actor=request.user, channel=channel)
    except SendError as exc:
        messages.error(request, str(exc))
    else:
        if delivery.state == Delivery.State.SENT:
            messages.success(request, f"测试消息已发送到“{channel.name}”（{delivery.target_display}），请查收。")
        else:
            messages.error(request, f"测试消息发送失败：{delivery.last_error}")
    return redirect("notify:channels")


@login_required
def delivery_list(request: HttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    state = request.GET.get("state", "")
    page = Paginator(selectors.deliveries_list(state=state), PER_PAGE).get_page(request.GET.get("page"))
    counts = selectors.delivery_counts()
    tabs = [(value, label, counts[value]) for value, label in Delivery.State.choices]
    return render(request, "notify/deliveries.html", {"page": page, "state": state, "tabs": tabs})


@login_required
@require_POST
def delivery_retry(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, MANAGE)
    delivery = services.delivery_retry(actor=request.user, delivery=get_object_or_404(Delivery, pk=pk))
    if request.htmx:
        return render(request, "notify/_delivery_row.html", {"d": delivery})
    messages.success(request, f"已重新排入发送队列：{delivery.subject}")
    return redirect(f"{reverse('notify:deliveries')}?state={Delivery.State.FAILED}")

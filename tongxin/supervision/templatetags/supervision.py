"""Template helpers for supervision: the one status light, and the activity page's supervision panel."""

from __future__ import annotations

from django import template

from tongxin.supervision import status

register = template.Library()


@register.filter
def light_label(light: str) -> str:
    """逾期 / 临近 / 正常 / 完成 — the labels from `status`, the one place lights are defined."""
    return str(status.LABELS.get(light, ""))


@register.simple_tag(takes_context=True)
def activity_supervision(context, activity) -> dict:
    """The activity page's light, tasks, reports, approvals and what the viewer may do (a fixed number of queries)."""
    from tongxin.supervision.selectors import activity_supervision as load

    user = context["request"].user
    data = load(user, activity)
    data["can_report"] = user.has_perm("supervision.report", activity)
    data["can_request"] = user.has_perm("supervision.request_approval", activity)
    data["can_manage"] = user.has_perm("supervision.manage_tasks", activity)
    return data


@register.filter
def channel_labels(kinds: list[str]) -> str:
    """["inbox", "wecom"] → 站内消息、企业微信群机器人."""
    from tongxin.notify.models import Channel

    names = {"inbox": "站内消息", **{k.value: str(k.label) for k in Channel.Kind}}
    return "、".join(names.get(k, k) for k in kinds or [])

"""The kinds of activity (the parser's `components`, SCHEMA.md) and their labels: the vocabulary modules attach by."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

COMPONENT_LABELS = {
    "recurring_meeting": _("定期活动"),
    "meeting": _("会议"),
    "training": _("培训"),
    "visits": _("走访"),
    "call:proposal": _("建言征集"),
    "call:essay": _("征文"),
    "call:video": _("视频征集"),
    "call:photo": _("摄影征集"),
    "quiz": _("知识竞答"),
    "event": _("活动/仪式"),
    "campaign": _("专项整治"),
    "publicity": _("宣传"),
    "other": _("其他"),
}

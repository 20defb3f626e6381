"""What calls add to the ledger and the bulletin through the seam (tongxin.core.modules)."""

from __future__ import annotations

import datetime as dt

from tongxin.calls.models import Call, DirectReport, Instruction, Submission
from tongxin.calls.selectors import call_rates
from tongxin.core.modules import Sheet


def ledger_sheets(plan, unit_ids: set[int] | None) -> list[Sheet]:
    """One sheet of calls for the plan: counts and the three rates (a unit's ledger shows its own activities' calls)."""
    calls = Call.objects.filter(activity__plan=plan).select_related("activity").order_by("pk")
    if unit_ids is not None:
        calls = calls.filter(activity__assignments__organisation_id__in=unit_ids).distinct()
    rows = []
    for call in calls:
        rates = call_rates(call)
        rows.append(
            [
                call.activity.title,
                call.title,
                call.get_kind_display(),
                rates.submissions,
                rates.adoption,
                rates.reported,
                rates.instruction,
                rates.completion,
            ]
        )
    if not rows:
        return []
    headers = [
        ("活动", 30),
        ("征集", 24),
        ("类型", 10),
        ("征集件数", 10),
        ("采纳率", 10),
        ("直通车报送", 12),
        ("批示率", 10),
        ("办结率", 10),
    ]
    return [Sheet(title="征集评审", headers=headers, rows=rows)]


def bulletin_lines(plan, start: dt.date, end: dt.date) -> list[str]:
    """Submissions, 直通车 专报 and 批示 in the period, one sentence each kind."""
    lines = []
    between = {"created_at__date__gte": start, "created_at__date__lte": end}
    for call in Call.objects.filter(activity__plan=plan).order_by("pk"):
        received = Submission.objects.filter(call=call, **between).count()
        reports = DirectReport.objects.filter(call=call, **between).count()
        instructions = Instruction.objects.filter(submission__call=call, **between).count()
        if received:
            lines.append(f"“{call.title}”收到作品{received}件。")
        if reports:
            lines.append(f"“{call.title}”通过直通车报送专报{reports}期。")
        if instructions:
            lines.append(f"“{call.title}”获领导批示{instructions}件，已转为督办事项。")
    return lines

"""Field work's lines in the bulletin (工作动态) and its figures in the year-end summary (through the seam)."""

from __future__ import annotations

import datetime as dt

from tongxin.core.modules import SummarySection
from tongxin.fieldwork import rates
from tongxin.fieldwork.models import Campaign, Difficulty, Household, Opinion, Pairing, Problem, Visit
from tongxin.fieldwork.panels import household_totals


def bulletin_lines(plan, start: dt.date, end: dt.date) -> list[str]:
    lines = []
    visits = Visit.objects.filter(activity__plan=plan, visited_on__range=(start, end))
    pair_visits = visits.filter(pairing__isnull=False).count()
    if pair_visits:
        opinions = Opinion.objects.filter(visit__in=visits.filter(pairing__isnull=False)).count()
        lines.append(f"联谊交友走访党外人士 {pair_visits} 次，听取意见建议 {opinions} 条。")
    home_visits = visits.filter(household__isnull=False).count()
    resolved = Difficulty.objects.filter(household__activity__plan=plan, resolved_on__range=(start, end)).count()
    if home_visits or resolved:
        lines.append(f"走访慰问帮扶户 {home_visits} 户次，帮助解决困难 {resolved} 项。")
    found = Problem.objects.filter(venue__campaign__activity__plan=plan, inspection__inspected_on__range=(start, end))
    signed = Problem.objects.filter(
        venue__campaign__activity__plan=plan, signed_off_at__date__range=(start, end)
    ).count()
    if found.exists() or signed:
        lines.append(f"教风整治检查发现问题 {found.count()} 个，整改销号 {signed} 个。")
    return lines


def summary_sections(activity, year: int) -> list[SummarySection]:
    sections = []
    pairings = Pairing.objects.filter(activity=activity)
    if pairings.exists():
        visits = Visit.objects.filter(pairing__in=pairings, visited_on__year=year)
        opinions = Opinion.objects.filter(visit__in=visits)
        sections.append(
            SummarySection(
                heading="联谊交友",
                figures=[
                    ("结对", f"{pairings.count()} 对"),
                    ("走访", f"{visits.count()} 次"),
                    ("意见建议", f"{opinions.count()} 条"),
                    ("已办结", f"{opinions.filter(task__state='done').count()} 条"),
                ],
            )
        )
    households = Household.objects.filter(activity=activity)
    if households.exists():
        t = household_totals(households)
        sections.append(
            SummarySection(
                heading="扶贫济困",
                figures=[
                    ("帮扶户", f"{t['total']} 户"),
                    ("走访", f"{t['visits']} 次"),
                    ("解决困难", f"{t['resolved']}/{t['difficulties']} 项"),
                    ("帮扶资金", f"{t['money']} 元"),
                ],
            )
        )
    campaign = Campaign.objects.filter(activity=activity).first()
    if campaign is not None:
        total = rates.overall(campaign)
        sections.append(
            SummarySection(
                heading="教风整治",
                figures=[
                    ("场所", f"{campaign.venues.count()} 个"),
                    ("自查完成率", f"{total.self_check_rate if total.self_check_rate is not None else '—'}%"),
                    ("发现问题", f"{total.problems} 个"),
                    ("问题整改率", f"{total.rectification_rate if total.rectification_rate is not None else '—'}%"),
                ],
            )
        )
    return sections

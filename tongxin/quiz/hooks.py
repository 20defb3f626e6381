"""What the quiz tells the floors above through the seam: its public links and its year-end summary figures."""

from __future__ import annotations

from django.urls import reverse

from tongxin.core import clock
from tongxin.core.modules import PublicLink, SummarySection
from tongxin.quiz.models import Contest, OrgResult
from tongxin.quiz.results import contest_figures


def public_links() -> list[PublicLink]:
    now = clock.now()
    contests = Contest.objects.filter(phases__opens_at__lte=now, phases__closes_at__gt=now).distinct().order_by("pk")
    return [PublicLink(title=c.title, url=reverse("quiz_public:contest", args=[c.pk])) for c in contests]


def summary_sections(activity, year: int) -> list[SummarySection]:
    sections = []
    for contest in Contest.objects.filter(activity=activity, created_at__year=year).select_related("root_org"):
        figures = contest_figures(contest)
        root = OrgResult.objects.filter(contest=contest, organisation=contest.root_org).first()
        rows = [("参赛人数", f"{figures['participants']:,}"), ("平均分", f"{figures['average'] or 0:.1f}")]
        if root:
            rows.append(("参赛率", f"{root.participation_rate:.1%}"))
        sections.append(SummarySection(heading=contest.title, figures=rows,
                                       lines=[f"待复核参赛者 {figures['flagged']} 人。"] if figures["flagged"] else []))
    return sections

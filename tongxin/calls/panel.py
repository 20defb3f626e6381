"""The activity page's panel: each call's counts, review progress and the three rates."""

from __future__ import annotations

from django.template.loader import render_to_string

from tongxin.calls.models import Call
from tongxin.calls.selectors import call_rates, review_progress


def call_panel(request, activity) -> str:
    calls = list(Call.objects.filter(activity=activity))
    if not calls:
        return ""
    progress = review_progress([c.pk for c in calls])
    rows = [{"call": c, "rates": call_rates(c), "progress": progress.get(c.pk, (0, 0))} for c in calls]
    return render_to_string("calls/_panel.html", {"rows": rows}, request=request)

"""`/api/publicity/`: the publicity log of the activities the caller may see (JSON, read-only)."""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import path

from tongxin.events import selectors


def _entry(e) -> dict:
    return {
        "id": e.pk,
        "activity_id": e.activity_id,
        "activity": e.activity.title,
        "outlet_type": e.outlet_type,
        "outlet_type_label": e.get_outlet_type_display(),
        "outlet": e.outlet,
        "date": e.date.isoformat(),
        "title": e.title,
        "link": e.link,
    }


def publicity(request):
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "需要登录或 API 令牌。"}, status=401)
    entries = selectors.publicity_visible_to(request.user)
    if activity := request.GET.get("activity"):
        if not activity.isdigit():
            return JsonResponse({"detail": "activity 应为活动编号（整数）。"}, status=400)
        entries = entries.filter(activity_id=int(activity))
    counts = dict(selectors.publicity_counts(entries))
    return JsonResponse({"count": entries.count(), "by_type": counts, "results": [_entry(e) for e in entries[:500]]})


app_name = "publicity_api"
urlpatterns = [path("", publicity, name="list")]


def session_detail(request, pk: int):
    """A session as it was run: speakers and guests, attendance (count, per unit, names) and its minutes."""
    from tongxin.activities.models import Session
    from tongxin.activities.selectors import under_visible_activities

    if not request.user.is_authenticated:
        return JsonResponse({"detail": "需要登录或 API 令牌。"}, status=401)
    session = under_visible_activities(Session.objects.all(), request.user).filter(pk=pk).first()
    if session is None:
        return JsonResponse({"detail": "找不到该场次。"}, status=404)
    minutes = getattr(session, "minutes", None) if hasattr(session, "minutes") else None
    return JsonResponse(
        {
            "id": session.pk,
            "activity_id": session.activity_id,
            "title": session.title,
            "state": session.state,
            "speakers": session.speakers,
            "guests": session.guests,
            "attendance": {
                "count": session.attendances.count(),
                "by_unit": [
                    {"unit": r.unit, "expected": r.expected, "attended": r.attended}
                    for r in selectors.attendance_by_unit(session)
                ],
                "people": [
                    {"name": a.name, "unit": a.unit_name, "method": a.method, "at": a.created_at.isoformat()}
                    for a in selectors.attendance_of(session)
                ],
            },
            "minutes": {"text": minutes.text, "at": minutes.created_at.isoformat()} if minutes else None,
        }
    )


session_urlpatterns = [path("sessions/<int:pk>", session_detail, name="session")]

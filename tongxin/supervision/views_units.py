"""A unit's page: its activities by role with lights, its tasks by light, latest reports and pending approvals."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tongxin.orgs.models import Organisation
from tongxin.supervision import selectors


@login_required
def unit_detail(request: HttpRequest, org_id: int) -> HttpResponse:
    org = Organisation.objects.filter(pk=org_id).select_related("parent").first()
    if org is None or not selectors.unit_may_be_seen_by(request.user, org):
        raise Http404
    ctx = {"org": org, **selectors.unit_page(request.user, org)}
    return render(request, "supervision/unit.html", ctx)

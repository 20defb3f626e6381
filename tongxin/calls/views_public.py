"""Public pages of calls: looking up a submission by its receipt number."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from tongxin.calls.forms import LookupForm
from tongxin.calls.selectors import lookup_by_receipt
from tongxin.public.ratelimit import rate_limit
from tongxin.public.rendering import public_render


@require_GET
@rate_limit(scope="calls.lookup", rate="30/m")
def lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.GET or None)
    found = None
    if form.is_valid():
        found = lookup_by_receipt(form.cleaned_data["receipt"])
        if found is None:
            form.add_error("receipt", "没有找到这个回执编号，请核对后再查。")
    return public_render(request, "calls/lookup.html", {"form": form, "found": found})

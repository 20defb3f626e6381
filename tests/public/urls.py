"""The real URLconf plus one sample public form, built as a module would build its own (captcha, consent, limit)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse
from django.template import engines
from django.urls import path

from tongxin.public.captcha import CaptchaFormMixin
from tongxin.public.consent import ConsentFormMixin
from tongxin.public.ratelimit import rate_limit
from tongxin.public.rendering import public_render
from tongxin.urls import handler400, handler403, handler404, handler500  # noqa: F401
from tongxin.urls import urlpatterns as site_urlpatterns

SUBMITTED: list[dict] = []
PAGE = """{% extends "public/base.html" %}{% block content %}<h1>报名</h1>
<form method="post" novalidate>{% csrf_token %}{{ form.as_p }}<button type="submit">提交</button></form>
{% endblock %}"""


class SignUpForm(ConsentFormMixin, CaptchaFormMixin, forms.Form):
    name = forms.CharField(label="姓名", max_length=20)
    phone = forms.CharField(label="手机号码", max_length=11)


@rate_limit(scope="sample-signup", rate="3/d", methods=("POST",))
def sign_up(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        SUBMITTED.append({"name": form.cleaned_data["name"], **form.consent_record()})
        return public_render(request, "public/index.html", {"pages": []})
    page = engines["public"].from_string(PAGE)
    return HttpResponse(page.render({"form": form}, request), status=400 if form.errors else 200)


def refuse(request, what: str):
    """Raises what a view raises when it refuses: the error pages and the log lines are about these."""
    if what == "forbidden":
        raise PermissionDenied("not yours")
    if what == "bad":
        raise BadRequest("malformed")
    if what == "missing":
        raise Http404("no such thing")
    raise RuntimeError("boom")


urlpatterns = [
    path("p/sample/sign-up/", sign_up, name="sample-sign-up"),
    path("p/sample/<str:what>/", refuse, name="sample-public-refuse"),
    path("sample/<str:what>/", refuse, name="sample-refuse"),
    *site_urlpatterns,
]

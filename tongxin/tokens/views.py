"""The signed-in user's own API tokens: list, create (the secret is shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tongxin.core import clock
from tongxin.tokens.forms import TokenForm
from tongxin.tokens.selectors import tokens_of
from tongxin.tokens.services import TokenError, token_create, token_revoke


def _page(request: HttpRequest, form: TokenForm, *, new_secret: str = "", code: int = 200) -> HttpResponse:
    now = clock.now()
    tokens = [(t, t.state_label(now)) for t in tokens_of(request.user)]
    ctx = {"form": form, "tokens": tokens, "new_secret": new_secret}
    return render(request, "tokens/tokens.html", ctx, status=code)


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, code=400)
    d = form.cleaned_data
    try:
        _token, raw = token_create(
            actor=request.user, owner=request.user, name=d["name"], scope=d["scope"], days=d["days"]
        )
    except TokenError as exc:
        form.add_error(None, exc.message)
        return _page(request, form, code=400)
    # Shown in this answer only (never stored in the session or a message), like a password.
    return _page(request, TokenForm(), new_secret=raw)


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(tokens_of(request.user), pk=pk)  # another user's token is a 404
    token_revoke(actor=request.user, token=token)
    messages.success(request, f"令牌“{token.name}”已吊销，立即失效。")
    return redirect("tokens:list")

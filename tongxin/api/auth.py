"""Bearer tokens on /api/: the caller becomes the token's owner for this request, with the owner's rights only.

A middleware (not a view decorator) so every API view, the read ones included, accepts tokens the same way.
CSRF protects cookies a browser sends on its own; a Bearer header is never sent that way, so only requests
authenticated by a token skip the CSRF check.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

from tongxin.tokens.models import ApiToken
from tongxin.tokens.services import TokenError, token_authenticate

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def _error(status: int, detail: str) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="tongxin", error="invalid_token"'
    return response


class ApiTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        header = request.headers.get("Authorization", "")
        if not request.path.startswith("/api/") or not header:
            return self.get_response(request)
        scheme, _, raw = header.partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            return _error(401, "认证方式不正确，请使用 Authorization: Bearer <令牌>。")
        try:
            token = token_authenticate(raw)
        except TokenError as exc:
            return _error(401, exc.message)
        if token.scope == ApiToken.Scope.READ and request.method not in SAFE_METHODS:
            return _error(403, "只读令牌不能修改数据，请使用读写令牌。")
        request.user = token.owner
        request.api_token = token
        request._dont_enforce_csrf_checks = True
        return self.get_response(request)

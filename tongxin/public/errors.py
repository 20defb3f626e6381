"""Chinese error pages: the site layout for signed-in pages, the public layout under the public prefix.
Wired in tongxin/urls.py (handler400/403/404/500) and settings.CSRF_FAILURE_VIEW."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

PUBLIC_PREFIX_FALLBACK = "/p/"

MESSAGES = {
    400: (lambda: _("请求有误"), lambda: _("提交的内容无法处理，例如表单过大或格式不对。请返回后重试。")),
    403: (lambda: _("没有权限"), lambda: _("您没有权限进行此操作。如需办理，请联系管理员。")),
    404: (lambda: _("页面不存在"), lambda: _("您要找的页面不存在、已被删除，或您无权查看。")),
    500: (lambda: _("服务器出错了"), lambda: _("系统处理时出现错误，已记录下来。请稍后重试。")),
    "csrf": (lambda: _("页面已过期"), lambda: _("安全校验未通过：页面停留太久或浏览器禁用了 Cookie。请刷新页面后重新提交。")),
}
SITE_TEMPLATES = {400: "400.html", 403: "403.html", 404: "404.html", 500: "500.html", "csrf": "403_csrf.html"}


def _is_public(request: HttpRequest) -> bool:
    try:
        prefix = reverse("public:index")
    except NoReverseMatch:  # a broken URLconf must not break the error page too
        prefix = PUBLIC_PREFIX_FALLBACK
    return request.path.startswith(prefix)


def _back_url(request: HttpRequest) -> str:
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return referer
    return ""


def _context(request: HttpRequest, which: int | str) -> dict:
    title, message = MESSAGES[which]
    return {"code": 403 if which == "csrf" else which, "title": title(), "message": message()}


def _render(request: HttpRequest, which: int | str) -> HttpResponse:
    context = _context(request, which)
    context["back_url"] = _back_url(request)
    status = context["code"]
    if _is_public(request):
        html = loader.render_to_string("public/errors/error.html", context, request, using="public")
    else:
        html = loader.render_to_string(SITE_TEMPLATES[which], context, request, using="django")
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _render(request, "csrf")


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request's context (no context processors, no session, no database): whatever broke
    the page may have been any of those."""
    context = _context(request, 500)
    context.update(site_name=settings.TONGXIN_SITE_NAME, public_site_name=settings.PUBLIC_SITE_NAME,
                   public_organisation=settings.PUBLIC_ORGANISATION)
    try:
        public = _is_public(request)
    except Exception:  # noqa: BLE001 - the URLconf itself may be what failed
        public = False
    if public:
        html = loader.get_template("public/errors/error.html", using="public").render(context)
    else:
        html = loader.get_template("500.html", using="django").render(context)
    return HttpResponse(html, status=500)

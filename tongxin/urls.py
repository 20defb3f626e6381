"""URL map: each domain app owns its own urls module."""

from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.generic.base import RedirectView

from tongxin.core import modules


def module_urlpatterns() -> list:
    """Each registered activity module's pages: signed-in at /m/<name>/, public at /p/<name>/, API at /api/<name>/."""
    patterns = []
    for module in modules.all_modules():
        if module.urls:
            patterns.append(path(f"m/{module.name}/", include(module.urls)))
        if module.public_urls:
            patterns.append(path(f"p/{module.name}/", include(module.public_urls)))
        if module.api_urls:
            patterns.append(path(f"api/{module.name}/", include(module.api_urls)))
    return patterns


urlpatterns = module_urlpatterns() + [
    path("", include("tongxin.activities.urls")),
    path("accounts/", include("tongxin.accounts.urls")),
    path("directory/", include("tongxin.orgs.urls")),
    path("plans/import/", include("tongxin.ingest.urls")),
    path("plans/", include("tongxin.plans.urls")),
    path("supervision/", include("tongxin.supervision.urls")),
    path("cockpit/", include("tongxin.supervision.urls_cockpit")),
    path("inbox/", include("tongxin.notify.urls")),
    path("reports/", include("tongxin.reports.urls")),
    path("export/", include("tongxin.exports.urls")),
    path("api/", include("tongxin.api.urls")),
    path("tokens/", include("tongxin.tokens.urls")),
    path("", include("tongxin.ops.urls")),
    path("admin/", admin.site.urls),
    path("p/", include("tongxin.public.urls")),  # the public face: no sign-in (tongxin.public)
    # Browsers ask for /favicon.ico whatever the page says; answer with the SVG icon rather than a 404.
    path("favicon.ico", RedirectView.as_view(url=static_url("img/favicon.svg"), permanent=True)),
]

handler400 = "tongxin.public.errors.bad_request"
handler403 = "tongxin.public.errors.permission_denied"
handler404 = "tongxin.public.errors.page_not_found"
handler500 = "tongxin.public.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

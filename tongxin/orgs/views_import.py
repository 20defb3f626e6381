"""The 通讯录 import screen (the same service as `tongxin users import`), the template and the export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tongxin.core import clock
from tongxin.core.access import require
from tongxin.orgs.directory_io.exporting import export_xlsx, template_xlsx
from tongxin.orgs.forms import ImportForm
from tongxin.orgs.services import directory_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MANAGE = "orgs.manage"
SHOWN_PROBLEMS = 200


def _download(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = directory_import(
            actor=request.user,
            name=upload.name,
            data=upload.read(),
            dry_run=form.cleaned_data["dry_run"],
            initial_password=form.cleaned_data["initial_password"],
        )
    ctx = {
        "form": form,
        "result": result,
        "problems": result.problems[:SHOWN_PROBLEMS] if result else [],
        "links": result.invite_links() if result and result.outcome else [],
    }
    return render(request, "orgs/import.html", ctx, status=400 if result and not result.ok else 200)


@login_required
def template_download(request: HttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    return _download(template_xlsx(), "%E9%80%9A%E8%AE%AF%E5%BD%95%E6%A8%A1%E6%9D%BF.xlsx")  # 通讯录模板.xlsx


@login_required
def export_download(request: HttpRequest) -> HttpResponse:
    require(request.user, MANAGE)
    return _download(export_xlsx(), f"directory-{clock.today():%Y%m%d}.xlsx")

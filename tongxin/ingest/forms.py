"""Upload form: the file is read once, checked for size here and for type by the import service."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("方案文件"),
        help_text=_("支持 .txt（UTF-8 或 GBK）、.docx、带文字层的 .pdf，不超过 20 MB。"),
        error_messages={"required": _("请选择要导入的方案文件。"), "empty": _("上传的文件是空的。")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("文件太大（%(size).1f MB），超过上限 %(limit)d MB。"),
                params={"size": upload.size / 1048576, "limit": settings.UPLOAD_MAX_BYTES // 1048576},
            )
        self.cleaned_bytes = upload.read()
        return upload

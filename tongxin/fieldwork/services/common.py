"""Helpers shared by field work's services: dates that may not lie in the future, uploads checked before writing."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from tongxin.core import clock
from tongxin.fieldwork.errors import FieldworkError
from tongxin.files.checks import UploadRejected, check_upload
from tongxin.files.services import attachment_create

PHOTO_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_KINDS = {"image", "pdf", "docx", "xlsx"}


def not_in_future(day: dt.date | None, *, label: str, field: str) -> dt.date:
    if day is None:
        raise FieldworkError(f"请填写{label}。", field=field)
    if day > clock.today():
        raise FieldworkError(f"{label}不能晚于今天（{clock.today():%Y年%m月%d日}）。", field=field)
    return day


def check_files(uploads, *, kinds: set[str], field: str) -> list:
    """Check every upload before anything is written, so one bad file loses nothing else."""
    uploads = [u for u in (uploads or []) if u]
    for upload in uploads:
        try:
            check_upload(upload, kinds=kinds, max_bytes=min(PHOTO_MAX_BYTES, settings.UPLOAD_MAX_BYTES))
        except UploadRejected as exc:
            if kinds == {"image"}:
                raise FieldworkError(f"照片须为图片文件（JPG、PNG 等）：{exc.message}", field=field) from exc
            raise FieldworkError(exc.message, field=field) from exc
        upload.seek(0)
    return uploads


def attach(*, actor, target, uploads, kinds: set[str], purpose: str, plan_id: int | None) -> None:
    for upload in uploads:
        attachment_create(
            actor=actor,
            target=target,
            upload=upload,
            kinds=kinds,
            purpose=purpose,
            max_bytes=PHOTO_MAX_BYTES,
            plan_id=plan_id,
        )

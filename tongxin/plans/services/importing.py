"""Turning an uploaded document into a draft: checked for type and size first, parsed, nothing stored on failure."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from tongxin.audit.services import audit_record
from tongxin.plans.models import PlanImport

ALLOWED_EXTENSIONS = {".txt", ".docx", ".pdf"}
LEGACY_EXTENSIONS = {".doc", ".wps", ".rtf", ".et", ".xls", ".ppt"}


class ImportRejected(Exception):
    """A document we will not store, with the message (in Chinese) a person should read."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _check_upload(name: str, data: bytes) -> None:
    ext = Path(name).suffix.lower()
    if ext in LEGACY_EXTENSIONS:
        raise ImportRejected(
            f"不支持旧版 {ext} 文件。请用 Word 或 WPS 打开后“另存为” .docx（或导出为 PDF / 文本文件）再上传。"
        )
    if ext not in ALLOWED_EXTENSIONS:
        raise ImportRejected("只能导入 .txt、.docx 或 .pdf 格式的方案文件。")
    if not data:
        raise ImportRejected("上传的文件是空的（0 字节），请检查后重新选择文件。")
    limit = settings.UPLOAD_MAX_BYTES
    if len(data) > limit:
        raise ImportRejected(f"文件太大（{len(data) / 1048576:.1f} MB），超过上限 {limit // 1048576} MB。")
    if ext == ".docx" and not data.startswith(b"PK"):
        raise ImportRejected("文件扩展名是 .docx，但内容不是 Word 文档。请确认文件没有损坏或被改名。")
    if ext == ".pdf" and not data.lstrip()[:5].startswith(b"%PDF"):
        raise ImportRejected("文件扩展名是 .pdf，但内容不是 PDF 文档。请确认文件没有损坏或被改名。")


def _parse_bytes(name: str, data: bytes) -> tuple[str, dict]:
    from tongxin.parser import DocumentError, parse_file

    suffix = Path(name).suffix.lower()
    fd, tmp = tempfile.mkstemp(suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            result = parse_file(tmp)
        except DocumentError as exc:
            raise ImportRejected(str(exc)) from exc
    finally:
        os.unlink(tmp)
    draft = result.to_json()
    if not draft.get("title"):
        draft["title"] = Path(name).stem
    return result.text, draft


def plan_import_create(*, user, name: str, data: bytes) -> PlanImport:
    """Parse an upload into a draft for review. Raises ImportRejected (and stores nothing) on bad input."""
    _check_upload(name, data)
    text, draft = _parse_bytes(name, data)
    if not draft.get("activities"):
        raise ImportRejected("没有从文件中识别出任何活动或任务条目。请确认这是一份方案，编号（一、（一）1.）是否完整。")
    with transaction.atomic():
        record = PlanImport(
            original_name=name[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            text=text,
            draft=draft,
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        )
        record.file.save(Path(name).name, ContentFile(data), save=False)
        record.save()
        audit_record(
            actor=user,
            action="plan_import.create",
            target=record,
            summary=f"上传方案文件《{name}》，识别出 {len(draft['activities'])} 项活动",
        )
    return record


def plan_import_save_draft(*, user, plan_import: PlanImport, draft: dict) -> PlanImport:
    """Keep a reviewer's corrections; the draft stays a draft until published."""
    if plan_import.status != PlanImport.Status.DRAFT:
        raise ImportRejected("这份导入已经处理过，不能再修改。")
    with transaction.atomic():
        plan_import.draft = draft
        plan_import.save(update_fields=["draft"])
        audit_record(actor=user, action="plan_import.correct", target=plan_import, summary="保存了导入的更正")
    return plan_import


def plan_import_discard(*, user, plan_import: PlanImport) -> None:
    if plan_import.status != PlanImport.Status.DRAFT:
        raise ImportRejected("这份导入已经处理过。")
    with transaction.atomic():
        plan_import.status = PlanImport.Status.DISCARDED
        plan_import.save(update_fields=["status"])
        audit_record(actor=user, action="plan_import.discard", target=plan_import, summary="放弃了这次导入")

"""Turning an uploaded document into a draft: checked for type and size first, parsed, nothing stored on failure."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from tongxin.audit.services import audit_record
from tongxin.ingest.tasks import import_parse
from tongxin.plans.models import PlanImport

ALLOWED_EXTENSIONS = {".txt", ".docx", ".pdf"}
LEGACY_EXTENSIONS = {".doc", ".wps", ".rtf", ".et", ".xls", ".ppt"}
log = logging.getLogger(__name__)


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


def _read_bytes(name: str, data: bytes) -> str:
    """The document's text (a .docx or .pdf is read from a temporary file); ImportRejected if it cannot be read."""
    from tongxin.parser import DocumentError, read_document

    fd, tmp = tempfile.mkstemp(suffix=Path(name).suffix.lower())
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            return read_document(tmp)
        except DocumentError as exc:
            raise ImportRejected(str(exc)) from exc
    finally:
        os.unlink(tmp)


def _parse_text(name: str, text: str) -> tuple[str, dict]:
    from tongxin.parser import parse_text

    result = parse_text(text, filename=Path(name).name)
    draft = result.to_json()
    if not draft.get("title"):
        draft["title"] = Path(name).stem
    return result.text, draft


def _store(*, user, name: str, data: bytes, status: str, text: str = "", draft: dict | None = None) -> PlanImport:
    record = PlanImport(
        status=status,
        original_name=name[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        draft=draft or {},
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    record.file.save(Path(name).name, ContentFile(data), save=False)
    record.save()
    return record


def plan_import_create(*, user, name: str, data: bytes) -> PlanImport:
    """Parse an upload into a draft for review, in this process (the demo and scripts use it).

    Raises ImportRejected (and stores nothing) when the file is not a readable document."""
    _check_upload(name, data)
    text, draft = _parse_text(name, _read_bytes(name, data))
    with transaction.atomic():
        record = _store(user=user, name=name, data=data, status=PlanImport.Status.DRAFT, text=text, draft=draft)
        audit_record(
            actor=user,
            action="plan_import.create",
            target=record,
            summary=f"上传方案文件《{name}》，识别出 {len(draft['activities'])} 项活动",
        )
    return record


def plan_import_upload(*, user, name: str, data: bytes) -> PlanImport:
    """Store a checked upload and queue its reading; the progress page follows the job. ImportRejected on bad type."""
    _check_upload(name, data)
    with transaction.atomic():
        record = _store(user=user, name=name, data=data, status=PlanImport.Status.QUEUED)
        audit_record(actor=user, action="plan_import.upload", target=record, summary=f"上传方案文件《{name}》")
    try:
        import_parse.enqueue(record.pk)
    except Exception:
        log.exception("could not queue the reading of import %s", record.pk)
        _set_status(record, PlanImport.Status.FAILED, error="后台任务无法排队，请稍后重新上传。")
    return record


def _set_status(record: PlanImport, status: str, *, error: str = "") -> None:
    record.status, record.error = status, error
    # A short write of its own: the progress page reads it while the job goes on.
    PlanImport.objects.filter(pk=record.pk).update(status=status, error=error)


def plan_import_parse(*, plan_import: PlanImport) -> PlanImport:
    """The background job's work: read the stored file, parse it, keep the draft; a failure is kept as its message."""
    record = plan_import
    if record.status != PlanImport.Status.QUEUED:
        return record  # already read (a job delivered twice)
    try:
        _set_status(record, PlanImport.Status.READING)
        with record.file.open("rb") as fh:
            data = fh.read()
        text = _read_bytes(record.original_name, data)
        _set_status(record, PlanImport.Status.PARSING)
        text, draft = _parse_text(record.original_name, text)
    except ImportRejected as exc:
        _set_status(record, PlanImport.Status.FAILED, error=exc.message)
        return record
    except Exception:
        log.exception("reading import %s failed", record.pk)
        _set_status(
            record, PlanImport.Status.FAILED, error="读取文件时出错。请确认文件完好后重新上传；如仍失败，请联系管理员。"
        )
        return record
    with transaction.atomic():
        record.text, record.draft, record.status, record.error = text, draft, PlanImport.Status.DRAFT, ""
        record.save(update_fields=["text", "draft", "status", "error"])
        audit_record(
            actor=record.uploaded_by or "后台任务",
            action="plan_import.create",
            target=record,
            summary=f"识别方案文件《{record.original_name}》，识别出 {len(draft['activities'])} 项活动",
        )
    return record


def plan_import_discard(*, user, plan_import: PlanImport) -> None:
    # A failed reading, or one still waiting for a worker that is not running, can be given up as well.
    if plan_import.status not in (PlanImport.Status.DRAFT, PlanImport.Status.FAILED, PlanImport.Status.QUEUED):
        raise ImportRejected("这份导入已经处理过。")
    with transaction.atomic():
        plan_import.status = PlanImport.Status.DISCARDED
        plan_import.save(update_fields=["status"])
        audit_record(actor=user, action="plan_import.discard", target=plan_import, summary="放弃了这次导入")

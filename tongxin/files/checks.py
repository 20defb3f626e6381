"""Checking an upload before it is stored: its real type from its first bytes, its size, and for Office files and
images the size they would unpack to. Reads the file in chunks, so a large upload is never held in memory."""

from __future__ import annotations

import codecs
import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

CHUNK = 1024 * 1024


class UploadRejected(Exception):
    """An upload refused, with a Chinese message naming the file and what is wrong."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FileType:
    kind: str  # image | pdf | docx | xlsx | text | video
    content_type: str
    extensions: tuple[str, ...]


TYPES = {
    "jpeg": FileType("image", "image/jpeg", (".jpg", ".jpeg")),
    "png": FileType("image", "image/png", (".png",)),
    "gif": FileType("image", "image/gif", (".gif",)),
    "webp": FileType("image", "image/webp", (".webp",)),
    "pdf": FileType("pdf", "application/pdf", (".pdf",)),
    "docx": FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "xlsx": FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "mp4": FileType("video", "video/mp4", (".mp4", ".m4v")),
    "mov": FileType("video", "video/quicktime", (".mov",)),
    "txt": FileType("text", "text/plain", (".txt",)),
}
# An Office file may unpack to at most this many bytes, and this many times its own size (zip bombs).
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200


def sniff(head: bytes, ext: str) -> str | None:
    """The key in TYPES that the first bytes prove, or None. The extension only chooses between look-alikes."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head[4:8] == b"ftyp":
        return "mov" if head[8:10] == b"qt" else "mp4"
    if head.startswith(b"PK\x03\x04"):
        return {".docx": "docx", ".xlsx": "xlsx"}.get(ext)
    if ext == ".txt" and b"\x00" not in head:
        return "txt" if _decodes(head, "utf-8") or _decodes(head, "gb18030") else None
    return None


def _decodes(head: bytes, encoding: str) -> bool:
    """Whether the first bytes are text in this encoding (a character cut at the end of the chunk is allowed)."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    type: FileType
    size: int
    sha256: str


def check_upload(upload, *, kinds: set[str], max_bytes: int) -> CheckedUpload:
    """`upload` is a Django UploadedFile (or any file object with .name). Raises UploadRejected."""
    name = Path(getattr(upload, "name", "") or "file").name
    ext = Path(name).suffix.lower()
    allowed = sorted({e for t in TYPES.values() if t.kind in kinds for e in t.extensions})
    if ext not in allowed:
        raise UploadRejected(
            _("“%(name)s”的文件类型不支持。可以上传：%(allowed)s。") % {"name": name, "allowed": "、".join(allowed)}
        )
    upload.seek(0)
    head = upload.read(4096)
    if not head:
        raise UploadRejected(_("“%(name)s”是空文件。") % {"name": name})
    key = sniff(head, ext)
    if key is None or ext not in TYPES[key].extensions or TYPES[key].kind not in kinds:
        raise UploadRejected(_("“%(name)s”的内容与扩展名不符，可能已损坏或被改名。") % {"name": name})
    digest, size = hashlib.sha256(head), len(head)
    while chunk := upload.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise UploadRejected(_too_big(name, size, max_bytes))
        digest.update(chunk)
    if size > max_bytes:
        raise UploadRejected(_too_big(name, size, max_bytes))
    if key in ("docx", "xlsx"):
        _check_zip(upload, name, size)
    upload.seek(0)
    return CheckedUpload(name=name, type=TYPES[key], size=size, sha256=digest.hexdigest())


def _too_big(name: str, size: int, max_bytes: int) -> str:
    return _("“%(name)s”太大（至少 %(size).1f MB），上限 %(max)d MB。") % {
        "name": name,
        "size": size / 1048576,
        "max": max_bytes // 1048576,
    }


def _check_zip(upload, name: str, size: int) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadRejected(_("“%(name)s”已损坏，无法打开。") % {"name": name}) from exc
    if unpacked > MAX_UNPACKED or unpacked > MAX_RATIO * max(size, 1):
        raise UploadRejected(_("“%(name)s”解压后过大，已拒收。") % {"name": name})

"""Checking an uploaded file's type (by extension and content) and size before anything is stored."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile, File

from tongxin.supervision.services.errors import SupervisionError

# The first bytes each type must start with: an .jpg that is really an .exe is refused.
MAGIC = {
    ".jpg": [b"\xff\xd8\xff"],
    ".jpeg": [b"\xff\xd8\xff"],
    ".png": [b"\x89PNG"],
    ".gif": [b"GIF8"],
    ".webp": [b"RIFF"],
    ".pdf": [b"%PDF"],
    ".docx": [b"PK"],
    ".xlsx": [b"PK"],
    ".mp4": [],
}


def head_and_size(data) -> tuple[bytes, int]:
    """The first 4 KB and the size of bytes or of a file object (an upload streamed to disk is never read whole)."""
    if isinstance(data, bytes | bytearray):
        return bytes(data[:4096]), len(data)
    data.seek(0)
    head = data.read(4096)
    size = getattr(data, "size", None)
    if size is None:
        size = data.seek(0, 2)
    data.seek(0)
    return head, size


def check_upload(name: str, data) -> str:
    """The file's content type, or SupervisionError with a Chinese message naming what is wrong.

    `data` is the file's bytes or a file object (a Django upload); only its first bytes are read."""
    ext = Path(name).suffix.lower()
    types = settings.EVIDENCE_TYPES
    if ext not in types:
        allowed = "、".join(sorted(types))
        raise SupervisionError(f"“{name}”的文件类型不支持。可以上传：{allowed}。")
    head, size = head_and_size(data)
    if not size:
        raise SupervisionError(f"“{name}”是空文件。")
    if size > settings.UPLOAD_MAX_BYTES:
        raise SupervisionError(
            f"“{name}”太大（{size / 1048576:.1f} MB），上限 {settings.UPLOAD_MAX_BYTES // 1048576} MB。"
        )
    magic = MAGIC.get(ext)
    if magic and not any(head.startswith(m) for m in magic):
        raise SupervisionError(f"“{name}”的内容与扩展名不符，可能已损坏或被改名。")
    if ext == ".mp4" and head[4:8] != b"ftyp":
        raise SupervisionError(f"“{name}”不是有效的 MP4 视频。")
    if ext == ".txt" and b"\x00" in head:
        raise SupervisionError(f"“{name}”不是文本文件。")
    return types[ext]


def check_total(files: list[tuple[str, object]]) -> None:
    """One report's files together stay under EVIDENCE_MAX_TOTAL_BYTES."""
    total = sum(head_and_size(data)[1] for _name, data in files)
    if total > settings.EVIDENCE_MAX_TOTAL_BYTES:
        raise SupervisionError(
            f"照片和文件合计 {total / 1048576:.1f} MB，每份报告上限 {settings.EVIDENCE_MAX_TOTAL_BYTES // 1048576} MB。"
            "请压缩或精选后再上传。"
        )


def as_file(name: str, data):
    """Something storage can save chunk by chunk: bytes wrapped, an upload as it is."""
    return ContentFile(data, name=name) if isinstance(data, bytes | bytearray) else File(data, name=name)

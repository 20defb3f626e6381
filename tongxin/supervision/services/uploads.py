"""Checking an uploaded file's type (by extension and content) and size before anything is stored."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

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


def check_upload(name: str, data: bytes) -> str:
    """The file's content type, or SupervisionError with a Chinese message naming what is wrong."""
    ext = Path(name).suffix.lower()
    types = settings.EVIDENCE_TYPES
    if ext not in types:
        allowed = "、".join(sorted(types))
        raise SupervisionError(f"“{name}”的文件类型不支持。可以上传：{allowed}。")
    if not data:
        raise SupervisionError(f"“{name}”是空文件。")
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise SupervisionError(
            f"“{name}”太大（{len(data) / 1048576:.1f} MB），上限 {settings.UPLOAD_MAX_BYTES // 1048576} MB。"
        )
    magic = MAGIC.get(ext)
    if magic and not any(data.startswith(m) for m in magic):
        raise SupervisionError(f"“{name}”的内容与扩展名不符，可能已损坏或被改名。")
    if ext == ".mp4" and data[4:8] != b"ftyp":
        raise SupervisionError(f"“{name}”不是有效的 MP4 视频。")
    if ext == ".txt" and b"\x00" in data[:4096]:
        raise SupervisionError(f"“{name}”不是文本文件。")
    return types[ext]

"""Plan-document parser (pure Python, no Django): text or a file in, a ParseResult with spans out."""

from __future__ import annotations

from pathlib import Path

from .model import ParseResult
from .pipeline import parse_text
from .readers import DocumentError, read_document

__all__ = ["DocumentError", "ParseResult", "parse_file", "parse_text"]


def parse_file(path: str | Path) -> ParseResult:
    """Read a .txt/.docx/.pdf file and parse it; DocumentError (with a Chinese message) if it cannot be read."""
    text = read_document(path)
    return parse_text(text, filename=Path(path).name)

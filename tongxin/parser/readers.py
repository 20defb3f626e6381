"""Read a plan document (.txt in any Chinese encoding, .docx, .pdf) into text, or fail with a clear Chinese message."""

from __future__ import annotations

import codecs
import re
import zipfile
from pathlib import Path

from .reflow import reflow

MAX_BYTES = 30 * 1024 * 1024
TEXT_SUFFIXES = {"", ".txt", ".text", ".md"}
LEGACY_WORD = {".doc", ".dot", ".wps", ".wpt"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")

MSG_EMPTY = "文件是空的，没有可读取的文字。请检查是否选错了文件。"
MSG_BINARY = "这不是文本文件（内容是二进制数据），无法读取文字。请提供 .txt、.docx 或带文字层的 .pdf 文件。"
MSG_ENCRYPTED_PDF = "文件是加密的 PDF，无法读取文字。请先在 PDF 阅读器中解除密码保护后另存，再重新导入。"
MSG_SCANNED_PDF = "这是扫描版 PDF（没有文字层），无法识别文字。请提供可复制文字的 PDF、Word（.docx）或文本文件。"
MSG_EMPTY_PDF = "PDF 中没有可读取的文字。请提供可复制文字的 PDF、Word（.docx）或文本文件。"
MSG_BROKEN_PDF = "PDF 文件已损坏或格式不正确，无法读取。请重新导出 PDF，或改用 Word（.docx）或文本文件。"
MSG_LEGACY_DOC = "这是旧版 Word（.doc）文件，请用 Word 或 WPS 另存为 .docx 后再导入。"
MSG_LEGACY_WPS = "这是 WPS 文字（.wps）文件，请用 WPS 或 Word 另存为 .docx 后再导入。"
MSG_ENCRYPTED_WORD = "文件是加密的 Word 文档，无法读取文字。请先在 Word 或 WPS 中取消密码保护后另存为 .docx，再重新导入。"
MSG_BROKEN_DOCX = "Word 文件已损坏或不是有效的 .docx 文件，无法读取。请用 Word 或 WPS 重新另存为 .docx 后再导入。"
MSG_EMPTY_DOCX = "Word 文件中没有文字内容。请检查是否选错了文件。"
MSG_DOCX_TOO_LARGE = (
    "Word 文件解压后的内容过大（文字和格式数据超过 {limit} MB），不像一份普通的方案文件，为防止系统卡死已拒绝读取。"
    "请删去无关内容后另存为 .docx，或另存为纯文本（.txt）后再导入。"
)
MAX_DOCX_XML = 12 * 1024 * 1024  # unpacked XML of a .docx; images and fonts do not count
MSG_TOO_LARGE = "文件太大（超过 30 MB），无法作为方案文件读取。请只导入方案正文。"
MSG_NOT_FOUND = "找不到文件：{name}。请检查文件路径。"
MSG_NOT_A_FILE = "{name} 不是文件。请选择一个方案文件。"
MSG_UNKNOWN = "不支持 {suffix} 格式的文件。请提供 .txt、.docx 或 .pdf 文件。"
MSG_UNREADABLE = "无法打开文件：{name}（{reason}）。请检查文件权限。"


class DocumentError(Exception):
    """A file that cannot be read as a plan document; `message` is the Chinese text to show the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_document(path: str | Path) -> str:
    """The document's text with newlines normalised to \\n; DocumentError when it cannot be read."""
    p = Path(path)
    data = _read_bytes(p)
    suffix = p.suffix.lower()
    if not data.strip():
        raise DocumentError(MSG_EMPTY)
    if data.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF" in data[:1024]):
        return normalise_newlines(read_pdf(p))
    if data.startswith(OLE_MAGIC):
        raise DocumentError(_ole_message(data, suffix))
    if data.startswith(b"PK\x03\x04"):
        return normalise_newlines(read_docx(p))
    if suffix in LEGACY_WORD:
        # A .doc that is not OLE is often HTML or RTF saved under the old name: still ask for .docx.
        raise DocumentError(MSG_LEGACY_WPS if suffix.startswith(".wp") else MSG_LEGACY_DOC)
    if suffix in {".docx", ".pdf"}:
        raise DocumentError(MSG_BROKEN_DOCX if suffix == ".docx" else MSG_BROKEN_PDF)
    if suffix not in TEXT_SUFFIXES:
        raise DocumentError(MSG_UNKNOWN.format(suffix=suffix))
    return reflow(normalise_newlines(decode_text(data)), only_if_wrapped=True)


def _read_bytes(p: Path) -> bytes:
    try:
        if not p.exists():
            raise DocumentError(MSG_NOT_FOUND.format(name=p))
        if not p.is_file():
            raise DocumentError(MSG_NOT_A_FILE.format(name=p))
        if p.stat().st_size > MAX_BYTES:
            raise DocumentError(MSG_TOO_LARGE)
        return p.read_bytes()
    except OSError as exc:
        raise DocumentError(MSG_UNREADABLE.format(name=p, reason=exc.strerror or type(exc).__name__)) from exc


def _ole_message(data: bytes, suffix: str) -> str:
    """OLE compound files are legacy Office/WPS documents, or encrypted .docx (an OLE wrapper)."""
    if ENCRYPTED_OOXML in data:
        return MSG_ENCRYPTED_WORD
    if suffix.startswith(".wp"):
        return MSG_LEGACY_WPS
    return MSG_LEGACY_DOC


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- plain text -------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_UNCOMMON = re.compile(r"[^\x00-\x7f\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f]")


def decode_text(data: bytes) -> str:
    """Decode bytes whose encoding is unknown: BOM, then strict UTF-8, then GB18030, then a detector's guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _check_text(data[len(bom):].decode(encoding, errors="replace"))
    if data.count(b"\x00") > max(2, len(data) // 100):
        raise DocumentError(MSG_BINARY)
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _plausible_chinese(text):
            return _check_text(text)
    except UnicodeDecodeError:
        pass
    return _check_text(_detect(data))


def _detect(data: bytes) -> str:
    """charset-normalizer's best guess; GB18030 with replacement characters when it has none."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding, errors="replace")
        except LookupError:
            pass
    return data.decode("gb18030", errors="replace")


def _plausible_chinese(text: str) -> bool:
    """GB18030 accepts much byte soup; real Chinese text is mostly common ideographs, ASCII and punctuation."""
    if not text:
        return False
    return len(_UNCOMMON.findall(text)) <= len(text) * 0.05


def _check_text(text: str) -> str:
    if not text.strip():
        raise DocumentError(MSG_EMPTY)
    bad = len(_CONTROL.findall(text))
    if bad > max(3, len(text) // 20):
        raise DocumentError(MSG_BINARY)
    return text


# --- Word (.docx) -------------------------------------------------------------------------------

def read_docx(p: Path) -> str:
    """Paragraphs and tables in body order; a table row becomes one line with cells joined by ' | '."""
    _check_docx_size(p)
    try:
        import docx
        from docx.table import Table

        document = docx.Document(str(p))
        lines: list[str] = []
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(_paragraph_text(child))
            elif tag == "tbl":
                lines.extend(_table_lines(Table(child, document)))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, AttributeError) as exc:
        raise DocumentError(MSG_BROKEN_DOCX) from exc
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and lxml errors
        raise DocumentError(MSG_BROKEN_DOCX) from exc
    text = "\n".join(lines)
    if not text.strip():
        raise DocumentError(MSG_EMPTY_DOCX)
    return text


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}


def _paragraph_text(element: object) -> str:
    """A paragraph's text as python-docx gives it (text, tabs, line breaks), read straight from the XML:
    building a Paragraph object per paragraph cost most of the time on long documents."""
    out = []
    for node in element.iter(*_RUN_TEXT):  # type: ignore[attr-defined]
        fixed = _RUN_TEXT[node.tag]
        out.append(fixed if fixed is not None else node.text or "")
    return "".join(out)


def _check_docx_size(p: Path) -> None:
    """Refuse a .docx whose XML unpacks to more than MAX_DOCX_XML before python-docx builds a tree of it.

    A 100 KB file can unpack to tens of megabytes of XML; parsing that took minutes and most of a gigabyte.
    The sizes are read from the archive's directory, and each XML part is also read with a limit, since a
    directory can lie.
    """
    try:
        with zipfile.ZipFile(p) as archive:
            parts = [i for i in archive.infolist() if i.filename.endswith((".xml", ".rels"))]
            if sum(i.file_size for i in parts) > MAX_DOCX_XML:
                raise DocumentError(MSG_DOCX_TOO_LARGE.format(limit=MAX_DOCX_XML // 2**20))
            budget = MAX_DOCX_XML
            for info in parts:
                with archive.open(info) as stream:
                    while chunk := stream.read(1 << 20):
                        budget -= len(chunk)
                        if budget < 0:
                            raise DocumentError(MSG_DOCX_TOO_LARGE.format(limit=MAX_DOCX_XML // 2**20))
    except DocumentError:
        raise
    except Exception as exc:  # zipfile and zlib raise many types on broken archives
        raise DocumentError(MSG_BROKEN_DOCX) from exc


def _table_lines(table: object) -> list[str]:
    lines = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # Merged cells come back once per grid column; keep each underlying cell once.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(par.text.strip() for par in cell.paragraphs if par.text.strip()))
        if any(cells):
            lines.append(" | ".join(cells))
    return lines


# --- PDF ----------------------------------------------------------------------------------------



def read_pdf(p: Path) -> str:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(str(p)) as pdf:
            pages, has_images = [], False
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
                has_images = has_images or bool(page.images)
    except PdfminerException as exc:
        raise DocumentError(_pdf_error_message(exc)) from exc
    except Exception as exc:  # pdfminer raises many types on broken files
        raise DocumentError(_pdf_error_message(exc)) from exc
    if not any(page.strip() for page in pages):
        raise DocumentError(MSG_SCANNED_PDF if has_images else MSG_EMPTY_PDF)
    return "\n".join(reflow(page) for page in pages)


def _pdf_error_message(exc: Exception) -> str:
    chain = f"{exc!r} {exc.__cause__!r} {getattr(exc, 'args', '')}"
    if "Password" in chain or "Encrypt" in chain or "encrypt" in chain:
        return MSG_ENCRYPTED_PDF
    return MSG_BROKEN_PDF



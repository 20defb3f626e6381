"""The exporter base every floor uses: a downloadable format as a small class, streamed to disk when large, and
spreadsheet cells that can never become a formula. Every text passes `clean_for_document` first."""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
from copy import copy
from typing import BinaryIO

from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font

from tongxin.core.text import clean_for_document


class Exporter:
    """One downloadable format: a name, an extension, a content type and `render()` giving the file's bytes."""

    identifier: str = ""
    verbose_name: str = ""
    extension: str = ""
    content_type: str = "application/octet-stream"

    def filename_stem(self) -> str:
        raise NotImplementedError

    def render(self) -> bytes:
        raise NotImplementedError

    @property
    def filename(self) -> str:
        # Titles come from uploaded documents: keep them readable but never a path or a header break.
        stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", self.filename_stem()).strip(" ._") or self.identifier
        return f"{stem[:120]}.{self.extension}"

    def response(self) -> HttpResponse:
        response = HttpResponse(self.render(), content_type=self.content_type)
        response["Content-Disposition"] = content_disposition_header(True, self.filename)
        return response


class StreamedExporter(Exporter):
    """An exporter that writes into a file object, so a large file goes to disk, not into memory."""

    def write(self, fh: BinaryIO) -> None:
        raise NotImplementedError

    def render(self) -> bytes:
        buffer = io.BytesIO()
        self.write(buffer)
        return buffer.getvalue()

    def response(self) -> FileResponse:
        # Spooled to an anonymous temporary file that disappears when the response closes it.
        fh = tempfile.TemporaryFile(prefix="tongxin-")
        self.write(fh)
        fh.seek(0)
        return FileResponse(fh, as_attachment=True, filename=self.filename, content_type=self.content_type)


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXCEL_MAX_CHARS = 32767


def safe_cell(sheet, value, *, bold: bool = False, wrap: bool = False, number_format: str | None = None):
    """A write-only cell that can never become a formula: every string is stored as text.

    Text from a plan (or typed by a user) that starts with = + - @ or a tab/CR would be run as a formula by Excel
    or LibreOffice ("CSV/formula injection"). Such values are written as plain strings with the quote-prefix
    style, which also keeps them text when someone edits the cell.
    """
    cell = WriteOnlyCell(sheet)
    if isinstance(value, str):
        value = clean_for_document(value)[:EXCEL_MAX_CHARS]
        cell.value = value
        # openpyxl guesses formulas ("=…") and error codes ("#N/A") from the text; a string stays a string.
        cell.data_type = "s"
        if value.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True
    else:
        cell.value = value
    if bold:
        cell.font = Font(bold=True)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if number_format:
        cell.number_format = number_format
    return cell


class SafeCells:
    """Cells for one write-only sheet that can never become a formula, fast enough for 100 000 rows.

    Every string is written as text: one that starts like a formula (= + - @ tab CR) or is an error code also gets
    the quote prefix, as `safe_cell` does; text passes `clean_for_document` like every document's. The few styles a
    ledger uses are made once and copied into each cell, because setting a style on a cell looks it up in the
    workbook's tables every time, which would double the export's time.
    """

    def __init__(self, sheet):
        self.sheet = sheet
        wrap = Alignment(wrap_text=True, vertical="top")
        self.quoted = self._style(quotePrefix=True)
        self.wrapped = self._style(alignment=wrap)
        self.wrapped_quoted = self._style(alignment=wrap, quotePrefix=True)

    def _style(self, **attrs):
        cell = WriteOnlyCell(self.sheet)
        for name, value in attrs.items():
            setattr(cell, name, value)
        return cell._style

    def _cell(self, value, data_type: str, style):
        cell = WriteOnlyCell(self.sheet)
        cell._style = copy(style)
        cell._value = value
        cell.data_type = data_type
        return cell

    def text(self, value: str | None, *, wrap: bool = False):
        """A string as text (None for an empty one); a harmless short string goes in bare, which openpyxl keeps text."""
        if not value:
            return None
        value = clean_for_document(value)[:EXCEL_MAX_CHARS]
        if not value:
            return None
        risky = value.startswith(FORMULA_PREFIXES) or value in ERROR_CODES
        if wrap:
            return self._cell(value, "s", self.wrapped_quoted if risky else self.wrapped)
        return self._cell(value, "s", self.quoted) if risky else value

    @staticmethod
    def datetime(value: dt.datetime | None) -> dt.datetime | None:
        """Local time without a zone (Excel has none); openpyxl gives dates and times a date format itself."""
        return None if value is None else timezone.localtime(value).replace(tzinfo=None)

"""Reading a spreadsheet (.xlsx, .xls, .csv) into plain rows, refusing what cannot be read safely.

Every sheet becomes a `Sheet` of text rows with their row numbers as the user sees them; merged cells and formulas
are reported rather than guessed at, and a file with too many rows is refused before it is read in full."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

MAX_ROWS = 20_000  # per file; 300 units and 2,000 people and accounts is about 4,300
MAX_BYTES = 20 * 1024 * 1024
HEAD_SCAN = 6  # a roster may have a title line or two above its headings


class ReadError(Exception):
    """The file as a whole cannot be read; the message is for the person who uploaded it."""


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number, cells)
    merged: list[tuple[int, int, str]] = field(default_factory=list)  # (first row, last row, range)
    formulas: list[tuple[int, str]] = field(default_factory=list)  # (row number, cell reference)
    numeric_long: list[tuple[int, int]] = field(default_factory=list)  # (row, column) of long numbers stored as numbers


def _text(value, sheet: Sheet, row: int, col: int) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        if len(str(abs(value))) > 15:  # Excel keeps 15 significant digits: an 18-digit ID number has lost its tail
            sheet.numeric_long.append((row, col))
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def _too_many(name: str) -> ReadError:
    return ReadError(f"文件行数过多（“{name}”超过 {MAX_ROWS:,} 行）：请分成几个文件导入，每个不超过 {MAX_ROWS:,} 行。")


def read_file(name: str, data: bytes) -> list[Sheet]:
    if len(data) > MAX_BYTES:
        raise ReadError(
            f"文件太大（{len(data) // 1024 // 1024} MB），通讯录文件不能超过 {MAX_BYTES // 1024 // 1024} MB。"
        )
    if not data.strip():
        raise ReadError("文件是空的。")
    lower = name.lower()
    if lower.endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    if lower.endswith(".xls") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return _read_xls(data)
    if lower.endswith((".csv", ".txt")):
        return [_read_csv(data)]
    raise ReadError("只能导入 .xlsx、.xls 或 .csv 文件。")


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_ROW = re.compile(rb"<(?:\w+:)?row[ >]")
_CHUNK = 1 << 20


def _scan_sheet(zf: zipfile.ZipFile, path: str) -> tuple[int, list[tuple[int, int, str]]]:
    """Rows and merged ranges of one sheet from its XML, streamed in chunks: a file of 100,000 rows is refused
    before openpyxl parses it (openpyxl's read-only mode neither counts cheaply nor exposes merged cells)."""
    rows, merged, tail = 0, [], b""
    with zf.open(path) as fh:
        while chunk := fh.read(_CHUNK):
            data = tail + chunk
            cut = max(0, len(data) - 200)  # a tag split across two chunks is seen whole in the next round
            rows += len(_ROW.findall(data, 0, cut))
            merged += [
                (int(m[2]), int(m[4]), f"{m[1].decode()}{m[2].decode()}:{m[3].decode()}{m[4].decode()}")
                for m in _MERGE.finditer(data, 0, cut)
                if m.end() <= cut
            ]
            tail = data[cut:]
    rows += len(_ROW.findall(tail))
    merged += [
        (int(m[2]), int(m[4]), f"{m[1].decode()}{m[2].decode()}:{m[3].decode()}{m[4].decode()}")
        for m in _MERGE.finditer(tail)
    ]
    return rows, merged


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → the XML file inside the workbook, from workbook.xml and its relationships."""
    import xml.etree.ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    book = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for sheet in book.iterfind("m:sheets/m:sheet", ns):
        target = targets.get(sheet.get(rel_ns), "")
        out[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return out


def _read_xlsx(data: bytes) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        paths = _sheet_paths(zf)
        scans = {title: _scan_sheet(zf, path) for title, path in paths.items() if path in zf.namelist()}
    except (zipfile.BadZipFile, KeyError, SyntaxError, ValueError) as exc:
        raise ReadError("无法读取这个 .xlsx 文件：文件可能已损坏，或不是 Excel 文件。") from exc
    for title, (rows, _merged) in scans.items():
        if rows > MAX_ROWS + HEAD_SCAN:
            raise _too_many(title)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # a damaged or disguised file: openpyxl raises many kinds
        raise ReadError("无法读取这个 .xlsx 文件：文件可能已损坏，或不是 Excel 文件。") from exc
    sheets = []
    try:
        for ws in wb.worksheets:
            sheet = Sheet(ws.title)
            sheet.merged = scans.get(ws.title, (0, []))[1]
            for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS + HEAD_SCAN:
                    raise _too_many(ws.title)
                cells = []
                for col, value in enumerate(row):
                    if isinstance(value, str) and value.startswith("="):
                        sheet.formulas.append((number, f"{_col_letter(col)}{number}"))
                        value = ""
                    cells.append(_text(value, sheet, number, col))
                if any(cells):
                    sheet.rows.append((number, cells))
            sheets.append(sheet)
    finally:
        wb.close()
    return sheets


def _col_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col + 1)


def _read_xls(data: bytes) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:
        raise ReadError("无法读取这个 .xls 文件：文件可能已损坏，或不是 Excel 文件。") from exc
    sheets = []
    for sheet_name in wb.sheet_names:
        ws = wb.get_sheet_by_name(sheet_name)
        if ws.total_height > MAX_ROWS + HEAD_SCAN:
            raise _too_many(sheet_name)
        sheet = Sheet(sheet_name)
        for rng in ws.merged_cell_ranges or []:
            (r1, c1), (r2, c2) = rng
            sheet.merged.append((r1 + 1, r2 + 1, f"{_col_letter(c1)}{r1 + 1}:{_col_letter(c2)}{r2 + 1}"))
        first = ws.start[0] if ws.start else 0
        for i, row in enumerate(ws.to_python(skip_empty_area=False)):
            number = i + 1 if first == 0 else first + i + 1
            cells = [_text(v, sheet, number, c) for c, v in enumerate(row)]
            if any(cells):
                sheet.rows.append((number, cells))
        sheets.append(sheet)
    return sheets


_UNCOMMON = re.compile(r"[^\u0020-\u007e\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\s·—“”‘’…、]")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it is; GB18030 (covers GBK) when that reads as Chinese; otherwise
    charset-normalizer's guess. GB18030 accepts most byte soup, so its result is kept only if it looks like text."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if len(_UNCOMMON.findall(text)) <= len(text) * 0.05:
            return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or not best.encoding:
        raise ReadError("无法识别 .csv 文件的编码：请另存为 UTF-8 或 GBK 编码。")
    return data.decode(best.encoding, errors="replace")


def _read_csv(data: bytes) -> Sheet:
    text = decode(data)
    sample = text[:5000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    sheet = Sheet("CSV")
    for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        if number > MAX_ROWS + HEAD_SCAN:
            raise _too_many("CSV")
        cells = [c.strip() for c in row]
        for col, value in enumerate(cells):
            if value.startswith("="):
                sheet.formulas.append((number, f"{_col_letter(col)}{number}"))
                cells[col] = ""
        if any(cells):
            sheet.rows.append((number, cells))
    return sheet

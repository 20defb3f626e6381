"""Reading question banks from the files people already keep: spreadsheets (.xlsx/.xls/.csv) with columns 题型 题干
选项A–F 答案 解析 分类 难度 (or the 问卷星 exam-import layout), .docx and .txt with numbered questions
("1. 题干 A. … B. … 答案：B"). Parsing only: every row becomes a dict or a Chinese error naming the row; nothing is
written here (services.bank_import_commit writes all rows or none)."""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field

LETTERS = "ABCDEF"
TYPE_WORDS = {
    "单选": "single", "单选题": "single", "单项选择": "single", "单项选择题": "single", "single": "single",
    "多选": "multiple", "多选题": "multiple", "多项选择": "multiple", "多项选择题": "multiple", "multiple": "multiple",
    "判断": "judge", "判断题": "judge", "judge": "judge",
    "填空": "blank", "填空题": "blank", "blank": "blank",
}
TRUE_WORDS = {"对", "正确", "√", "✓", "是", "T", "TRUE", "Y"}
FALSE_WORDS = {"错", "错误", "×", "✗", "X", "否", "F", "FALSE", "N"}
HEADER_ALIASES = {
    "题型": "type", "题目类型": "type", "题干": "text", "题目": "text", "题目内容": "text", "试题": "text",
    "答案": "answer", "正确答案": "answer", "标准答案": "answer", "解析": "explanation", "答案解析": "explanation",
    "分类": "category", "题目分类": "category", "知识点": "category", "难度": "difficulty",
}
TEMPLATE_HEADERS = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "解析", "分类", "难度"]


@dataclass
class Parsed:
    rows: list[dict] = field(default_factory=list)  # {"line", "type", "text", "options", "answer", …}
    errors: list[str] = field(default_factory=list)
    near_duplicates: list[str] = field(default_factory=list)


def _header_key(cell: str) -> str | None:
    cell = re.sub(r"[\s（(].*$", "", str(cell or "").strip()) if "（" in str(cell) or "(" in str(cell) else str(
        cell or "").strip()
    if cell in HEADER_ALIASES:
        return HEADER_ALIASES[cell]
    match = re.fullmatch(r"(?:选项)?([A-Fa-f])", cell)
    return f"opt{match[1].upper()}" if match else None


def parse_answer(qtype: str, raw: str, n_options: int) -> list:
    """'ABD', 'A、B', 'a,b' → [0, 1, 3]; 对/错/√/× → [True]/[False]; blanks: '北京|北平' → ['北京', '北平']."""
    raw = str(raw or "").strip()
    if not raw:
        raise ValueError("答案为空")
    if qtype == "judge":
        word = raw.upper()
        if word in TRUE_WORDS or raw in TRUE_WORDS:
            return [True]
        if word in FALSE_WORDS or raw in FALSE_WORDS:
            return [False]
        raise ValueError(f"判断题答案“{raw}”应为 对/错 或 √/×")
    if qtype == "blank":
        return [part.strip() for part in re.split(r"[|｜;；]", raw) if part.strip()]
    letters = re.sub(r"[\s,，、;；/]", "", raw).upper()
    if not letters or any(ch not in LETTERS for ch in letters):
        raise ValueError(f"答案“{raw}”应为选项字母，如 A 或 ABD")
    indexes = sorted({LETTERS.index(ch) for ch in letters})
    if indexes[-1] >= n_options:
        raise ValueError(f"答案“{raw}”超出了已有的 {n_options} 个选项")
    if qtype == "single" and len(indexes) != 1:
        raise ValueError(f"单选题只能有一个答案，却写了“{raw}”")
    if qtype == "multiple" and len(indexes) < 2:
        raise ValueError(f"多选题至少两个答案，却写了“{raw}”")
    return indexes


def _row(line: int, record: dict) -> dict:
    """A raw record (strings) → a clean question dict; raises ValueError with a Chinese reason."""
    text = str(record.get("text") or "").strip()
    if not text:
        raise ValueError("题干为空")
    options = [str(record.get(f"opt{ch}") or "").strip() for ch in LETTERS]
    while options and not options[-1]:
        options.pop()
    if "" in options:
        raise ValueError("选项中间有空缺")
    type_word = str(record.get("type") or "").strip()
    qtype = TYPE_WORDS.get(type_word.replace("［", "").replace("］", "").strip("[]【】 "))
    if qtype is None and not type_word:  # no type column: guess from the options and answer
        answer = str(record.get("answer") or "").strip()
        if not options:
            qtype = "judge" if answer.upper() in TRUE_WORDS | FALSE_WORDS else "blank"
        else:
            qtype = "multiple" if len(re.sub(r"[^A-Fa-f]", "", answer)) > 1 else "single"
    if qtype is None:
        raise ValueError(f"题型“{type_word}”无法识别（应为单选、多选、判断或填空）")
    if qtype in ("single", "multiple") and len(options) < 2:
        raise ValueError("选择题至少需要两个选项")
    if qtype == "judge":
        options = ["正确", "错误"]
    answer = parse_answer(qtype, record.get("answer"), len(options))
    return {
        "line": line, "type": qtype, "text": text, "options": options if qtype != "blank" else [], "answer": answer,
        "explanation": str(record.get("explanation") or "").strip(),
        "category": str(record.get("category") or "").strip()[:50],
        "difficulty": str(record.get("difficulty") or "").strip()[:10],
    }


def _table_rows(table: list[list]) -> Parsed:
    parsed = Parsed()
    header_at = next((i for i, r in enumerate(table[:10]) if sum(_header_key(c) is not None for c in r) >= 2), None)
    if header_at is None:
        parsed.errors.append("找不到表头：第一行应包含“题型、题干、选项A…、答案”等列")
        return parsed
    keys = [_header_key(c) for c in table[header_at]]
    for number, cells in enumerate(table[header_at + 1:], start=header_at + 2):
        if not any(str(c or "").strip() for c in cells):
            continue
        record = {key: cells[i] for i, key in enumerate(keys) if key and i < len(cells)}
        try:
            parsed.rows.append(_row(number, record))
        except ValueError as error:
            parsed.errors.append(f"第 {number} 行：{error}")
    return parsed


QUESTION_RE = re.compile(r"^\s*(\d+)\s*[.、．)）]\s*(.+)$")
OPTION_RE = re.compile(r"([A-F])\s*[.、．:：)）]\s*")
ANSWER_RE = re.compile(r"^\s*(?:【?答案】?|正确答案)\s*[:：]?\s*(.+)$")
META_RE = re.compile(r"^\s*【?(解析|分类|难度|题型)】?\s*[:：]\s*(.*)$")


def _text_rows(text: str) -> Parsed:
    """Numbered questions; options on their own lines or on one line; 答案：B; optional 解析/分类/难度/题型 lines."""
    parsed, blocks, current = Parsed(), [], None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        head = QUESTION_RE.match(line)
        if head and not OPTION_RE.match(line.strip()):
            current = {"line": number, "lines": [head[2]]}
            blocks.append(current)
        elif current is not None:
            current["lines"].append(line.strip())
    for block in blocks:
        record, stem = {}, []
        for part in block["lines"]:
            if answer := ANSWER_RE.match(part):
                record["answer"] = answer[1].strip()
            elif meta := META_RE.match(part):
                record[{"解析": "explanation", "分类": "category", "难度": "difficulty", "题型": "type"}[meta[1]]] = meta[2]
            elif OPTION_RE.match(part):
                pieces = OPTION_RE.split(part)
                for letter, body in zip(pieces[1::2], pieces[2::2], strict=False):
                    record[f"opt{letter}"] = body.strip()
            elif not any(k.startswith("opt") for k in record):
                stem.append(part)
        record["text"] = re.sub(r"[（(]\s*[)）]\s*$", "（ ）", " ".join(stem)).strip()
        try:
            parsed.rows.append(_row(block["line"], record))
        except ValueError as error:
            parsed.errors.append(f"第 {block['line']} 行（第 {len(parsed.rows) + len(parsed.errors) + 1} 题）：{error}")
    if not blocks:
        parsed.errors.append("没有找到编号的题目（应为“1. 题干”开头）")
    return parsed


def read_bank(name: str, data: bytes) -> Parsed:
    """Parse an uploaded file by its extension; returns rows, row-level errors and near-duplicate warnings."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    try:
        if ext == "xlsx":
            import openpyxl

            sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
            parsed = _table_rows([list(r) for r in sheet.iter_rows(values_only=True)])
        elif ext == "xls":
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            parsed = _table_rows(book.get_sheet_by_index(0).to_python())
        elif ext == "csv":
            text = _decode(data)
            parsed = _table_rows(list(csv.reader(io.StringIO(text))))
        elif ext == "docx":
            import docx

            document = docx.Document(io.BytesIO(data))
            if document.tables and not any(QUESTION_RE.match(p.text) for p in document.paragraphs):
                table = document.tables[0]
                parsed = _table_rows([[c.text for c in row.cells] for row in table.rows])
            else:
                parsed = _text_rows("\n".join(p.text for p in document.paragraphs))
        elif ext == "txt":
            parsed = _text_rows(_decode(data))
        else:
            return Parsed(errors=["不支持的文件类型：请上传 .xlsx、.xls、.csv、.docx 或 .txt"])
    except Exception:  # a corrupt file is the uploader's problem to fix, not a 500
        return Parsed(errors=["文件无法读取：请确认文件未损坏且与扩展名一致"])
    parsed.near_duplicates = near_duplicates(parsed.rows)
    return parsed


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def _normal(text: str) -> str:
    return re.sub(r"[\s\W_（）()]+", "", text)


def near_duplicates(rows: list[dict], existing: list[str] = (), ratio: float = 0.9) -> list[str]:
    """Pairs of questions whose stems are nearly the same: bucketed by length so a 500-question bank stays quick."""
    seen: list[tuple[str, str]] = [(_normal(t), "题库已有") for t in existing]
    notes = []
    for row in rows:
        norm = _normal(row["text"])
        for other, where in seen:
            if abs(len(other) - len(norm)) <= max(3, len(norm) // 8) and (
                other == norm or difflib.SequenceMatcher(None, other, norm).quick_ratio() >= ratio
                and difflib.SequenceMatcher(None, other, norm).ratio() >= ratio
            ):
                notes.append(f"第 {row['line']} 行与{where}的题目近似：“{row['text'][:30]}”")
                break
        seen.append((norm, f"第 {row['line']} 行"))
    return notes


def template_xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "题库"
    sheet.append(TEMPLATE_HEADERS)
    sheet.append(["单选", "中华人民共和国成立于哪一年？", "1921年", "1949年", "1978年", "1997年", "", "", "B",
                  "1949年10月1日", "国史", "易"])
    sheet.append(["多选", "统一战线的“三大法宝”指的是？", "统一战线", "武装斗争", "党的建设", "土地革命", "", "",
                  "ABC", "", "统战知识", "中"])
    sheet.append(["判断", "中国人民政治协商会议是爱国统一战线组织。", "", "", "", "", "", "", "对", "", "统战知识", "易"])
    sheet.append(["填空", "新中国成立于____年。", "", "", "", "", "", "", "1949", "", "国史", "易"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

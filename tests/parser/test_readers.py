"""Reading files: encodings detected (never assumed), docx paragraphs and tables, PDFs, and clear Chinese errors."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tests.parser import makefiles
from tongxin.parser import DocumentError, parse_file, readers
from tongxin.parser.readers import read_document

PLAN = "一、活动安排\n（一）举办读书会。2019年6月，在市图书馆举办。（责任单位：市委统战部）\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_text_in_any_chinese_encoding_reads_the_same(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN.encode(encoding))
    assert read_document(path) == PLAN


def test_gb18030_only_characters_are_detected(tmp_path: Path) -> None:
    text = "一、关于䶮和𠀀的说明\n（一）活动安排。"  # outside GBK: needs GB18030's four-byte forms
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_document(path) == text


def test_windows_and_old_mac_newlines_become_line_feeds(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes("一、甲\r\n二、乙\r三、丙".encode("gbk"))
    assert read_document(path) == "一、甲\n二、乙\n三、丙"


def test_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(codecs.BOM_UTF8 + PLAN.encode())
    assert read_document(path)[0] == "一"


def test_docx_paragraphs_and_table_rows_in_order(tmp_path: Path) -> None:
    path = makefiles.write_docx(
        tmp_path / "plan.docx",
        ["某某县2021年工作要点", "一、重点任务"],
        [["序号", "工作任务", "牵头单位", "完成时限"], ["1", "开展涉企收费清理", "县发展改革局", "2021年9月底前"]],
    )
    assert read_document(path) == (
        "某某县2021年工作要点\n一、重点任务\n序号 | 工作任务 | 牵头单位 | 完成时限\n"
        "1 | 开展涉企收费清理 | 县发展改革局 | 2021年9月底前\n以上任务请认真落实。"
    )
    activity = parse_file(path).activities[0]
    assert (activity.number, activity.title.value, [r.name for r in activity.responsible]) == (
        "1", "开展涉企收费清理", ["县发展改革局"])


def test_pdf_text_layer_with_wrapped_lines_joined(tmp_path: Path) -> None:
    long_item = "（一）举办读书会活动。2019年6月中旬，在哈尔滨社会主义学院举办。（牵头领导：张圣合，责任科室：办公室）"
    path = makefiles.write_text_pdf(tmp_path / "plan.pdf", ["二、活动安排", long_item])
    result = parse_file(path)
    assert [r.name for r in result.activities[0].lead_leaders] == ["张圣合"]
    assert [r.name for r in result.activities[0].responsible] == ["办公室"]


@pytest.mark.parametrize(
    ("make", "name", "message"),
    [
        (lambda p: p.write_bytes(b""), "empty.txt", readers.MSG_EMPTY),
        (lambda p: p.write_bytes(b"  \n\n "), "blank.txt", readers.MSG_EMPTY),
        (lambda p: p.write_bytes(bytes(range(256)) * 20), "noise.txt", readers.MSG_BINARY),
        (lambda p: makefiles.write_ole(p), "old.doc", readers.MSG_LEGACY_DOC),
        (lambda p: makefiles.write_ole(p), "old.wps", readers.MSG_LEGACY_WPS),
        (lambda p: makefiles.write_ole(p, encrypted_docx=True), "locked.docx", readers.MSG_ENCRYPTED_WORD),
        (lambda p: p.write_text("<html>不是 Word</html>"), "saved-as.doc", readers.MSG_LEGACY_DOC),
        (lambda p: p.write_bytes(b"PK\x03\x04 broken zip"), "broken.docx", readers.MSG_BROKEN_DOCX),
        (lambda p: p.write_bytes(b"%PDF-1.4 nothing else"), "broken.pdf", readers.MSG_BROKEN_PDF),
        (lambda p: makefiles.write_scanned_pdf(p), "scan.pdf", readers.MSG_SCANNED_PDF),
        (lambda p: makefiles.write_encrypted_pdf(p), "locked.pdf", readers.MSG_ENCRYPTED_PDF),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200)), "picture.png", readers.MSG_UNKNOWN.format(suffix=".png")),
    ],
)
def test_bad_files_get_one_clear_chinese_message(tmp_path: Path, make, name: str, message: str) -> None:
    path = tmp_path / name
    make(path)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.message == message


def test_missing_and_directory_paths(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="找不到文件"):
        read_document(tmp_path / "nowhere.txt")
    with pytest.raises(DocumentError, match="不是文件"):
        read_document(tmp_path)


def test_too_large_files_are_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_BYTES", 10)
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.message == readers.MSG_TOO_LARGE


def test_empty_docx(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.message == readers.MSG_EMPTY_DOCX


def test_mixed_gbk_and_utf8_bytes_still_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("一、活动安排\n".encode("gbk") + "（一）举办读书会。\n".encode())
    text = read_document(path)
    assert text.startswith("一、活动安排")

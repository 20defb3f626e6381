"""`tongxin parse FILE [--json]`: JSON in the schema shape, a Chinese summary, and bad input without a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.parser import makefiles
from tongxin.cli import main as tongxin_main
from tongxin.parser import readers

REFERENCE = Path(__file__).resolve().parents[2] / "tongxin" / "examples" / "chifeng-2019-united-front-70th-plan.txt"


def test_json_output_is_one_schema_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert tongxin_main(["parse", str(REFERENCE), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["year"] == 2019
    assert doc["activities"][0]["title"] == "“同心学习·立德圆梦”双月读书会活动"
    assert doc["activities"][0]["evidence"]["lead_leaders"]


def test_summary_is_readable_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert tongxin_main(["parse", str(REFERENCE)]) == 0
    out = capsys.readouterr().out
    assert "发文单位：市委统战部" in out
    assert "  十一. 宗教界“守法规强教风·喜迎70年大庆”教风整治活动" in out
    assert "     牵头领导：郑江、乌力吉、张圣合" in out
    assert "可能重复的单位名称：党外知识分子联络中心 / 党外知识分子联络服务中心（未合并，请核对）" in out


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("empty.txt", lambda p: p.write_bytes(b""), readers.MSG_EMPTY),
        ("old.doc", makefiles.write_ole, readers.MSG_LEGACY_DOC),
        ("scan.pdf", makefiles.write_scanned_pdf, readers.MSG_SCANNED_PDF),
        ("locked.pdf", makefiles.write_encrypted_pdf, readers.MSG_ENCRYPTED_PDF),
        ("noise.txt", lambda p: p.write_bytes(bytes(range(256)) * 8), readers.MSG_BINARY),
    ],
)
def test_bad_input_gets_one_message_and_status_2(tmp_path: Path, name: str, make, message: str) -> None:
    path = tmp_path / name
    make(path)
    run = subprocess.run([sys.executable, "-m", "tongxin.cli", "parse", str(path), "--json"],
                         capture_output=True, text=True, timeout=120)
    assert (run.returncode, run.stdout, run.stderr) == (2, "", f"无法解析：{message}\n")

"""Real PDFs cut off at any byte: the reader never crashes; it reads text or refuses with one Chinese message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.parser import makefiles
from tests.parser.test_properties import assert_spans_point_at_their_text
from tongxin.parser import DocumentError, parse_text
from tongxin.parser.readers import read_document

CORPUS_PDFS = sorted((Path(__file__).parent / "corpus" / "docs").glob("*.pdf"))
_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Published PDFs of the corpus, and one made here (so the test never depends on the corpus alone)."""
    made = makefiles.write_text_pdf(tmp_path_factory.mktemp("pdf") / "made.pdf", [
        "关于举办统战干部培训班的通知", "一、培训时间", "2023年5月16日至18日", "二、培训地点", "县委党校三楼报告厅"])
    return [*CORPUS_PDFS[:3], made]


def assert_one_chinese_message(message: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message
    assert _CJK.search(message) and message.rstrip().endswith("。"), message


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(which=st.integers(min_value=0), cut=st.floats(min_value=0, max_value=1))
def test_truncated_pdf_reads_or_refuses_in_one_chinese_message(pdfs: list[Path], tmp_path: Path, which: int,
                                                                cut: float) -> None:
    data = pdfs[which % len(pdfs)].read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * cut)])
    try:
        text = read_document(path)
    except DocumentError as exc:
        assert_one_chinese_message(exc.message)
        return
    assert_spans_point_at_their_text(parse_text(text, filename="cut.pdf"))


def test_whole_pdfs_parse(pdfs: list[Path]) -> None:
    for path in pdfs:
        assert_spans_point_at_their_text(parse_text(read_document(path)))

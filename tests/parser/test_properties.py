"""No input makes the parser crash, and every span points at the text it claims to come from."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tongxin.parser import DocumentError, ParseResult, parse_text
from tongxin.parser.readers import decode_text

FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE = Path(__file__).resolve().parents[2] / "tongxin" / "examples" / "chifeng-2019-united-front-70th-plan.txt"
PLANS = [REFERENCE.read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
FRAGMENTS = [
    "一、", "（一）", "(二)", "1.", "1．", "（1）", "①", "第一章", "第二条", "第一阶段：", "活动一：", "几点说明：", "\n", "。", "，",
    "；", "：", "、", "（", "）", "〔", "〕", "[", "]", "“", "”", "牵头单位：", "责任单位:", "配合科室：", "牵头领导：", "市委统战部",
    "省大数据局牵头", "各有关部门配合", "分工负责", "等有关部门", "张圣合", "2019年", "6月中旬", "9月1日—9月10日", "年底前",
    "每两个月举办一期", "以“甲”“乙”为主题", "拟于", "前后", "“十·一”", "在哈尔滨社会主义学院", "举办培训班", "地点待定",
    "联系人：", "电话：0731-5551234", "传真", "邮箱：a@b.cn", "上一篇：", "打印本页", " ", "　", "|", "\t", "序号", "工作任务",
    "完成时限", "分为学习动员、整改提高两个阶段", "对干部进行培训", "列第一位者为牵头单位，下同", "报市委统战部",
]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_spans_point_at_their_text(result: ParseResult) -> None:
    text = result.text

    def inside(span: object) -> None:
        assert 0 <= span.start <= span.end <= len(text), span  # type: ignore[attr-defined]

    for activity in result.activities:
        inside(activity.span)
        inside(activity.title.span)
        for ref in (*activity.lead_leaders, *activity.responsible, *activity.cooperating):
            assert text[ref.span.start:ref.span.end] == ref.name
        for value in (*activity.places, *activity.participants, *activity.phases):
            assert text[value.span.start:value.span.end] == value.value
        for window in activity.windows:
            inside(window.span)
        for session in activity.sessions:
            inside(session.span)
    for item in (*result.sections, *result.requirements, *result.warnings, *result.contacts):
        inside(item.span)
    for hint in result.possible_duplicates:
        for name, span in zip(hint.names, hint.spans, strict=True):
            assert text[span.start:span.end] == name
    for dropped in result.boilerplate_dropped:
        assert text[dropped.span.start:dropped.span.end] == dropped.value
    if result.issuer:
        assert text[result.issuer.span.start:result.issuer.span.end] == result.issuer.value
    result.to_json()


@SETTINGS
@given(st.text())
def test_random_unicode_never_crashes(text: str) -> None:
    assert_spans_point_at_their_text(parse_text(text))


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join))
def test_plan_shaped_noise_never_crashes(text: str) -> None:
    assert_spans_point_at_their_text(parse_text(text))


@SETTINGS
@given(st.sampled_from(PLANS), st.floats(0, 1), st.floats(0, 1))
def test_truncated_and_cut_out_plans_never_crash(plan: str, a: float, b: float) -> None:
    start, end = sorted((int(a * len(plan)), int(b * len(plan))))
    assert_spans_point_at_their_text(parse_text(plan[:end]))
    assert_spans_point_at_their_text(parse_text(plan[start:end]))


def test_every_prefix_of_the_reference_plan() -> None:
    plan = PLANS[0]
    for end in range(0, len(plan), 97):
        assert_spans_point_at_their_text(parse_text(plan[:end]))


@SETTINGS
@given(st.sampled_from(PLANS), st.integers(0, 2000), st.sampled_from(["gbk", "gb18030", "utf-8", "utf-16-le", "big5"]),
       st.binary(max_size=40))
def test_mixed_encodings_decode_or_fail_cleanly(plan: str, cut: int, other: str, junk: bytes) -> None:
    head = plan[:cut].encode("gbk", errors="replace")
    tail = plan[cut:cut + 500].encode(other, errors="replace")
    try:
        text = decode_text(head + junk + tail)
    except DocumentError as exc:
        assert exc.message
        return
    assert_spans_point_at_their_text(parse_text(text))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.sampled_from([".txt", ".docx", ".pdf", ".doc", ".wps", ""]),
       st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf"]),
       st.binary(max_size=400))
def test_any_bytes_under_any_name_read_or_fail_with_a_message(tmp_path_factory, suffix: str, head: bytes,
                                                              body: bytes) -> None:
    from tongxin.parser import parse_file

    path = tmp_path_factory.mktemp("junk") / f"plan{suffix}"
    path.write_bytes(head + body)
    try:
        result = parse_file(path)
    except DocumentError as exc:
        assert exc.message and "\n" not in exc.message
        return
    assert_spans_point_at_their_text(result)

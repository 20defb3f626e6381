"""Single-event notices: the event's name and organiser from the opening sentence when the notice has no title."""

from __future__ import annotations

import re

from .model import RoleRef, Span, Valued
from .units import is_unit, split_units

_EVENT_NOUN = (
    r"会议|大会|现场会|年会|活动|比赛|大赛|竞赛|晚会|仪式|典礼|培训班|培训|座谈会|报告会|讲座|论坛|研讨会|交流会|运动会|联欢会|演出|展览"
    r"|表彰会|推进会|动员会|读书会|宣讲会|开班式|启动式|观摩会|测评会|考试|考核"
)
_VERB = r"(?:组织开展|联合举办|隆重举行|隆重召开|举办|举行|召开|开展|组织|进行)"
_HOW = r"(?:(?:于|在)[^,，。;；:：\n]{1,40}?)?"  # 于9月上旬在河北师范大学 …
# The event a notice is about, as its opening sentence names it:
#   为开好我校…会议 / 为成功举办…比赛 / 决定于9月上旬在X举办…活动 / 拟定于12月2日上午举办…运动会 / X将召开…大会;
#   …大会于2016年4月29日在济南召开 / …现场会初定于8月底9月初在临沂举行 (the name first).
_EVENT = re.compile(
    r"(?:为(?:了)?(?:开好|办好|成功举办|顺利举办|圆满举办|举办|召开|组织开展|开展|组织|举行|做好)"
    rf"|(?:决定|拟定?|定|将|计划|初定)(?:于|在)?{_HOW}{_VERB}"
    rf"|(?<=[,，。;；\n:：]){_HOW}{_VERB})"
    r"(?:好)?(?:我校|我市|我县|我区|我院|我局|本次|此次|本届|这次)?"
    rf"(?P<name>[^,，。;；:：\n]{{2,60}}?(?:{_EVENT_NOUN}))(?=[,，。;；\s]|的|$)"
    rf"|(?:^|(?<=[,，。;；\n:：]))(?P<first>[^,，。;；:：\n]{{2,60}}?(?:{_EVENT_NOUN}))"
    rf"(?:将|拟|定|初定|计划)?于[^,，。;；\n]{{2,40}}?(?:举办|举行|召开|进行)"
)
_NOTICE_NAME = re.compile(
    r"关于(?:组织开展|举办|举行|开展|召开|组织|参加|做好)?(?P<name>.+?)(?:报名|有关事项|相关事宜|有关事宜|工作)?的(?:预备|补充)?通知"
)


def is_notice(work: str, title: Valued | None) -> bool:
    """A notice (通知) by its title, or by the formula that opens its body (现将有关事项通知如下)."""
    opening = work[:3000]
    return bool(title and title.value.rstrip().endswith("通知")) or "通知如下" in opening or "事项如下" in opening


def notice_title(title: Valued | None) -> Valued | None:
    """关于举办XX的通知 → XX: the one event a single-event notice is about."""
    if title is None:
        return None
    m = _NOTICE_NAME.search(title.value)
    if not m:
        return None
    s, e = m.span("name")
    return Valued(title.value[s:e], Span(title.span.start + s, title.span.start + e))


def event_clause(text: str, work: str, start: int, end: int) -> tuple[Valued, tuple[int, int]] | None:
    """The event the opening of a notice names (without the verb that introduces it), and the clause naming it."""
    m = _EVENT.search(work, start, end)
    if not m:
        return None
    group = "name" if m.group("name") else "first"
    s, e = m.span(group)
    clause_start = max(work.rfind(ch, start, m.start()) for ch in ",，。;；\n") + 1
    stops = [i for i in (work.find(ch, m.end(), end) for ch in ",，。;；\n") if i >= 0]
    clause_end = min(stops) if stops else end
    return Valued(text[s:e], Span(s, e)), (max(clause_start, start), clause_end)


# The organiser as the sentence's subject: 集团工会决定组织开展…, 市直单位组织…, 省厅拟于6月下旬…组织….
_SUBJECT = re.compile(
    r"(?:^|(?<=[。;,\n:]))[ ]*(?!根据|按照|依据|为|在|经|由于|通过|结合|围绕|以|对|向|请)"
    r"(?P<units>[^,，。;；:：\n《“]{2,30}?)(?=研究决定|决定|将统一组织|统一组织|拟于|拟在|组织(?![部委:：\n]|$)|要组织|负责(?:本单位)?的?组织)"
)


def organisers(text: str, work: str, start: int, end: int) -> list[RoleRef]:
    """Units named as the subject of an organising sentence, where no role word names them (SCHEMA.md)."""
    out: list[RoleRef] = []
    for m in _SUBJECT.finditer(work, start, end):
        entries = split_units(work, m.start("units"), m.end("units"))
        if entries and all(is_unit(work[a:b]) for a, b in entries):
            out.extend(RoleRef(text[a:b], Span(a, b), "responsible") for a, b in entries)
    return out

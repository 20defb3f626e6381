"""Single-event notices: the event's name and organiser from the opening sentence when the notice has no title."""

from __future__ import annotations

import re

from .model import RoleRef, Span, Valued
from .units import is_unit, split_units

_EVENT_NOUN = (
    r"会议|活动|比赛|大赛|竞赛|晚会|仪式|典礼|培训班|培训|座谈会|报告会|讲座|论坛|研讨会|交流会|运动会|联欢会|演出|展览"
    r"|表彰会|推进会|动员会|读书会|宣讲会|开班式|启动式|观摩会|测评会|考试|考核"
)
# 为开好我校2015年…考核测评会议, 为成功举办…合唱比赛, 集团工会决定组织开展…活动: the event a notice is about.
_EVENT = re.compile(
    r"(?:为(?:了)?(?:开好|办好|成功举办|顺利举办|圆满举办|更好地?举办|举办|召开|组织开展|开展|组织|举行|做好)"
    r"|决定(?:于[^,，。]{2,20}?)?(?:组织开展|联合举办|举办|举行|召开|开展|组织))"
    r"(?:好)?(?:我校|我市|我县|我区|我院|我局|本次|此次|本届|这次)?"
    rf"(?P<name>[^,，。;；:：\n]{{2,60}}?(?:{_EVENT_NOUN}))(?=[,，。;；\s]|的|$)"
)
# The organiser as the sentence's subject: 集团工会决定组织开展…, 市直单位组织…, 省厅拟于6月下旬…组织….
_SUBJECT = re.compile(
    r"(?:^|(?<=[。;,\n:]))[ ]*(?!根据|按照|依据|为|在|经|由于|通过|结合|围绕)"
    r"(?P<units>[^,，。;；:：\n《“]{2,30}?)(?=决定|将统一组织|统一组织|拟于|拟在|组织(?![部委]))"
)


def event_name(text: str, work: str, start: int, end: int) -> Valued | None:
    """The event the opening of a notice names, without the verb that introduces it."""
    m = _EVENT.search(work, start, end)
    if not m:
        return None
    s, e = m.span("name")
    return Valued(text[s:e], Span(s, e))


def organisers(text: str, work: str, start: int, end: int) -> list[RoleRef]:
    """Units named as the subject of an organising sentence, where no role word names them (SCHEMA.md)."""
    out: list[RoleRef] = []
    for m in _SUBJECT.finditer(work, start, end):
        entries = split_units(work, m.start("units"), m.end("units"))
        if entries and all(is_unit(work[a:b]) for a, b in entries):
            out.extend(RoleRef(text[a:b], Span(a, b), "responsible") for a, b in entries)
    return out

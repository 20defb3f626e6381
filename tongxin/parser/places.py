"""Places: 地点：X fields, 在X举办/到X开展 phrases, and 地点待定 (a place still to be fixed)."""

from __future__ import annotations

import re

from .model import Span, Valued
from .units import split_units

_FIELD = re.compile(r"(?=[活会培集比举开地])(?:活动|会议|培训|集合|比赛|举办|开班)?地点(?:[ ]*:|为|设在|设于|在|定在)[ ]*(?P<v>[^。;\n]{2,80})")
_EVENT_VERBS = "举办|举行|召开|开展|参加|进行|集中|组织|观看|收看|集合|开班|上课|参观|学习|座谈|慰问|走访|调研|考察|交流|演出"
_PHRASE = re.compile(
    rf"(?=[在到赴])(?:在|到|赴)(?P<p>[^,;。\s在到赴、的]{{2,24}}?)(?:(?=(?:{_EVENT_VERBS}))|(?P<comma>,)(?=[^,;。]{{0,8}}?(?:对|组织|{_EVENT_VERBS})))"
)
# Before a comma only a name that reads as a place counts (在哈尔滨社会主义学院，对…进行培训).
_PLACE_SUFFIX = re.compile(
    r"(?:学院|学校|大学|党校|广场|中心|会议室|礼堂|大厅|馆|厅|场|室|楼|堂|大楼|校区|基地|村|社区|公园|门口|酒店|宾馆|剧院|中学|小学|园"
    r"|街道|路|镇|乡|县|市|区|旗|山|湖|院|所|站|址|纪念地|陵园|旧址|故居)$"
)
_NOT_PLACE_END = re.compile(
    r"(?:期间|方面|领域|基础上|之中|中|下|上|时|前|后|内|以来|过程|之际|当天|同时|阶段|环节|层面|范围|工作|活动|情况|旗帜)$"
)
_NOT_PLACE = re.compile(
    r"\d|[年月日号]$|^(?:此|这|那|其|全面|深入|进一步|各|本|做好|抓好|新|全|基层|农村|一线|线上|线下|网上|群众|干部)"
)
_LISTED = re.compile(
    rf"(?=[在到赴])(?:在|到|赴)(?P<p>[^,;。\s在到赴的]{{2,24}}?、[^,;。\s在到赴的]{{2,40}}?)(?:等地?)?(?=(?:{_EVENT_VERBS}))"
)
_KINDS_OF_PLACE = re.compile(r"等(?:场所|地方|区域|场地|地点|单位|部门)")
# 参观玉泉校区怡膳堂: a visit names where it goes, when the object reads as a place.
_VISITED = re.compile(r"(?=[参走前来])(?:参观|走进|前往|来到)(?P<p>[^,;。\s、的]{2,24}?)(?=[,;。\s]|$)")
_ASIDE = re.compile(r"\([^()]*\)")
PENDING = re.compile(r"地点(?:待定|另行通知|另定|另行确定|视情况而定|暂定)")


def find_places(text: str, work: str, start: int, end: int) -> list[Valued]:
    """Places named in [start, end), in order, each once."""
    found: list[tuple[int, int]] = []
    for m in _FIELD.finditer(work, start, end):
        if PENDING.match(work, m.start("v") - 3, m.end("v")) or work[m.start("v"):].startswith(("待定", "另行")):
            continue
        v_end = _cut_field(work, m.start("v"), m.end("v"))
        found.extend(split_units(work, m.start("v"), v_end) or [(m.start("v"), v_end)])
    for m in _PHRASE.finditer(work, start, end):
        p = work[m.start("p"):m.end("p")]
        if m.group("comma") and not _PLACE_SUFFIX.search(p):
            continue
        bare = _ASIDE.sub("", p)  # 山东省文化馆（济南市经十一路14号）: an address in brackets is no date
        if not _NOT_PLACE_END.search(bare) and not _NOT_PLACE.search(bare):
            found.append(m.span("p"))
    for m in _LISTED.finditer(work, start, end):  # 到革命烈士陵园、抗战纪念地等开展
        if _KINDS_OF_PLACE.search(m.group("p")):  # 在居民楼、酒店等场所: kinds of place, not places
            continue
        for a, b in split_units(work, *m.span("p")):
            name = work[a:b]
            if _PLACE_SUFFIX.search(name) and not _NOT_PLACE.search(name) and not _NOT_PLACE_END.search(name):
                found.append((a, b))
    for m in _VISITED.finditer(work, start, end):
        if _PLACE_SUFFIX.search(m.group("p")) and not _NOT_PLACE.search(m.group("p")):
            found.append(m.span("p"))
    out: list[Valued] = []
    seen: set[str] = set()
    for s, e in sorted(found):
        name = text[s:e]
        if name not in seen:
            seen.add(name)
            out.append(Valued(name, Span(s, e)))
    return out


def _cut_field(work: str, start: int, end: int) -> int:
    """A field value stops at a following field (,时间:…) and before a bracketed aside."""
    m = re.search(r"[,，][^,，:]{1,8}:|[(（]", work[start:end])
    return start + m.start() if m else end


def place_pending(work: str, start: int, end: int) -> bool:
    return bool(PENDING.search(work, start, end))

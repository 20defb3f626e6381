"""Titles derived from a sentence (对X进行培训 → X培训) and an item's sessions: sub-events and recurring themes."""

from __future__ import annotations

import re
from collections.abc import Callable

from . import timebridge
from .model import Recurrence, Session, Span, Valued, Window
from .places import find_places

_BRACKETED = re.compile(r"\([^()]*(?:\([^()]*\)[^()]*)*\)|\[[^\[\]]*\]")
_MASK = "□"
_SENTENCE = re.compile(
    r"(?=[。;\n一二三四五六七八九十其])(?:[。;\n]|(?<![一二三四五六七八九十])(?=(?:[一二三四五六七八九十]|其[一二三四五])是))"
)
_GENERIC = re.compile(r"(?:专题|集中|业务|主题|教育|专门)?(?:培训班|培训|座谈会|座谈|讲座|会议|学习|研讨会|研讨|交流会|活动|调研)")
_RULES = (
    # 对X进行培训 → X培训
    ("join", re.compile(r"对(?P<x>[^,;。对]{2,80}?)进行(?P<z>[^,;。]{2,20})")),
    # 组织X，在Y举办培训班 → X培训班 (a generic event is named by whom it is for)
    ("pick", re.compile(r"组织(?P<x>[^,;。]{2,40}?),?(?:在|到|赴)(?P<y>[^,;。]{2,20}?)(?:举办|举行|开展|参加|进行)(?P<z>[^,;。]{2,30})")),
    ("pick", re.compile(r"组织(?P<x>[^,;。]{2,40}?)(?:进行|参加|开展)(?P<z>[^,;。]{2,30})")),
    # “…”主题征文活动
    ("whole", re.compile(
        r"[“《][^”》]{1,40}[”》][^,;。]{0,30}(?:活动|征文|比赛|大赛|竞赛|竞答|晚会|座谈会|培训班|培训|讲座|展览|展演|仪式|评选"
        r"|论坛|研讨会|宣讲|演出|专题片|微视频|慰问|走访|读书会|报告会|主题教育|志愿服务)")),
    ("z", re.compile(r"(?:组织开展|开展|举办|举行|召开|组织|进行|参加)(?P<z>[^,;。]{2,30})")),
)
_DEEP_INTO = re.compile(r"深入(?P<y>(?!开展|学习|贯彻|推进|了解|实施|研究|调查|挖掘)[^,;。]{2,10}?),")
_GROUP_PREFIX = re.compile(r"^(?:我市|全市|我县|全县|我区|全区|本市|各级|广大|全体)*各?")
_TIME_ONLY = re.compile(r"^[\d年月日号上中下旬午晚早时分点:至到\-—~、及和前后底初末期间周星期一二三四五六七八九十〇零()\s]+$")
_THEMES = re.compile(r"以(?P<list>(?:[“《][^”》]{2,40}[”》][、,]?){2,})为(?:主题|题)")
_THEME = re.compile(r"[“《]([^”》]{2,40})[”》]")


def flat(work: str, start: int, end: int) -> str:
    """The span with bracketed asides blanked out (same length), so clause patterns skip them."""
    return _BRACKETED.sub(lambda m: _MASK * len(m.group()), work[start:end])


def derive_title(text: str, work: str, start: int, end: int) -> Valued | None:
    """A short name for what a passage does, from the first sentence a rule understands."""
    first: tuple[int, int] | None = None
    for s, e in sentences(work, start, end):
        found = title_from_sentence(text, work, s, e)
        if found:
            return found
        if first is None and not _TIME_ONLY.match(work[s:e].strip()):
            first = (s, e)
    if first is None:
        return None
    s, e = _strip_clause(work, *first)
    return Valued(text[s:e], Span(s, e)) if s < e else None


def sentences(work: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _SENTENCE.finditer(work, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end() if m.group() else m.start()
    if pos < end:
        out.append((pos, end))
    return [(s, e) for s, e in out if work[s:e].strip()]


def title_from_sentence(text: str, work: str, start: int, end: int) -> Valued | None:
    f = flat(work, start, end)
    for kind, rule in _RULES:
        m = rule.search(f)
        if not m:
            continue
        value = _compose(text, start, m, kind)
        if not value:
            continue
        deep = _DEEP_INTO.search(f, 0, m.start() + 1)
        if deep and kind != "join":
            value = text[start + deep.start("y"):start + deep.end("y")] + value
            return Valued(value, Span(start + deep.start(), start + m.end()))
        return Valued(value, Span(start + m.start(), start + m.end()))
    return None


def _compose(text: str, start: int, m: re.Match[str], kind: str) -> str:
    masked = m.string

    def grab(name: str) -> str:  # the original characters, without the bracketed asides masked in the match
        return "".join(text[start + i] for i in range(m.start(name), m.end(name)) if masked[i] != _MASK)

    def clean_group(s: str) -> str:
        return _GROUP_PREFIX.sub("", _BRACKETED.sub("", s)).strip()

    if kind == "whole":
        return text[start + m.start():start + m.end()]
    z = _trim_object(grab("z"))
    if kind == "join":
        return clean_group(grab("x")) + z if z else ""
    if kind == "pick":
        return clean_group(grab("x")) + z if _GENERIC.fullmatch(z) else z
    return z


def _trim_object(z: str) -> str:
    z = re.sub(r"\([^)]*\)|（[^）]*）|\[[^\]]*\]", "", z)
    return z.strip(" ,，。;；")


def _strip_clause(work: str, start: int, end: int) -> tuple[int, int]:
    comma = work.find(",", start, end)
    if comma > start:
        end = comma
    while start < end and work[start] in " ,;:":
        start += 1
    return start, end


def sub_event_sessions(text: str, work: str, parts: list[tuple[int, int]],
                       windows_in: Callable[[int, int], list[Window]]) -> list[Session]:
    """One session per sentence group that carries its own dated (non-deadline) window, when there are several.

    Each sentence is read on its own (windows_in), so that two sub-events on the same day are both seen."""
    groups: list[tuple[int, int, Window]] = []
    for a, b in parts:
        for s, e in sentences(work, a, b):
            inside = [w for w in windows_in(s, e) if w.start and w.end and not w.deadline]
            if inside:
                groups.append((s, e, inside[0]))
            elif groups and groups[-1][1] <= s:
                groups[-1] = (groups[-1][0], e, groups[-1][2])
    if len(groups) < 2:
        return []
    sessions = []
    for s, e, window in groups:
        title = derive_title(text, work, s, e)
        if title is None or _TIME_ONLY.match(title.value):
            return []  # a dated line that names nothing to do: these are not sub-events
        places = find_places(text, work, s, e)
        sessions.append(Session(
            title=title.value, start=window.start, end=window.end, span=Span(s, e),
            place=places[0].value if places else None, place_span=places[0].span if places else None,
        ))
    # Several sub-events: on different days, or on one day in different places (10:00 在A开幕式，14:00 在B大会).
    places = [x.place for x in sessions]
    if len({(x.start, x.end) for x in sessions}) < 2 and (None in places or len(set(places)) < len(places)):
        return []
    return sessions


def recurring_sessions(text: str, work: str, parts: list[tuple[int, int]], recurrence: Recurrence | None,
                       windows: list[Window], errors: timebridge.TimeErrors) -> list[Session]:
    """每两个月举办一期，依次以“A”“B”…为主题 → one session per theme, spread evenly over the item's window."""
    if recurrence is None:
        return []
    window = next((w for w in windows if w.start and w.end and not w.deadline), None)
    if window is None or window.start is None or window.end is None:
        return []
    for a, b in parts:
        m = _THEMES.search(work, a, b)
        if not m:
            continue
        themes = list(_THEME.finditer(work, m.start("list"), m.end("list")))
        dates = timebridge.spread_sessions(window.start, window.end, len(themes), errors)
        return [Session(title=text[t.start(1):t.end(1)], start=d[0], end=d[1], span=Span(*t.span(1)))
                for t, d in zip(themes, dates, strict=False)]
    return []

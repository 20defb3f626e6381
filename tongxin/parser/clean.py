"""Length-preserving clean-up: a half-width working copy, web/print boilerplate ranges and paragraph spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markers import INLINE_MARKER, marker_value

# Full-width ASCII, ideographic space and 〔〕 map one-to-one onto half-width characters, so every offset
# in the working copy is an offset in the original text.
_FULL = "".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "\u3000\u00a0\ufeff\u2002\u2003\u2009\u202f〔〕［］—―─"
_HALF = "".join(chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)) + "       ()[]---"
_HALF_OF = dict(zip(_FULL, _HALF, strict=True))
_FULL_RE = re.compile("[" + re.escape(_FULL) + "]")

# Whole lines of furniture. The lookahead on the first character lets the scan skip ordinary lines cheaply.
_LINE_BOILERPLATE = re.compile(
    r"[ ]*(?=[上下抄发浏点阅访责文信来当您\-第\d(【打关收])(?:"
    r"(?:上一篇|下一篇|上一条|下一条|上一页|下一页)\s*[:：]?.*"
    r"|抄送\s*[:：].*"
    r"|(?:发布时间|发布日期|发文日期|浏览次数|点击数|点击次数|阅读次数|访问次数|责任编辑|文章来源|信息来源|来源)\s*[:：].{0,60}"
    r"|当前位置\s*[:：].*|您现在的位置\s*[:：].*"
    r"|[-]\s*\d{1,3}\s*[-]|-{4,}|第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3}"
    r"|\(此件(?:公开发布|不公开)\)|【?\s*(?:打印|关闭|收藏)\s*】?"
    r")[ ]*"
)
# The print line (山东省人民政府办公厅2019年3月15日印发) is found by its end, then taken from the line start.
_PRINTED_END = re.compile(r"(?m)\d{4}[ ]*年[ ]*\d{1,2}[ ]*月[ ]*\d{1,2}[ ]*日[ ]*印发[ ]*$")
# A document number on a line of its own (校党办〔2016〕2 号): furniture above the salutation.
_DOC_NUMBER = re.compile(r"[ ]*[\u4e00-\u9fff]{1,12}\([12]\d{3}\)[ ]*\d{1,4}[ ]*号[ ]*")
_INLINE_BOILERPLATE = re.compile(
    r"(?=[【扫返打关收加分相上下抄发浏点])(?:"  # every alternative starts with one of these: a cheap first test
    r"(?:【\s*)?(?:扫一扫在手机(?:上)?打开当前页|返回顶部|打印本页|关闭窗口|打印|关闭|收藏本页|加入收藏)[ \t]*】"
    r"|扫一扫在手机(?:上)?打开当前页|返回顶部|打印本页|关闭窗口|【\s*字体\s*[:：][^】]{0,12}】"
    r"|分享到\s*[:：]?|相关解读\s*$|(?:上一篇|下一篇)\s*[:：].*$"
    r"|抄送\s*[:：].*?(?=[^\n。]{2,40}\d{4}年\d{1,2}月\d{1,2}日印发|$)"
    r"|(?:发布时间|浏览次数|点击数)\s*[:：]\s*[\d\-: ]+)",
    re.M,
)
_SPACE_BREAK = re.compile(r"(?<=[\u4e00-\u9fff\u3000-\u303f“”‘’《》)\]:;,!?])[ ]+(?=[\u4e00-\u9fff(\[“《【])")
_BREAK_BEFORE = "。;；!！?？:：)）"
_DISTINCT = {"pcn", "par", "circ", "ar", "act", "stage"}  # rarely anything but numbering, even glued to text
# Flattened texts also glue a label heading (几点说明:) or the signature and date to the sentence before.
_GLUED_LABEL = re.compile(r"。(?=(?:几点|有关|其他|注意)?(?:说明|要求|事项):)")
_GLUED_SIGNATURE = re.compile(r"。(?P<unit>[^。,:;]{2,30}?)(?P<date>\d{4}年\d{1,2}月\d{1,2}日)$")
_FIELD_AFTER = re.compile(r"[\u4e00-\u9fff]{2,6}:")  # 一、时间: opens a field heading
_LIST_NEXT = re.compile(r"[一二三四五六七八九十\d]{1,2}[、.等]")
_LONG_LINE = 150
_BARE_MARKER = re.compile(r"[ ]*(?:第[一二三四五六七八九十百零〇两\d]{1,4}[章条节部分]{1,2}|[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十\d]{1,3}\))[ ]*")


@dataclass(frozen=True)
class Cleaned:
    text: str
    work: str  # half-width, boilerplate blanked; same length as text
    boilerplate: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]


def half_width(text: str) -> str:
    """Full-width ASCII, ideographic space and 〔〕 as half-width characters, one for one (str.translate is slower)."""
    return _FULL_RE.sub(lambda m: _HALF_OF[m.group()], text)


def clean(text: str) -> Cleaned:
    work = half_width(text)
    boiler = find_boilerplate(work)
    pieces, pos = [], 0
    for start, end in boiler:  # a blanked range also ends the paragraph around it
        pieces += [work[pos:start], "\n" * (end - start)]
        pos = end
    masked = "".join(pieces) + work[pos:]
    return Cleaned(text=text, work=masked, boilerplate=boiler, paragraphs=paragraphs(masked))


def find_boilerplate(work: str) -> list[tuple[int, int]]:
    """Ranges of web-page and print furniture; the text stays, the ranges are left out of every paragraph."""
    found = []
    pos = 0
    for line in work.split("\n"):  # matching line by line beats a multiline ^ tried at every position
        m = _LINE_BOILERPLATE.fullmatch(line) or _DOC_NUMBER.fullmatch(line)
        if m and line.strip():
            found.append((pos, pos + len(line)))
        pos += len(line) + 1
    for m in _PRINTED_END.finditer(work):
        line_start = max(work.rfind("\n", 0, m.start()), work.rfind("。", 0, m.start())) + 1
        if 2 <= m.start() - line_start <= 60:
            found.append((line_start, m.end()))
    found += [m.span() for m in _INLINE_BOILERPLATE.finditer(work)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        while start < end and work[start].isspace():
            start += 1
        while end > start and work[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def paragraphs(work: str) -> list[tuple[int, int]]:
    """Paragraph spans: lines, further split where a flattened text lost its breaks (spaces, inline numbering)."""
    out: list[tuple[int, int]] = []
    seen: dict[str, int] = {}
    pos = 0
    for line in work.split("\n"):
        cuts = _line_cuts(line, seen)
        for a, b in zip(cuts, cuts[1:], strict=False):
            _append_stripped(out, work, pos + a, pos + b)
        pos += len(line) + 1
    return out


def _line_cuts(line: str, seen: dict[str, int]) -> list[int]:
    """Where a line holds several paragraphs: at spaces between sentences, and at numbering that continues
    the document's sequence (after a sentence end or a space; with nothing before it, only when it is the
    next number, or a first number just after a heading)."""
    cuts = {0, len(line)}
    if len(line) > _LONG_LINE:
        spaced = [m.end() for m in _SPACE_BREAK.finditer(line)]
        # 第十条　 对…: the space after a bare numbering marker separates it from its own sentence.
        cuts.update(c for i, c in enumerate(spaced) if not _BARE_MARKER.fullmatch(line, spaced[i - 1] if i else 0, c))
        cuts.update(m.end() for m in _GLUED_LABEL.finditer(line))
        cuts.update(x for m in _GLUED_SIGNATURE.finditer(line) for x in (m.start("unit"), m.start("date")))
    last_cut = 0
    for m in INLINE_MARKER.finditer(line):
        style, value = marker_value(m)
        at = m.start("marker")
        prev = at - 1
        while prev >= 0 and line[prev] == " ":
            prev -= 1
        last = seen.get(style)
        follows = last is not None and value == last + 1
        if prev < 0 or at in cuts or line[prev] in _BREAK_BEFORE or prev < at - 1:
            accept = value == 1 or follows or prev < 0 or at in cuts
        elif line[prev] == "、" or _LIST_NEXT.match(line, m.end()):
            accept = False  # 一、二、三等奖 is a list of numbers, not numbering
        elif style in ("act", "stage") and not line.startswith(":", m.end()):
            accept = False  # 在第一阶段中: only 第一阶段： opens a heading
        else:  # glued to the text before it
            first = value == 1 and at - last_cut <= 40
            opening = value == 1 and last is None and at <= 80  # the first heading right after a title
            field = bool(_FIELD_AFTER.match(line, m.end()))
            skipped = last is not None and last < value <= last + 3 and field  # 三、活动时间…五、活动地点:
            accept = follows or opening or skipped or (first and (style in _DISTINCT or field))
        if accept:
            seen[style] = value
            cuts.add(at)
            last_cut = at
    return sorted(cuts)


def _append_stripped(out: list[tuple[int, int]], work: str, start: int, end: int) -> None:
    while start < end and work[start].isspace():
        start += 1
    while end > start and work[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))

"""Document-level facts: the title, the closing block (signature, date, contacts), the issuer and the plan year."""

from __future__ import annotations

import re
from collections import Counter

from .clean import Cleaned
from .markers import HEAD_MARKER
from .model import Span, Valued
from .units import is_unit

_GENRE = (r"(?:方案|通知|意见|计划|要点|安排|办法|规划|决定|通报|细则|规则|纲要|预案|指南|函|公告|倡议书|实施意见|若干措施|措施)"
          r"(?:\([^)]{0,20}\))?")
_TITLE = re.compile(rf"^[^。!?]{{4,80}}?{_GENRE}$")
_TITLE_ISSUER = re.compile(
    r"(?P<u>[^ ,，、“]{2,30}?)(?=关于|\d{4}年|[一二][〇○零一二三四五六七八九]{3}年|“|印发|庆祝|纪念|开展|举办|组织|迎接|喜迎"
    r"|深入|推进|实施|学习|加强|做好)"
)
_DATE_LINE = re.compile(r"^(?:\d{4}|[一二][〇○零一二三四五六七八九]{3})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$")
_CLOSING_LINE = re.compile(
    r"^(?:联系人|联系电话|电话|手机|传真|邮箱|电子邮箱|E-?mail|地址|邮编|附件|联系方式|QQ|微信)[ ]*[:：]?|^\(此件|^\d{4}-\d{1,2}-\d{1,2}$",
    re.I,
)
_PRINTED = re.compile(r"(?P<u>[^\n。]{2,40}?)\d{4}[ ]*年[ ]*\d{1,2}[ ]*月[ ]*\d{1,2}[ ]*日[ ]*印发")
_YEAR = re.compile(r"(?<![\d〔\[(])(20\d{2}|19\d{2})(?:年|\s*[-—–~至]\s*(?:20|19)\d{2}年)")


def document_title(doc: Cleaned) -> Valued | None:
    """The first paragraph when it reads as a document title (…方案 / 关于…的通知)."""
    for s, e in doc.paragraphs[:2]:
        line = doc.work[s:e]
        if _TITLE.match(line) and "," not in line and not HEAD_MARKER.match(line):
            return Valued(doc.text[s:e], Span(s, e))
    if len(doc.paragraphs) >= 2:  # 关于召开民盟山东省委 / 社会服务工作现场会的预备通知: a title set on two lines
        (s, e), (s2, e2) = doc.paragraphs[:2]
        joined = doc.work[s:e] + doc.work[s2:e2]
        if doc.work.startswith("关于", s) and e - s <= 30 and _TITLE.match(joined) and "," not in joined \
                and doc.work[e:s2].strip() == "":
            return Valued(doc.text[s:e] + doc.text[s2:e2], Span(s, e2))
    return None


def closing_start(doc: Cleaned) -> int:
    """Index of the first paragraph of the closing block: signature, date and contact lines at the very end."""
    paras = doc.paragraphs
    i = len(paras)
    while i > 1:
        s, e = paras[i - 1]
        line = doc.work[s:e].strip()
        if _DATE_LINE.match(line) or _CLOSING_LINE.match(line) or (len(line) <= 30 and _is_signature(line)):
            i -= 1
            continue
        break
    return i


def _is_signature(line: str) -> bool:
    return is_unit(line) and not re.search(r"[,，。;；:：、]", line) and not HEAD_MARKER.match(line)


def _organ_line(doc: Cleaned, title: Valued) -> Valued | None:
    """中共某某县委办公室 某某县人民政府办公室 above 关于印发…的通知: the first organ issued it."""
    before = [(s, e) for s, e in doc.paragraphs if e <= title.span.start]
    if not before:
        return None
    s, e = before[-1]
    first = doc.work[s:e].split(" ")[0]
    if 2 < len(first) <= 30 and _is_signature(first):
        return Valued(doc.text[s:s + len(first)], Span(s, s + len(first)))
    return None


def signature(doc: Cleaned, closing: int) -> Valued | None:
    for s, e in doc.paragraphs[closing:]:
        line = doc.work[s:e]
        if len(line) <= 30 and _is_signature(line):
            return Valued(doc.text[s:e], Span(s, e))
    return None


def issuer(doc: Cleaned, title: Valued | None, closing: int) -> Valued | None:
    """Who issued the plan: named in the title, on the organ line above it, in the signature or the print line."""
    if title:
        for m in _TITLE_ISSUER.finditer(doc.work, title.span.start, title.span.end):
            if m.start() == title.span.start and is_unit(m.group("u")):
                return Valued(doc.text[m.start("u"):m.end("u")], Span(*m.span("u")))
        organ = _organ_line(doc, title)
        if organ:
            return organ
    sign = signature(doc, closing)
    if sign:
        return sign
    for s, e in doc.boilerplate:
        printed = _PRINTED.match(doc.text, s, e)  # the working copy has boilerplate blanked out
        if printed and is_unit(printed.group("u").strip()):
            a, b = printed.span("u")
            raw = doc.text[a:b]
            a, b = a + len(raw) - len(raw.lstrip()), b - (len(raw) - len(raw.rstrip()))
            return Valued(doc.text[a:b], Span(a, b))
    return None


def fallback_year(doc: Cleaned) -> int | None:
    """The most frequent explicit year (document numbers 〔2011〕 excluded)."""
    counts = Counter(int(m.group(1)) for m in _YEAR.finditer(doc.work))
    if not counts:
        return None
    best = max(counts.values())
    return max(year for year, n in counts.items() if n == best)


_ANY_YEAR = re.compile(
    r"(?=[12１２一二今明去本次翌])(?:(?<![0-9０-９])([1-2１２][0-9０-９]{3})(?=[年\-－./．]|\s*[-－—–~]\s*[0-9０-９])|([一二][〇○零一二三四五六七八九]{3})年"
    r"|(?P<rel>[今明去本次翌]年))"
)
_DIGITS = str.maketrans("〇○零一二三四五六七八九０１２３４５６７８９", "0001234567890123456789")


def stated_years(text: str) -> set[int] | None:
    """Every year written in the text, boilerplate included (a superset of what the time normaliser counts);
    None if a relative year (今年, 次年 …) appears, since only the normaliser can resolve those."""
    years: set[int] = set()
    for m in _ANY_YEAR.finditer(text):
        if m.group("rel"):
            return None
        years.add(int((m.group(1) or m.group(2)).translate(_DIGITS)))
    return years


def title_year(title: Valued | None) -> int | None:
    """The year a title names; of a range (2021—2023年) the first."""
    if title:
        m = _YEAR.search(title.value)
        if m:
            return int(m.group(1))
    return None

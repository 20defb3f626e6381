"""Precompiled regular expressions for time phrases: tokens, the connectors between them, prefixes and suffixes."""

from __future__ import annotations

import re

from tongxin.parser.holidays import ALIASES, AMBIGUOUS

_SP = r"[ \t\u3000]?"  # text extracted from PDF or Word often has a space between a number and its unit
# A number must not continue a longer one (二十一 is not 一, 13月 is not 3月) nor follow 每/个/几; its value is
# checked in Python (a month is 1–12), which is simpler and faster than spelling every range out in the regex.
_NUM = (
    r"第?(?:[0-9](?<![0-9.][0-9])[0-9]{0,3}"
    r"|[〇○零OＯ一二三四五六七八九十廿卅](?<![〇○零一二两三四五六七八九十百千万几每个多].)[〇○零OＯ一二三四五六七八九十廿卅]{0,3})"
)
_LIST_SEP = rf"{_SP}(?:以及|[、和及与或至到—–\-－~～])+{_SP}"
# 初 as in 年初/月初, not 初步/初见成效/初心.
_EARLY = "初(?![步见始衷心次稿审])"
_MONTH_PART = rf"上中旬|中下旬|上旬|中旬|下旬|{_EARLY}|底|末|中(?=[，。；、,;]|前|以前|之前|左右|前后|至|到|—|$)"


def _trie(words: list[str]) -> str:
    """An alternation of literal words with shared prefixes factored out (元(?:旦|宵节?)), longest first.

    Tried at many positions of a text, a flat list of sixty words costs a comparison per word; the trie costs one.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


_QUOTES_OPEN, _QUOTES_CLOSE = "“\"「‘'", "”\"」’'"
_HOLIDAY_FIRST = "".join(sorted({w[0] for w in ALIASES} | set(_QUOTES_OPEN)))
_HOLIDAY_CONTEXT = (
    r"(?=节|国庆|劳动|青年|儿童|妇女|建党|建军|前后|前夕|期间|假期|长假|小长假|黄金周|当天|当日|之际"
    r"|前(?![往进行列沿提景期身线台端置瞻者述款言面头所任]))"
)
# Every ambiguous name is two characters long, so "not after X" is a lookbehind over X and the name.
_AMBIGUOUS_WORDS = _trie(sorted(AMBIGUOUS))
assert all(len(word) == 2 for word in AMBIGUOUS)
_HOLIDAY = (
    # Quoted, any name: “十一”, “七一”, “十·一”.
    rf"[{_QUOTES_OPEN}]{_SP}(?:十[·.．•・]一|{_trie(list(ALIASES))}){_SP}[{_QUOTES_CLOSE}]"
    r"|十[·.．•・]一"
    # Bare 十一/七一/清明 only with context; never inside a longer number (十一月, 第十一, 二十一) or 政治清明.
    rf"|{_AMBIGUOUS_WORDS}(?:(?<![第0-9〇○零一二两三四五六七八九十百千万政治]..)(?:劳动节|青年节|儿童节|妇女节|节"
    rf"|{_HOLIDAY_CONTEXT})|(?<=(?:庆祝|纪念|迎接|喜迎|欢度|共度|度过|欢庆)..))"
    rf"|{_trie([name for name in ALIASES if name not in AMBIGUOUS])}"
)

# Every token starts with one of these characters; checking it first makes scanning several times faster.
_FIRST_CHARS = "".join(
    sorted(set("0123456789〇○零OＯ一二三四五六七八九十廿卅第前上下全年今明去本次翌" + _HOLIDAY_FIRST))
)

# Lookbehinds come after an alternative's first character (widened to cover it), so that where the character does
# not fit, the alternative fails before any lookbehind runs.
TOKEN = re.compile(
    rf"(?=[{re.escape(_FIRST_CHARS)}])(?:"
    # ISO-like dates: 2019-10-01, 2019.10.1, 2019/10/01.
    r"(?P<I>(?P<iy>(?:1[89]|2[01])(?<![0-9.]..)[0-9]{2})(?P<isep>[-./])(?P<im>1[0-2]|0?[1-9])(?P=isep)"
    r"(?P<id>3[01]|[12][0-9]|0?[1-9])(?![0-9]))"
    # Numbers with a unit, alone or as a list sharing it: 2019年, 2018-2022年, 3、4月, 6月底, 1—10日, 第二、三、四季度.
    rf"|(?P<N>(?P<nl>{_NUM}(?:{_LIST_SEP}{_NUM})*){_SP}(?:(?P<uy>年)度?(?P<yp>[底末]|{_EARLY}|内)?"
    rf"|(?P<um>月)份?(?P<mp>{_MONTH_PART})?|(?P<ud>[日号])|(?P<uq>季度)(?P<qp>末|初|底)?))"
    r"|(?P<QF>前(?P<qf>[一二三四1-4])个?季度)"
    # Years relative to the year in force: 今年, 明年, 次年 (not 一次年度).
    rf"|(?P<R>(?P<rel>今|明|去|本|次(?<![一两二三四五六七八九十几每多首数]次)|翌)年度?(?P<rp>[底末]|{_EARLY}|内)?)"
    r"|(?P<H>(?P<half>[上下])(?<!每.)半年度?)"
    # 年底/年末/年初/年内 not after a number (三年内 is a duration), and 全年.
    rf"|(?P<P>年(?<![0-9〇○零一二两三四五六七八九十百千万几多数半每近]年)(?P<pp>[底末]|{_EARLY}|内)|全年)"
    rf"|(?P<HOL>{_HOLIDAY})"
    ")"
)

# Numbers inside a month/day/quarter list token.
LIST_ITEM = re.compile(rf"第?([0-9]+|[〇○零OＯ一二两三四五六七八九十廿卅]+)|({_LIST_SEP})")
RANGE_SEP = re.compile(r"[至到—–\-－~～]")

# What may sit between two tokens of one phrase.
CONNECTOR = re.compile(
    r"[ \t\u3000]*(?:(?P<range>(?:起|开始)?[ \t\u3000]*(?:至|到|—{1,2}|–|-|－|~|～|〜|─{1,2}))"
    r"|(?P<list>以及|、|和|及|与|或))?[ \t\u3000]*"
)

_TIME = (
    r"(?:(?:[01]?[0-9]|2[0-4])[:：][0-5][0-9]|(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[点时](?:[0-9]{1,2}分|半|整)?)"
)
_DAYPART = "上午|下午|中午|早上|早晨|清晨|晚上|傍晚|凌晨|夜间|晚间|全天|整天"
# Time of day, weekday and 待定 notes after a date: part of the phrase's text, never a window or a deadline.
TAIL = re.compile(
    rf"(?:{_SP}[（(](?:周|星期|礼拜)[一二三四五六日天1-7][)）])?"
    rf"(?:{_SP}(?:{_DAYPART}))?"
    rf"(?:{_SP}{_TIME}(?:{_SP}[-—–~～至到]{_SP}(?:{_DAYPART})?{_TIME})?)?"
    rf"(?:{_SP}[（(](?:[^（）()\n]{{0,12}}(?:待定|另行通知|暂定|具体时间)[^（）()\n]{{0,8}})[)）])?"
)

# Words after a phrase that change its meaning.
SUFFIX = re.compile(
    rf"{_SP}(?:(?P<approx>前后|左右)"
    r"|(?P<eve>前夕)"
    r"|(?P<during>期间|小长假|长假|假期|黄金周|当天|当日)"
    r"|(?P<nyears>起[，,]?(?:力争)?用?(?P<n>[0-9]{1,2}|[一二两三四五六七八九十]{1,2})年(?:时间)?(?:内|以内)?)"
    r"|(?P<before>(?:之|以)?前(?![往进行列沿提景期身线台端置瞻者述款言面头所任]))"
    r"|(?P<within>以内|之内|内)"
    r"|(?P<past>以来)"
    r"|(?P<since>起|开始|以后|之后|后)"
    r"|(?P<verb>(?:基本|全面|初步|如期|率先)?(?:实现|完成|建成|达到|消除|解决|达标))"
    # An event named after a date, ending in 期间: "2019年8月份、红山文化节期间" is August.
    r"|(?P<event>、?[^\s，。；、,;：:（）()《》]{1,12}?(?:节|会|赛|周|展|庆|典|季|活动|仪式)期间))"
)

# Words before a phrase, matched against the few characters before it (the pattern ends at the phrase).
PREFIX = re.compile(
    r"(?:(?P<tent>拟定于|拟定在|拟于|拟在|拟|计划于|计划在|计划|初定于|初定在|初定|预计于|预计在|预计|预定于|预定在|暂定于|暂定在|暂定)"
    r"|(?P<approx>大约在|大约|大概|约于|约在))?"
    r"(?:(?P<dl>截至|截止到|截止至|截止|(?:延长|延期|顺延|延续|推迟|直)至"
    r"|(?<![达得回受做找遇想看收拿感迟周办报签提说谈])到|(?<![甚乃以])至)|(?P<from>从|自)|(?P<at>在|于))?$"
)

# Every prefix ends in one of these (checked before running PREFIX, as most phrases have no prefix).
PREFIX_LAST_CHARS = frozenset("于在拟划定计约概至到从自止")

# Regions whose years and dates belong to another document: 《数字山东发展规划（2018-2022年）》.
QUOTED_TITLE = re.compile(r"《[^《》\n]{0,80}》")

# A bare year is only a comparison here, not a date the plan runs on (2019年同期).
WEAK_YEAR_AFTER = re.compile(r"(?:同期|以来|水平|相比|基础上|度?同比)")
WEAK_YEAR_BEFORE = re.compile(r"(?:[低高少多大小]于|较|比)$")

# Phrases that look like times but are not understood: reported as warnings by find_unparsed. Each contains one
# of LOOSE_ANCHOR's words; LOOSE runs only near them (scanning whole texts with it would be slow).
LOOSE_ANCHOR = re.compile("月|季度|期间|前后|前夕")
LOOSE = re.compile(
    # Relative months with a part or a deadline (本月底前, 下月初); a bare 上月 (上月工作情况) names no date to run on.
    r"(?:本|上|下|次|当|该|同)个?月份?(?:(?:上旬|中旬|下旬|[底末初中内])(?:(?:之|以)?前)?|(?:之|以)?前)"
    r"|(?<![0-9〇○零一二三四五六七八九十每])月(?:上旬|中旬|下旬|[底末初])(?:之|以)?前?"
    r"|(?<![0-9])[0-9]{1,3}月份?(?:[0-9]{1,3}[日号])?"
    r"|[^\s，。；、,;：:（）()《》]{1,8}?期间"
    r"|[^\s，。；、,;：:（）()《》]{1,8}?(?:[节日号旬”\"]|国庆|元旦|春节)(?:前后|前夕)"
    r"|(?:本|上|下|该|同)季度(?:末|初)?(?:之|以)?前?"
)

# A signing or issue date: a full date alone on its line, or followed by 印发/发布.
SIGNED_DATE = re.compile(
    rf"(?P<year>{_NUM}){_SP}年{_SP}{_NUM}{_SP}月{_SP}{_NUM}{_SP}[日号]"
    r"(?=[ \t\u3000]*(?:$|\n|(?:印发|发布|印|签发|制发)))",
    re.MULTILINE,
)

"""Unit lists and names: splitting 'A、B，C' outside brackets, 等 tails, and telling people from units."""

from __future__ import annotations

import re

_OPEN, _CLOSE = "([（〈《“【<", ")]）〉》”】>"
_SEPARATORS = "、,，;；"
_TOKEN = re.compile(r"[^ ]+")
_ROLE_NOTE = re.compile(r"\((?:牵头|配合|负责|主责|协办|参与|牵头单位|配合单位)\)$")
_SPECIAL = re.compile("[" + re.escape(_OPEN + _CLOSE + _SEPARATORS) + "]")
_TAIL = re.compile(r"(?:等|及)(?:其他|其它)?(?:有关|相关)?(?:部门|单位|机构|科室|处室)?$|(?:按职责)?(?:分工)?$")
_STRIP = " \t\n:：,，、;；。.·"
_LEVELS = "省|市|县|区|旗|县级市|县区|市州|盟市|乡|镇|乡镇|街道|村|社区"
_BARE_LEVEL = re.compile(rf"(?:各|x)?(?:{_LEVELS})")  # x: a later piece of the run, which has no 各 of its own
_LEVEL_FIRST = re.compile(rf"(?:{_LEVELS})")
_MID_ETC = re.compile(r"(?<![高中初平同对均次上优特])等(?:省份|省区|省市|地区|地市|城市|国家)(?=.)")
UNIT_SUFFIX = re.compile(
    r"(?:局|委|办|厅|科|室|部|会|中心|院|校|所|队|站|政府|单位|组|处|司|社|行|馆|团|联|集团|公司|企业|协会|学会"
    r"|支行|分局|党委|党组|总支|支部|街道|乡|镇|社区|村|部门|机关|系统|台|报|局属|办公室|管委会|委员会|工委|团委"
    r"|妇联|工会|大学|学院|医院|法院|检察院|基地|窗口|平台|银行|分行|监管局|各区|市区|县区|旗县区|中队|大队|支队|海关"
    r"|县级市|人民政府|残联|侨联|科协|文联|社科联|工商联|团市委|团县委)$"
)
COLLECTIVE = re.compile(r"^(?:各|全市|全省|全县|全区|有关|相关|市直|省直|县直|区直|驻市)")
TITLE_WORDS = (
    "副书记|书记|副部长|部长|副主任|主任|副局长|局长|副主席|主席|副市长|市长|副县长|县长|副区长|区长|常委|秘书长|"
    "副处长|处长|副科长|科长|副院长|院长|副校长|校长|副组长|组长|主委|副主委|会长|副会长|理事长|总经理|经理|馆长|所长|"
    "站长|队长|委员|干事|同志|负责同志|负责人"
)
_TITLE_RE = re.compile(f"(?:{TITLE_WORDS})")
_TITLE_END = re.compile(f"(?:{TITLE_WORDS})$")
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆"
    "汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤乌巴阿包常温康施文牛樊葛邢"
    "安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游"
    "辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_NOTES = {"下同", "同上", "以下同", "下略"}
_TIME_LIKE = re.compile(r"\d+\s*(?:年|月|日)|月底|年底|前完成|完成时限|时间")


def split_units(work: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the entries of a list, split at 、，, and ； outside brackets and quotes, without 等 tails."""
    out: list[tuple[int, int]] = []
    depth, piece = 0, start
    for m in _SPECIAL.finditer(work, start, end):
        ch = m.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            span = clean_entry(work, piece, m.start()) or _level(work, piece, m.start())
            if span:
                out.append(span)
            piece = m.end()
    span = clean_entry(work, piece, end) or _level(work, piece, end)
    if span:
        out.append(span)
    if len(out) > 1 and any(_MID_ETC.search(work, a, b) for a, b in out):
        # 西藏、青海等省份人力资源社会保障、教育部门: the places qualify one collective name; it is not a list.
        return [(out[0][0], out[-1][1])]
    out = [(a, b) for a, b in _join_levels(work, out) if b - a >= 2]  # a level left alone (省) names nothing
    return [piece for span in out for piece in _space_separated(work, *span)]


def _level(work: str, start: int, end: int) -> tuple[int, int] | None:
    """A one-character level of government (省、市、县…) kept until it can join the noun after it."""
    while start < end and work[start] in _STRIP:
        start += 1
    while end > start and work[end - 1] in _STRIP:
        end -= 1
    return (start, end) if _BARE_LEVEL.fullmatch(work, start, end) else None


def _join_levels(work: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """各市、县政府 / 各区、县级市 / 省、市、县相关部门: bare levels of government listed before the noun they
    share are one collective name (SCHEMA.md), not a list of units."""
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for span in spans:
        piece = work[span[0]:span[1]]
        if run and work[run[-1][1]:span[0]].strip() != "、":  # only a 、 list shares its noun
            out.append((run[0][0], run[-1][1]))
            run = []
        if _BARE_LEVEL.fullmatch(piece if not run else "x" + piece.lstrip("各")):
            run.append(span)
            continue
        if run and _LEVEL_FIRST.match(piece):
            out.append((run[0][0], span[1]))
        else:
            out.extend(run)
            out.append(span)
        run = []
    if len(run) > 1:
        out.append((run[0][0], run[-1][1]))
    else:
        out.extend(run)
    return out


def _space_separated(work: str, start: int, end: int) -> list[tuple[int, int]]:
    """'市发改委 市财政局' or '张三 李四': a list written with spaces, when every piece is a unit or every piece a name."""
    if " " not in work[start:end]:
        return [(start, end)]
    pieces = [(m.start(), m.end()) for m in _TOKEN.finditer(work, start, end)]
    names = [work[a:b] for a, b in pieces]
    if len(pieces) > 1 and (all(map(is_unit, names)) or all(map(looks_like_name, names))):
        return pieces
    return [(start, end)]


def clean_entry(work: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim punctuation and an 等…部门 tail; None when nothing is left or the entry is a time phrase."""
    while start < end and work[start] in _STRIP:
        start += 1
    while end > start and work[end - 1] in _STRIP:
        end -= 1
    if start < end and work[start] == "由":
        start += 1
    role_note = _ROLE_NOTE.search(work, start, end)  # 市发改委（牵头）: the bracket says the role, not the name
    if role_note and role_note.start() > start:
        end = role_note.start()
    tail = _TAIL.search(work, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    while end > start and work[end - 1] in _STRIP:
        end -= 1
    if end - start < 2 or _TIME_LIKE.search(work, start, end) or end - start > 40 or work[start:end] in _NOTES:
        return None
    return start, end


def is_unit(name: str) -> bool:
    return bool(UNIT_SUFFIX.search(name) or COLLECTIVE.search(name))


def person_span(work: str, start: int, end: int) -> tuple[int, int] | None:
    """The personal name inside an entry such as 张圣合, 张圣合同志, 副部长张三 or 市委统战部副部长张三; None if it is no person."""
    aside = work.find("(", start, end)
    if aside > start + 1:  # 张三（市委常委、统战部部长）: the name stands outside the bracket
        end = aside
    entry = work[start:end]
    titles = list(_TITLE_RE.finditer(entry))
    if titles:
        after = titles[-1].end()
        if looks_like_name(entry[after:]):
            return start + after, end
        before = titles[0].start()
        if looks_like_name(entry[:before]):
            return start, start + before
        return None
    return (start, end) if looks_like_name(entry) else None


def looks_like_name(s: str) -> bool:
    """2–4 Han characters starting with a surname and carrying no unit suffix."""
    if not (2 <= len(s) <= 4) or not _HAN.match(s) or is_unit(s):
        return False
    return s[0] in _SURNAMES or s.startswith(_COMPOUND_SURNAMES)


def is_title_only(s: str) -> bool:
    """An entry that is a post without a name (市委常委), so it is not a unit either."""
    return bool(_TITLE_END.search(s))

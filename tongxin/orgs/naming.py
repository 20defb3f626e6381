"""Rules on a unit's name: what kind and type of unit it probably is, and whether it is a placeholder (各有关单位).

Pure functions with no database access, so the import, the services and migrations share them; an administrator
corrects any guess on the unit screen."""

from __future__ import annotations

import re

PARTIES = ("民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟")
_GROUP_HINTS = (
    "工商联",
    "联谊会",
    "侨联",
    "知联会",
    "新联会",
    "海联会",
    "商会",
    "协会",
    "青联",
    "妇联",
    "工会",
    "团市委",
)
_RELIGIOUS_HINTS = (
    "寺",
    "庙",
    "教堂",
    "清真",
    "道观",
    "宫观",
    "佛教",
    "道教",
    "伊斯兰",
    "天主教",
    "基督教",
    "宗教活动场所",
)
_MEMBER_HINTS = ("民主党派", *PARTIES, *_GROUP_HINTS)

# 各有关单位, 相关单位, 各项目牵头单位, 有关部门, 各参与单位 …: names that stand for nobody in particular.
_PLACEHOLDER = re.compile(
    r"^(?:各|全体|其他|其它)?(?:有关|相关|项目牵头|牵头|参与|参加|承办|协办|责任|配合|其他|其它)?(?:各)?(?:单位|部门|科室)$"
)


def is_placeholder_name(name: str) -> bool:
    name = name.strip()
    if name in {"单位", "部门", "科室"}:
        return False
    return bool(_PLACEHOLDER.match(name))


def guess_kind(name: str) -> str:
    """A first guess at the unit's part in the programme (the values of Organisation.Kind)."""
    if is_placeholder_name(name):
        return "placeholder"
    if name.startswith(("有关", "相关", "全体")) or "各" in name:
        return "collective"
    # A section's own name may mention member organisations (党外干部和民主党派科), so the suffix decides first.
    if re.search(r"(科|室|中心|支队)$", name) and not name.startswith(("市", "省", "县", "区")):
        return "section"
    if any(h in name for h in _MEMBER_HINTS):
        return "member"
    return "unit"


def guess_type(name: str, kind: str | None = None) -> str:
    """A first guess at what the unit is (the values of Organisation.Type)."""
    kind = kind or guess_kind(name)
    if kind in ("department", "section"):
        return kind
    if kind in ("collective", "placeholder"):
        return "collective"
    if any(p in name for p in PARTIES):
        return "party"
    if any(h in name for h in _GROUP_HINTS):
        return "group"
    if any(h in name for h in _RELIGIOUS_HINTS):
        return "religious"
    if re.search(r"(乡|镇|村|苏木|嘎查|街道)$", name):
        return "township"
    if re.search(r"(公司|集团|企业|厂)$", name):
        return "enterprise"
    if re.search(r"(局|委|办|院|厅|政府|委员会)$", name):
        return "agency"
    return "external"

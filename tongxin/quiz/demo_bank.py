"""The demo's question bank for activity 七 (统战知识网上竞答): plain facts about the 70th anniversary and the united
front, written as fact tables and turned into single-choice, multiple-choice, true/false and fill-in questions."""

from __future__ import annotations

import random

PARTIES = [  # (full name, short name, founding year, founding place)
    ("中国国民党革命委员会", "民革", 1948, "香港"),
    ("中国民主同盟", "民盟", 1941, "重庆"),
    ("中国民主建国会", "民建", 1945, "重庆"),
    ("中国民主促进会", "民进", 1945, "上海"),
    ("中国农工民主党", "农工党", 1930, "上海"),
    ("中国致公党", "致公党", 1925, "旧金山"),
    ("九三学社", "九三学社", 1946, "重庆"),
    ("台湾民主自治同盟", "台盟", 1947, "香港"),
]
NOT_PARTIES = ["中华全国工商业联合会", "中华全国归国华侨联合会", "欧美同学会", "黄埔军校同学会", "中华全国青年联合会"]
EVENTS = [  # (event, year, category)
    ("中国共产党成立", 1921, "党史"), ("中华人民共和国成立", 1949, "国史"),
    ("中国人民政治协商会议第一届全体会议召开", 1949, "统战知识"), ("中共中央发布“五一口号”", 1948, "统战知识"),
    ("第一届全国人民代表大会第一次会议召开", 1954, "国史"), ("第一部《中华人民共和国宪法》颁布", 1954, "国史"),
    ("党的十一届三中全会召开", 1978, "党史"), ("香港回归祖国", 1997, "国史"), ("澳门回归祖国", 1999, "国史"),
    ("中国加入世界贸易组织", 2001, "国史"), ("北京举办第29届夏季奥运会", 2008, "国史"),
    ("党的十八大召开", 2012, "党史"), ("党的十九大召开", 2017, "党史"), ("中央统一战线工作会议召开", 2015, "统战知识"),
    ("《中国共产党统一战线工作条例（试行）》印发", 2015, "统战知识"),
    ("《中国人民政治协商会议共同纲领》通过", 1949, "统战知识"), ("内蒙古自治区成立", 1947, "民族工作"),
    ("昭乌达盟撤盟设立赤峰市", 1983, "地方知识"), ("中国人民抗日战争胜利", 1945, "国史"),
    ("深圳经济特区设立", 1980, "国史"), ("“东方红一号”卫星发射成功", 1970, "国史"),
    ("我国第一颗原子弹爆炸成功", 1964, "国史"), ("“神舟五号”载人航天飞行成功", 2003, "国史"),
    ("青藏铁路全线通车", 2006, "国史"), ("遵义会议召开", 1935, "党史"), ("红军长征胜利结束", 1936, "党史"),
    ("南昌起义爆发", 1927, "党史"), ("五四运动爆发", 1919, "国史"), ("辛亥革命爆发", 1911, "国史"),
    ("西藏和平解放", 1951, "民族工作"), ("中华全国工商业联合会成立", 1953, "统战知识"),
    ("中华全国归国华侨联合会成立", 1956, "统战知识"), ("黄埔军校同学会成立", 1984, "统战知识"),
    ("欧美同学会成立", 1913, "统战知识"), ("《中华人民共和国民族区域自治法》颁布", 1984, "民族工作"),
    ("修订后的《宗教事务条例》施行", 2018, "宗教工作"), ("《香港特别行政区基本法》通过", 1990, "统战知识"),
    ("《澳门特别行政区基本法》通过", 1993, "统战知识"), ("党的七届二中全会召开", 1949, "党史"),
    ("党的十五大召开", 1997, "党史"), ("党的十六大召开", 2002, "党史"), ("党的十七大召开", 2007, "党史"),
]
WRITTEN = [  # (type, text, options, answer, category)
    ("multiple", "中国共产党在中国革命中战胜敌人的“三大法宝”是", ["统一战线", "武装斗争", "党的建设", "土地革命"], [0, 1, 2],
     "统战知识"),
    ("judge", "中国共产党领导的多党合作和政治协商制度是我国的一项基本政治制度。", [], [True], "统战知识"),
    ("single", "我国现有民主党派的数量是", ["6个", "7个", "8个", "9个"], [2], "统战知识"),
    ("multiple", "人民政协的主要职能是", ["政治协商", "民主监督", "参政议政", "立法审议"], [0, 1, 2], "统战知识"),
    ("single", "中国共产党同各民主党派合作的方针是“长期共存、互相监督、＿＿、荣辱与共”",
     ["肝胆相照", "同舟共济", "和衷共济", "风雨同舟"], [0], "统战知识"),
    ("judge", "民族区域自治制度是我国的基本政治制度之一。", [], [True], "民族工作"),
    ("judge", "坚持我国宗教的中国化方向是我国宗教工作的重要要求。", [], [True], "宗教工作"),
    ("single", "我国是统一的多民族国家，共有民族", ["54个", "55个", "56个", "58个"], [2], "民族工作"),
    ("single", "中国人民政治协商会议全国委员会每届任期", ["3年", "4年", "5年", "6年"], [2], "统战知识"),
    ("multiple", "新的社会阶层人士主要包括", ["民营企业和外资企业管理技术人员", "中介组织和社会组织从业人员", "自由职业人员",
                                  "新媒体从业人员", "国有企业负责人"], [0, 1, 2, 3], "统战知识"),
    ("judge", "中国致公党主要由归侨、侨眷中的中上层人士组成。", [], [True], "统战知识"),
    ("judge", "台湾民主自治同盟主要由居住在大陆的台湾省籍人士组成。", [], [True], "统战知识"),
    ("judge", "2019年是中华人民共和国成立60周年。", [], [False], "国史"),
    ("blank", "2019年是中华人民共和国成立＿＿周年。", [], ["70", "七十"], "国史"),
]


def _years(rng: random.Random, year: int) -> tuple[list[str], list[int]]:
    offsets = rng.sample([-6, -4, -3, -2, -1, 1, 2, 3, 4, 5, 7], 3)
    years = sorted([year, *(year + o for o in offsets)])
    return [f"{y}年" for y in years], [years.index(year)]


def demo_questions() -> list[dict]:
    """About 230 questions; deterministic, so every demo load has the same bank."""
    rng, out = random.Random(70), []

    def add(qtype, text, options, answer, category, difficulty="中"):
        out.append({"type": qtype, "text": text, "options": options, "answer": answer, "category": category,
                    "difficulty": difficulty, "explanation": ""})

    for event, year, category in EVENTS:
        options, answer = _years(rng, year)
        add("single", f"{event}是在哪一年？", options, answer, category, "易")
        wrong = year + rng.choice([-3, -2, 2, 3])
        truth = rng.random() < 0.5
        add("judge", f"{event}是在{year if truth else wrong}年。", [], [truth], category)
        add("blank", f"{event}是在＿＿年。（填写四位数字）", [], [str(year)], category, "难")
    for full, short, year, place in PARTIES:
        others = rng.sample([p[0] for p in PARTIES if p[0] != full], 3)
        options = sorted([full, *others])
        add("single", f"民主党派“{short}”的全称是", options, [options.index(full)], "统战知识", "易")
        options, answer = _years(rng, year)
        add("single", f"{full}成立于哪一年？", options, answer, "统战知识")
        add("judge", f"{full}成立于{year}年。", [], [True], "统战知识")
        wrong = rng.choice([p for p in ("重庆", "上海", "香港", "北京", "旧金山") if p != place])
        add("judge", f"{full}成立于{wrong}。", [], [False], "统战知识")
        add("blank", f"{full}成立于＿＿年。（填写四位数字）", [], [str(year)], "统战知识", "难")
    names = [p[0] for p in PARTIES]
    for _ in range(12):
        parties = rng.sample(names, rng.choice([2, 3]))
        options = parties + rng.sample(NOT_PARTIES, 5 - len(parties))
        rng.shuffle(options)
        add("multiple", "下列组织中，属于我国民主党派的有", options, sorted(options.index(p) for p in parties),
            "统战知识")
    for decade in (1940, 1950, 1980, 1990, 2000, 2010) * 3:
        inside = [e for e in EVENTS if decade <= e[1] < decade + 10]
        outside = [e for e in EVENTS if not decade <= e[1] < decade + 10]
        chosen = rng.sample(inside, min(len(inside), rng.choice([2, 3])))
        options = [e[0] for e in chosen + rng.sample(outside, 5 - len(chosen))]
        rng.shuffle(options)
        add("multiple", f"下列事件中，发生在{decade}年代的有", options,
            sorted(options.index(e[0]) for e in chosen), "国史")
    for qtype, text, options, answer, category in WRITTEN:
        add(qtype, text, options, answer, category)
    seen, unique = set(), []
    for q in out:  # the decade questions may repeat a stem with the same options: keep each once
        key = (q["text"], tuple(q["options"]))
        if key not in seen:
            seen.add(key)
            unique.append(q)
    return unique

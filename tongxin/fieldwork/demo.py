"""Demo stage "running" for field work, built through its own services on the one clock (every step inside
`clock.travel`, never after the demo's pinned 2019-08-15 09:00):

- 三 联谊交友: leaders paired with non-Party figures, visits with photos and opinions, some followed up and closed,
  one late;
- 九 扶贫济困: 32 households with visits and difficulties, most resolved; the farmer training is the activity's
  session in late September (still ahead);
- 十一 教风整治: ten venues of the five religions; 学习动员 and 自查不足 closed (the second by an override with a
  reason), 整改提高 under way with problems rectified, returned and signed off; 总结评估 still ahead.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from tongxin.core import clock

LEADERS = ["张圣合", "乌力吉"]
FIGURES = [  # (name, party or sector, phone)
    ("刘文博", "民革", "13904760101"),
    ("王建华", "民盟", "13904760102"),
    ("赵志远", "民建", "13904760103"),
    ("孙丽娟", "民进", "13904760104"),
    ("周海峰", "农工党", "13904760105"),
    ("吴晓梅", "九三学社", "13904760106"),
    ("郑国强", "无党派人士", "13904760107"),
    ("陈思远", "工商联", "13904760108"),
]
OPINIONS = [
    ("suggestion", "建议为党外人士参政议政搭建更多调研平台"),
    ("opinion", "民营企业融资难，希望协调金融机构"),
    ("difficulty", "企业用工紧缺，希望人社部门组织专场招聘"),
    ("suggestion", "建议加强对党外年轻干部的培养锻炼"),
]
TOWNS = [("当铺地满族乡", "三家村"), ("初头朗镇", "五家村"), ("桥头镇", "河南营子村"), ("乌丹镇", "西门外村")]
SURNAMES = "李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹"
CAUSES = ["因病", "因残", "缺劳力", "缺技术", "因学"]
DIFFICULTIES = [
    ("住房漏雨需维修", "协调危房改造资金", 3000, "水泥 10 袋"),
    ("孩子上学费用困难", "联系助学金", 2000, ""),
    ("缺少种羊", "发放基础母羊 5 只", 0, "基础母羊 5 只"),
    ("慢性病药费负担重", "办理慢病卡", 800, ""),
]
VENUES = [  # (name, religion, kind, unit)
    ("大明寺", "buddhism", "寺院", "宗教业务科"),
    ("荟福寺", "buddhism", "寺院", "宗教业务科"),
    ("玉皇阁", "taoism", "宫观", "宗教业务科"),
    ("关帝庙", "taoism", "宫观", "宗教综合科"),
    ("清真北大寺", "islam", "清真寺", "宗教业务科"),
    ("清真南寺", "islam", "清真寺", "宗教综合科"),
    ("天主教堂", "catholic", "教堂", "宗教业务科"),
    ("松山天主堂", "catholic", "教堂", "宗教综合科"),
    ("基督教福音堂", "protestant", "教堂", "宗教业务科"),
    ("红山基督教堂", "protestant", "教堂", "宗教综合科"),
]
PHASES = [
    ("学习动员", (2, 1), (3, 31)),
    ("自查不足", (4, 1), (5, 31)),
    ("整改提高", (6, 1), (9, 30)),
    ("总结评估", (10, 1), (11, 30)),
]
PROBLEMS = [
    ("财务管理不规范，收支未公开", "财务管理", "serious"),
    ("教职人员学习制度落实不到位", "教风建设", "minor"),
    ("消防器材过期", "安全管理", "serious"),
    ("场所内张贴不规范宣传品", "场所管理", "minor"),
]


def photo(name: str = "photo.jpg", colour=(180, 40, 40)) -> SimpleUploadedFile:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (160, 120), colour).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def at(day: dt.date, hour: int = 10):
    return clock.travel(day, hour)


class Cast:
    def __init__(self, plan):
        from tongxin.accounts.models import User
        from tongxin.orgs.models import Organisation

        self.plan = plan
        self.acts = {a.number: a for a in plan.activities.all()}
        self.users = {u.username: u for u in User.objects.filter(username__in=["admin", "dangwai", "zongjiao"])}
        self.orgs = {o.name: o for o in Organisation.objects.all()}

    def org(self, name: str):
        from tongxin.orgs.models import Organisation

        if name not in self.orgs:
            self.orgs[name], _ = Organisation.objects.get_or_create(
                name=name, defaults={"parent": self.orgs.get("市委统战部")}
            )
        return self.orgs[name]


def running(plan) -> None:
    from tongxin.fieldwork.models import Pairing

    cast = Cast(plan)
    if not {"三", "九", "十一"} <= set(cast.acts) or len(cast.users) < 3:
        return
    if Pairing.objects.filter(activity__plan=plan).exists():
        return  # already built
    _pairs(cast)
    _households(cast)
    _campaign(cast)


def _pairs(cast: Cast) -> None:
    from tongxin.fieldwork import services
    from tongxin.orgs.models import Person

    act, unit, user = cast.acts["三"], cast.org("党外干部和民主党派科"), cast.users["dangwai"]
    leaders = {p.name: p for p in Person.objects.filter(name__in=LEADERS, kind=Person.Kind.LEADER)}
    pairings = []
    with at(dt.date(2019, 1, 10)):
        for i, (name, party, phone) in enumerate(FIGURES):
            figure, _ = Person.objects.get_or_create(name=name, kind=Person.Kind.MEMBER, defaults={"phone": phone})
            leader = leaders.get(LEADERS[i % 2])
            if leader is not None:
                pairings.append(
                    services.pairing_create(
                        actor=user,
                        activity=act,
                        leader=leader,
                        figure=figure,
                        unit=unit,
                        affiliation=party,
                        required_visits=2,
                    )
                )
    # Visits: most pairs seen once or twice this year, two not yet (they show as behind on coverage).
    plan_of_visits = [(0, 3, 12), (0, 7, 5), (1, 4, 18), (2, 5, 9), (3, 6, 20), (4, 7, 16), (5, 8, 2)]
    visits = []
    for n, (index, month, day) in enumerate(plan_of_visits):
        if index >= len(pairings):
            continue
        when = dt.date(2019, month, day)
        with at(when, 16):
            opinion = [OPINIONS[n % len(OPINIONS)]] if n < 5 else []
            visits.append(
                services.visit_log(
                    actor=user,
                    pairing=pairings[index],
                    visited_on=when,
                    form="visit" if n % 2 else "talk",
                    place="党外人士所在单位",
                    content="走访交流，宣讲党的方针政策，了解学习、思想和工作情况。",
                    photos=[photo(f"visit{n}.jpg")],
                    opinions=opinion,
                )
            )
    _follow_ups(cast, visits)


def _follow_ups(cast: Cast, visits) -> None:
    from tongxin.fieldwork import services

    admin, dangwai = cast.users["admin"], cast.users["dangwai"]
    opinions = [o for v in visits for o in v.opinions.all()]
    units = ["党外干部和民主党派科", "非公经济科", "办公室", "党外干部和民主党派科"]
    for n, opinion in enumerate(opinions[:4]):
        asked = opinion.visit.visited_on + dt.timedelta(days=2)
        with at(asked):
            services.opinion_follow_up(
                actor=dangwai, opinion=opinion, unit=cast.org(units[n]), due=asked + dt.timedelta(days=30)
            )
    for n, opinion in enumerate(opinions[:2]):  # two closed: fed back, then confirmed
        opinion.refresh_from_db()
        fed = opinion.visit.visited_on + dt.timedelta(days=20)
        with at(fed):
            services.opinion_feedback(
                actor=dangwai if n == 0 else admin,
                opinion=opinion,
                result="已协调有关部门，形成办理意见并当面反馈本人。",
            )
        with at(fed + dt.timedelta(days=3)):
            services.opinion_confirm(actor=dangwai, opinion=opinion, comment="本人表示满意，予以办结。")
    # opinions[2] (办公室, due in late June) stays open: the late one the cockpit shows in red.


def _households(cast: Cast) -> None:
    from tongxin.fieldwork import services

    act, admin = cast.acts["九"], cast.users["admin"]
    units = [cast.org("办公室"), cast.org("党外知识分子联络中心")]
    households = []
    with at(dt.date(2019, 7, 2)):
        for i in range(32):
            town, village = TOWNS[i % len(TOWNS)]
            households.append(
                services.household_create(
                    actor=admin,
                    activity=act,
                    unit=units[0] if i < 24 else units[1],
                    head_name=f"{SURNAMES[i % len(SURNAMES)]}{'福贵顺林平安山海'[i % 8]}{'成明华军'[i % 4]}",
                    id_number=f"1504{i % 9 + 21:02d}19{50 + i % 40:02d}0{i % 9 + 1}{10 + i % 18:02d}{1000 + i:04d}"[:17]
                    + "X",
                    phone=f"1384760{i:04d}",
                    town=town,
                    village=village,
                    causes=CAUSES[i % len(CAUSES)],
                    members="户主\n配偶\n子女一人",
                    needs="发展产业、改善住房",
                )
            )
    for i, h in enumerate(households):
        day = min(dt.date(2019, 7, 8) + dt.timedelta(days=i), dt.date(2019, 8, 14))
        with at(day, 15):
            visit = services.visit_log(
                actor=admin,
                household=h,
                visited_on=day,
                form="visit",
                place=h.village,
                content="入户走访慰问，了解家庭生产生活情况。",
                photos=[photo(f"h{i}.jpg", (40, 120, 60))] if i % 4 == 0 else [],
            )
            what, measure, money, goods = DIFFICULTIES[i % len(DIFFICULTIES)]
            d = services.difficulty_add(actor=admin, household=h, description=what, visit=visit)
        if i % 8 == 7:
            continue  # a quarter of the difficulties still await a measure
        with at(day + dt.timedelta(days=1)):
            services.difficulty_set_measure(actor=admin, difficulty=d, measure=measure, money=money, goods=goods)
        if i % 8 < 5 and day + dt.timedelta(days=5) <= dt.date(2019, 8, 14):
            with at(day + dt.timedelta(days=5)):
                services.difficulty_resolve(
                    actor=admin,
                    difficulty=d,
                    result="已落实，户主签字确认。",
                    evidence=[photo(f"r{i}.jpg", (60, 60, 160))],
                )
        if i % 3 == 0 and d.state == "resolved":
            with at(day + dt.timedelta(days=6)):
                services.household_set_status(actor=admin, household=h, status="out")


def _campaign(cast: Cast) -> None:
    from tongxin.fieldwork import services
    from tongxin.fieldwork.models import CheckItem

    act, admin, zongjiao = cast.acts["十一"], cast.users["admin"], cast.users["zongjiao"]
    with at(dt.date(2019, 1, 25)):
        campaign = services.campaign_create(
            actor=admin,
            activity=act,
            phases=[{"name": n, "start": dt.date(2019, *s), "end": dt.date(2019, *e)} for n, s, e in PHASES],
        )
        services.venues_add(
            actor=admin,
            campaign=campaign,
            rows=[
                (
                    {
                        "name": n,
                        "religion": r,
                        "kind": k,
                        "address": "赤峰市红山区",
                        "person_in_charge": "",
                        "phone": "",
                    },
                    cast.org(u),
                )
                for n, r, k, u in VENUES
            ],
        )
    phases = list(campaign.phases.order_by("order"))
    venues = list(campaign.venues.order_by("id"))
    # 学习动员: every venue completes its checklist; the phase closes through its gate.
    for n, item in enumerate(CheckItem.objects.filter(phase=phases[0]).select_related("venue", "phase")):
        with at(dt.date(2019, 3, 1) + dt.timedelta(days=n % 25)):
            services.check_item_complete(actor=zongjiao, item=item, note="已组织教职人员集中学习并留存记录。")
    with at(dt.date(2019, 3, 31), 17):
        services.phase_close(actor=zongjiao, phase=phases[0])
    # 自查不足: eight of ten self-check reports in; inspections find problems; closed by override to keep pace.
    for n, item in enumerate(CheckItem.objects.filter(phase=phases[1]).select_related("venue", "phase")[:8]):
        with at(dt.date(2019, 4, 20) + dt.timedelta(days=n)):
            services.check_item_complete(actor=zongjiao, item=item, note="自查报告已报送。")
    problems = []
    for n, venue in enumerate(venues):
        with at(dt.date(2019, 5, 6) + dt.timedelta(days=n), 15):
            specs = [PROBLEMS[(n + k) % len(PROBLEMS)] for k in range(1 + n % 2)]
            insp = services.inspection_record(
                actor=zongjiao,
                venue=venue,
                phase=phases[1],
                inspected_on=dt.date(2019, 5, 6) + dt.timedelta(days=n),
                inspectors="宗教业务科、宗教事务执法支队",
                notes="督导检查",
                problems=[
                    {
                        "description": d,
                        "category": c,
                        "severity": s,
                        "photo": photo(f"p{n}.jpg", (200, 150, 0)) if k == 0 else None,
                    }
                    for k, (d, c, s) in enumerate(specs)
                ],
            )
            problems += list(insp.problems.order_by("id"))
    with at(dt.date(2019, 5, 31), 17):
        services.phase_close(
            actor=admin,
            phase=phases[1],
            override_reason="按全市统一安排如期转入整改提高阶段，未完成事项在下一阶段继续整改。",
        )
    _rectify(problems, admin, zongjiao)


def _rectify(problems, admin, zongjiao) -> None:
    from tongxin.fieldwork import services

    for n, p in enumerate(problems):
        with at(dt.date(2019, 6, 3) + dt.timedelta(days=n % 10)):
            deadline = dt.date(2019, 7, 31) if n % 5 else dt.date(2019, 8, 10)
            p = services.problem_set_measure(
                actor=zongjiao, problem=p, measure="制定整改方案，明确责任人和时限。", deadline=deadline
            )
        if n % 5 == 4:
            continue  # still rectifying; those past their deadline show as late
        with at(dt.date(2019, 7, 1) + dt.timedelta(days=n % 20)):
            p = services.problem_submit(
                actor=zongjiao,
                problem=p,
                rectification="已按措施整改到位。",
                evidence=[photo(f"e{n}.jpg", (0, 120, 200))],
            )
        if n % 5 == 3:
            with at(dt.date(2019, 7, 25)):
                p = services.problem_return(actor=admin, problem=p, comment="佐证材料不能说明整改到位，请补充。")
            continue
        if n % 5 == 2 and n < 10:
            with at(dt.date(2019, 7, 22)):
                p = services.problem_return(actor=admin, problem=p, comment="请补充制度上墙照片。")
            with at(dt.date(2019, 7, 29)):
                p = services.problem_submit(
                    actor=zongjiao,
                    problem=p,
                    rectification="已补充制度上墙照片。",
                    evidence=[photo(f"e{n}b.jpg", (0, 160, 120))],
                )
        with at(dt.date(2019, 8, 5) + dt.timedelta(days=n % 8)):
            services.problem_sign_off(actor=admin, problem=p, comment="经复查整改到位，予以销号。")

"""The events demo, built through the app's own services inside the one clock: the reading club's sessions 1–3 with
sign-ins and minutes, both June trainings with nominations from the party committees (one refused), the symposium's
agenda and the gala's programme, and the publicity log ("running", up to 2019-08-15); the autumn replayed to the
year's end ("closing"): sessions 4–6, the symposium with its attendees, and the rest of the coverage."""

from __future__ import annotations

import datetime as dt

from tongxin.accounts.models import User
from tongxin.activities.models import Session
from tongxin.core import clock
from tongxin.events import services
from tongxin.events import services_training as tr
from tongxin.orgs.models import Organisation

READING, TRAINING, SYMPOSIUM, GALA = "一", "二", "六", "十"
PARTIES = ["民革赤峰市委", "民盟赤峰市委", "民建赤峰市委", "民进赤峰市委", "农工党赤峰市委", "致公党赤峰市总支"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["志强", "丽华", "建国", "晓燕", "海峰", "文静", "国庆", "春梅", "振宇", "雅琴", "立新", "秀英"]
READING_TITLES = ["学习领袖精神风范·强化职责使命担当", "大道同心·携手同行", "民族团结一家亲·同心共筑中国梦"]


def _person(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES) + i) % len(GIVEN)]


class _Cast:
    def __init__(self, plan):
        self.plan = plan
        self.admin = User.objects.get(username="admin")
        self.acts = {a.number: a for a in plan.activities.all()}
        self.parties = [o for name in PARTIES if (o := Organisation.objects.filter(name=name).first())]
        self.accounts = {u.organisation_id: u for u in User.objects.filter(organisation__in=self.parties)}

    def sessions(self, number: str) -> list[Session]:
        return list(self.acts[number].sessions.order_by("order", "id")) if number in self.acts else []


def _sign_ins(c: _Cast, session: Session, day: dt.date, people: int, seed: int) -> None:
    """Invitations for each party, QR sign-ins at the venue, two entered by hand; then the minutes."""
    with clock.travel(day - dt.timedelta(days=3), 9):
        for party in c.parties:
            services.invitation_set(actor=c.admin, session=session, org=party, expected=3)
    with clock.travel(day, 8, 45):
        token = services.signin_token(session)
        for i in range(people):
            party = c.parties[i % len(c.parties)] if c.parties else None
            services.attendance_sign_in(
                token=token, name=_person(seed + i), phone=f"139{seed:04d}{i:04d}", org=party,
                unit_name="" if party else "市直有关单位",
            )  # fmt: skip
        for i in range(2):
            services.attendance_record(
                actor=c.admin, session=session, name=_person(seed + 50 + i), unit_name="市工商联"
            )


def _minutes(c: _Cast, session: Session, day: dt.date, text: str) -> None:
    with clock.travel(day, 17):
        services.minutes_file(actor=c.admin, session=session, text=text, is_department=True)


def _reading_club(c: _Cast, orders: range, days: list[dt.date]) -> None:
    for order, day in zip(orders, days, strict=False):
        sessions = c.sessions(READING)
        if order >= len(sessions) or hasattr(sessions[order], "minutes"):
            continue
        session = sessions[order]
        _sign_ins(c, session, day, people=14 + order, seed=order * 20)
        title = READING_TITLES[order] if order < len(READING_TITLES) else session.title
        _minutes(c, session, day, f"第{order + 1}期读书会以“{title}”为主题，党外人士代表交流学习体会，形成会议纪要。")


def _trainings(c: _Cast) -> None:
    if TRAINING not in c.acts or not c.parties:
        return
    act = c.acts[TRAINING]
    specs = [
        ("民主党派“同心圆梦·共筑伟业”培训班", dt.date(2019, 6, 11), dt.date(2019, 6, 15)),
        ("“不忘合作初心，继续携手前进”主题教育培训班", dt.date(2019, 6, 16), dt.date(2019, 6, 20)),
    ]
    for t_i, (title, start, end) in enumerate(specs):
        with clock.travel(dt.date(2019, 5, 10), 10):
            training = tr.training_create(actor=c.admin, activity=act, title=title, start=start, end=end,
                                          school="哈尔滨社会主义学院")  # fmt: skip
            for party in c.parties:
                tr.quota_set(actor=c.admin, training=training, org=party, seats=4)
        noms = []
        with clock.travel(dt.date(2019, 5, 15), 15):
            for p_i, party in enumerate(c.parties):
                actor = c.accounts.get(party.pk, c.admin)
                for k in range(4):
                    noms.append(tr.nomination_submit(actor=actor, training=training, org=party,
                                                     name=_person(100 * t_i + 10 * p_i + k), position="骨干成员"))  # fmt: skip
        with clock.travel(dt.date(2019, 5, 20), 10):
            for n_i, n in enumerate(noms):
                refuse = t_i == 0 and n_i == 1
                tr.nomination_decide(actor=c.admin, nomination=n, approve=not refuse,
                                     reason="该同志已参加过同类培训，请另行推荐" if refuse else "")  # fmt: skip
        with clock.travel(dt.date(2019, 5, 25), 10):
            topics = [
                ("多党合作理论", "哈社院 刘教授"),
                ("统一战线政策", "哈社院 陈教授"),
                ("履职能力提升", "哈社院 高教授"),
            ]
            courses = [
                tr.course_add(
                    actor=c.admin,
                    training=training,
                    date=start + dt.timedelta(days=d),
                    start_time=dt.time(9),
                    end_time=dt.time(11, 30),
                    topic=topic,
                    teacher=teacher,
                    place="哈社院第一教室",
                )  # fmt: skip
                for d, (topic, teacher) in enumerate(topics)
            ]
        approved = [n.pk for n in noms if n.state == "approved"]
        for c_i, course in enumerate(courses):
            with clock.travel(course.date, 12):
                tr.course_attendance_mark(actor=c.admin, course=course, present_ids=set(approved[c_i:]))


SPEECHES = [
    ("主持并讲话", "市委统战部部长", "市委统战部", 10),
    ("民主党派代表发言", "民革赤峰市委主委", "民革赤峰市委", 8),
    ("无党派人士代表发言", "赤峰学院 赵敏教授", "无党派人士", 8),
    ("工商联代表发言", "市工商联副主席", "市工商联", 8),
    ("总结讲话", "市委常委、统战部部长", "市委", 15),
]
GALA_ITEMS = [
    ("开场舞《草原颂》", "市民族歌舞团", "市文化旅游体育局", 6),
    ("蒙古族长调《辽阔的草原》", "乌兰图雅", "市民族歌舞团", 5),
    ("诗朗诵《我爱你中国》", "各民主党派成员", "各民主党派市委", 6),
    ("舞蹈《民族团结一家亲》", "市群众艺术馆", "市文化旅游体育局", 7),
    ("合唱《没有共产党就没有新中国》", "统一战线合唱团", "市委统战部", 8),
]


def _programmes(c: _Cast) -> None:
    for number, items, day in ((SYMPOSIUM, SPEECHES, dt.date(2019, 8, 10)), (GALA, GALA_ITEMS, dt.date(2019, 8, 12))):
        if number in c.acts:
            with clock.travel(day, 10):
                rows = [{"item": i, "performer": p, "unit": u, "minutes": m} for i, p, u, m in items]
                tr.programme_set(actor=c.admin, activity=c.acts[number], items=rows)


OUTLETS = [
    ("tv", "赤峰电视台"), ("radio", "赤峰人民广播电台"), ("paper", "赤峰日报"), ("web", "赤峰统一战线网"),
    ("wechat", "赤峰统一战线微信公众号"), ("video", "抖音·赤峰统战"),
]  # fmt: skip


def _publicity(c: _Cast, numbers: list[str], start: dt.date, count: int, seed: int) -> None:
    acts = [c.acts[n] for n in numbers if n in c.acts]
    for i in range(count if acts else 0):
        act = acts[i % len(acts)]
        kind, outlet = OUTLETS[(i + seed) % len(OUTLETS)]
        day = start + dt.timedelta(days=4 * i)
        with clock.travel(day, 16):
            services.publicity_add(
                actor=c.admin, activity=act, outlet_type=kind, outlet=outlet, date=day,
                title=f"{act.title[:24]}：{['活动侧记', '综述', '现场直击', '图文报道'][i % 4]}",
                link=f"https://news.example.com/chifeng/2019/{seed}-{i}" if kind != "tv" else "",
            )  # fmt: skip


def demo_running(plan) -> None:
    c = _Cast(plan)
    _reading_club(c, range(3), [dt.date(2019, 2, 26), dt.date(2019, 4, 25), dt.date(2019, 6, 27)])
    _trainings(c)
    _programmes(c)
    with clock.travel(dt.date(2019, 8, 14), 16):
        services.publicity_from_reports(actor=c.admin)
    _publicity(c, [READING, TRAINING, "四", "七", "九", "十一"], dt.date(2019, 3, 1), 22, seed=1)


def demo_closing(plan) -> None:
    c = _Cast(plan)
    _reading_club(c, range(3, 6), [dt.date(2019, 8, 27), dt.date(2019, 10, 24), dt.date(2019, 12, 19)])
    sessions = c.sessions(SYMPOSIUM)
    if not sessions and SYMPOSIUM in c.acts:
        from tongxin.activities.services import session_add

        act = c.acts[SYMPOSIUM]
        with clock.travel(dt.date(2019, 9, 20), 10):
            day = dt.date(2019, 9, 27)
            session_add(actor=c.admin, activity=act, expected_version=act.version, title="庆祝新中国成立70周年座谈会",
                        start=day, end=day, place="市委统战部会议室")  # fmt: skip
        sessions = c.sessions(SYMPOSIUM)
    if sessions and not hasattr(sessions[0], "minutes"):
        _sign_ins(c, sessions[0], dt.date(2019, 9, 27), people=30, seed=300)
        _minutes(
            c, sessions[0], dt.date(2019, 9, 27), "座谈会上，各民主党派、无党派人士、工商联代表先后发言，共叙同心历程。"
        )
    _publicity(c, [SYMPOSIUM, GALA, READING, "三", "五", "八"], dt.date(2019, 8, 20), 12, seed=7)

"""Demo stage "running": the reference plan in mid-August 2019, built by replaying its first half-year through the services.

Every change goes through the real supervision services, so the demo has the same audit log, notifications and
lights as real use. The services stamp what they write with the one clock (`tongxin.core.clock.now()`); to give each step the day
it happened on, the replay moves that clock to that day while the step runs (`replay_at`). The story is fixed, so the
result is the same every time.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zlib

DEMO_TODAY = dt.date(2019, 8, 15)


def replay_at(day: dt.date, hour: int = 10, minute: int = 0):
    """Run a step as if it were `day` at `hour`:`minute` (local time), on the one clock."""
    from tongxin.core import clock

    return clock.travel(day, hour, minute)


def demo_png(width: int = 96, height: int = 64, colour: tuple[int, int, int] = (200, 30, 40)) -> bytes:
    """A small valid PNG (a coloured band on white) to stand in for a photo of the event."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    white, band = b"\xff\xff\xff", bytes(colour)
    rows = b"".join(b"\x00" + (band if height // 3 <= y < 2 * height // 3 else white) * width for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def demo_docx(title: str, lines: list[str]) -> bytes:
    """A short Word document standing in for an implementation plan attached to a 请示."""
    from docx import Document

    doc = Document()
    doc.add_heading(title, level=1)
    for line in lines:
        doc.add_paragraph(line)
    doc.core_properties.author = "演示数据"
    doc.core_properties.created = dt.datetime(2019, 8, 1)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


class _Cast:
    """The demo's people, units, activities and tasks, looked up by the names the story uses."""

    def __init__(self, plan):
        from tongxin.accounts.models import User
        from tongxin.orgs.models import Organisation

        self.plan = plan
        self.users = {u.username: u for u in User.objects.filter(username__in=USERNAMES)}
        missing = set(USERNAMES) - set(self.users)
        if missing:
            raise RuntimeError(f"演示账号缺失：{'、'.join(sorted(missing))}（请先运行 demo_load）")
        self.orgs = {o.name: o for o in Organisation.objects.all()}
        self.acts = {a.number: a for a in plan.activities.prefetch_related("sessions", "assignments")}

    def task(self, number: str, kind: str, org: str, *, session: int | None = None, period: str = ""):
        from tongxin.supervision.models import Task

        qs = Task.objects.filter(activity=self.acts[number], kind=kind, owner_org=self.orgs[org])
        if session is not None:
            qs = qs.filter(session__order=session)
        if period:
            qs = qs.filter(period=period)
        return qs.select_related("activity", "owner_org", "session").get()

    def session(self, number: str, order: int):
        return next(s for s in self.acts[number].sessions.all() if s.order == order)


USERNAMES = ("admin", "zhangsh", "wulj", "dangwai", "zongjiao")
READING = "一"  # 双月读书会
TRAINING = "二"  # 民主党派培训班
VISITS = "三"  # 联谊交友集中走访
PROPOSALS = "四"  # 我为赤峰发展献一策
VIDEO = "五"  # 寄语祖国微视频
ESSAYS = "七"  # 辉煌七十载主题系列活动
FLAG = "八"  # 我与国旗合个影
POVERTY = "九"  # 扶贫济困送温暖
RELIGION = "十一"  # 宗教界教风整治

SECTIONS = "部机关各科室"
DANGWAI = "党外干部和民主党派科"
CENTRE = "党外知识分子联络中心"
OFFICE = "办公室"

READING_SESSIONS = [
    (
        dt.date(2019, 2, 26),
        62,
        "围绕“学习领袖精神风范·强化职责使命担当”主题，邀请党校教授作专题辅导，5名党外人士交流发言",
    ),
    (dt.date(2019, 4, 25), 57, "以“大道同心·携手同行”为主题，组织学习多党合作历史，各民主党派市委负责同志交流体会"),
    (dt.date(2019, 6, 27), 66, "以“民族团结一家亲·同心共筑中国梦”为主题，参观民族团结进步教育基地并座谈"),
]


def demo_stage_running(*, today: dt.date = DEMO_TODAY) -> dict:
    """Replay January to mid-August 2019 on the plan `demo_load()` imported; `today` is the day the demo shows.

    Returns what it made, for `tongxin serve` to print. Running it again on the same database does nothing.
    """
    from tongxin.plans.models import Plan
    from tongxin.supervision.models import ProgressReport, Task

    if today < DEMO_TODAY:
        raise ValueError(f"演示进度截至 {DEMO_TODAY:%Y-%m-%d}，today 不能更早。")
    plan = Plan.objects.filter(status=Plan.Status.PUBLISHED).order_by("created_at").first()
    if plan is None:
        raise RuntimeError("还没有已发布的方案（请先运行 demo_load）")
    if ProgressReport.objects.filter(activity__plan=plan).exists():
        return {"plan": plan, "created": False}
    cast = _Cast(plan)
    _plan_tasks_and_rule(cast)
    _reading_club(cast)
    _training(cast)
    _implementation_plans(cast)
    _monthly_reports(cast, today)
    _approvals(cast)
    _urging(cast)
    _activity_states(cast, today)
    return {
        "plan": plan,
        "created": True,
        "tasks": Task.objects.filter(activity__plan=plan).count(),
        "reports": ProgressReport.objects.filter(activity__plan=plan).count(),
    }


def _activity_states(c: _Cast, today: dt.date) -> None:
    """The office marks what has begun as under way, and what is over and reported as done."""
    from tongxin.activities.models import Activity
    from tongxin.activities.services import activity_set_state

    with replay_at(today, 9):
        for act in c.plan.activities.order_by("order"):
            if act.ends_on and act.ends_on < today:
                state = Activity.State.DONE
            elif act.starts_on and act.starts_on <= today:
                state = Activity.State.UNDERWAY
            else:
                continue
            activity_set_state(actor=c.users["admin"], activity=act, state=state)


def _plan_tasks_and_rule(c: _Cast) -> None:
    from tongxin.supervision.services import rule_create, tasks_generate_for_plan

    admin = c.users["admin"]
    with replay_at(dt.date(2019, 1, 3), 9):
        tasks_generate_for_plan(actor=admin, plan=c.plan)
    with replay_at(dt.date(2019, 6, 20), 15):
        rule_create(
            actor=admin,
            plan=c.plan,
            title="月度进展报送",
            every_months=1,
            day_of_month=25,
            starts_on=dt.date(2019, 7, 1),
            ends_on=dt.date(2019, 12, 31),
        )


def _submit_and_accept(c: _Cast, *, actor, task, summary: str, sent: dt.date, accepted: dt.date | None, **kw):
    from tongxin.supervision.services import report_accept, report_submit

    with replay_at(sent, 16):
        report = report_submit(
            actor=actor,
            activity=task.activity,
            org=task.owner_org,
            task=task,
            session=task.session,
            summary=summary,
            **kw,
        )
    if accepted:
        with replay_at(accepted, 9, 30):
            report_accept(actor=c.users["admin"], report=report, comment="已采用。")
    return report


def _reading_club(c: _Cast) -> None:
    """The office reports for 部机关各科室, which has no account of its own: the plan, then sessions 1–3."""
    admin = c.users["admin"]
    _submit_and_accept(
        c,
        actor=admin,
        task=c.task(READING, "impl_plan", SECTIONS),
        summary="制定《“同心学习·立德圆梦”双月读书会实施方案》，明确全年六期主题、承办科室和参加范围",
        sent=dt.date(2019, 1, 8),
        accepted=dt.date(2019, 1, 9),
    )
    for order, (held_on, people, summary) in enumerate(READING_SESSIONS):
        _submit_and_accept(
            c,
            actor=admin,
            task=c.task(READING, "session", SECTIONS, session=order),
            summary=f"第{order + 1}期读书会{summary}",
            held_on=held_on,
            place="市委统战部三楼会议室",
            participants=people,
            files=[(f"读书会第{order + 1}期现场.png", demo_png(colour=(200, 30 + 40 * order, 40)))],
            media_links=f"https://news.example.com/chifeng/2019/reading-club-{order + 1}",
            sent=held_on + dt.timedelta(days=1),
            accepted=held_on + dt.timedelta(days=3),
        )


def _training(c: _Cast) -> None:
    """The June training in Harbin: both responsible units report their plan and the class; both accepted."""
    from tongxin.supervision.services import approval_decide, approval_request

    dangwai, admin = c.users["dangwai"], c.users["admin"]
    _submit_and_accept(
        c,
        actor=dangwai,
        task=c.task(TRAINING, "impl_plan", DANGWAI),
        summary="报送培训班实施方案：6月11日至20日在哈尔滨社会主义学院举办，学员48人，课程12个专题",
        sent=dt.date(2019, 5, 20),
        accepted=dt.date(2019, 5, 22),
    )
    with replay_at(dt.date(2019, 5, 21), 11):
        request = approval_request(
            actor=dangwai,
            activity=c.acts[TRAINING],
            org=c.orgs[DANGWAI],
            kind="request",
            title="关于举办民主党派骨干成员及优秀年轻干部培训班的请示",
            body="拟于6月11日至20日在哈尔滨社会主义学院举办培训班，经费从部门预算列支，妥否，请批示。",
            attachment=("培训班实施方案.docx", demo_docx("培训班实施方案", ["一、培训时间和地点", "二、参训对象"])),
        )
    with replay_at(dt.date(2019, 5, 23), 17):
        approval_decide(actor=c.users["zhangsh"], approval=request, approve=True, comment="同意。注意控制规模和经费。")
    _submit_and_accept(
        c,
        actor=admin,
        task=c.task(TRAINING, "impl_plan", CENTRE),
        summary="联络中心负责学员组织和后勤保障，方案已随党外干部和民主党派科实施方案一并报送",
        sent=dt.date(2019, 5, 24),
        accepted=dt.date(2019, 5, 27),
    )
    held = dt.date(2019, 6, 20)
    _submit_and_accept(
        c,
        actor=dangwai,
        task=c.task(TRAINING, "session", DANGWAI, session=0),
        summary="民主党派骨干成员及优秀年轻干部培训班圆满结业，开设多党合作理论、统一战线政策等12个专题",
        held_on=held,
        place="哈尔滨社会主义学院",
        participants=48,
        files=[("培训班开班式.png", demo_png(colour=(30, 90, 170))), ("结业合影.png", demo_png(colour=(40, 140, 80)))],
        media_links="https://news.example.com/chifeng/2019/training-harbin",
        sent=dt.date(2019, 6, 21),
        accepted=dt.date(2019, 6, 24),
    )
    _submit_and_accept(
        c,
        actor=admin,
        task=c.task(TRAINING, "session", CENTRE, session=0),
        summary="联络中心完成学员报名审核、往返交通和食宿安排，培训期间组织学员开展现场教学",
        held_on=held,
        place="哈尔滨社会主义学院",
        participants=48,
        sent=dt.date(2019, 6, 24),
        accepted=dt.date(2019, 6, 25),
    )


def _implementation_plans(c: _Cast) -> None:
    """Plans for the summer's activities: two accepted, one waiting for review, one returned with a comment."""
    from tongxin.supervision.services import report_return, report_submit

    dangwai, zongjiao, admin = c.users["dangwai"], c.users["zongjiao"], c.users["admin"]
    _submit_and_accept(
        c,
        actor=zongjiao,
        task=c.task(RELIGION, "impl_plan", "宗教业务科"),
        summary="制定教风整治活动实施方案，分宣传发动、自查自纠、督导检查、总结提升四个阶段推进",
        sent=dt.date(2019, 1, 15),
        accepted=dt.date(2019, 1, 17),
    )
    _submit_and_accept(
        c,
        actor=dangwai,
        task=c.task(PROPOSALS, "impl_plan", DANGWAI),
        summary="制定“我为赤峰发展献一策”活动方案，面向各民主党派、工商联和无党派人士征集建言",
        sent=dt.date(2019, 6, 12),
        accepted=dt.date(2019, 6, 13),
    )
    _submit_and_accept(
        c,
        actor=admin,
        task=c.task(POVERTY, "impl_plan", OFFICE),
        summary="制定送温暖活动方案，确定包扶村“一对一”走访慰问名单和职业农牧民培训安排",
        sent=dt.date(2019, 6, 14),
        accepted=dt.date(2019, 6, 17),
    )
    with replay_at(dt.date(2019, 8, 12), 10):
        report_submit(
            actor=dangwai,
            activity=c.acts[VISITS],
            org=c.orgs[DANGWAI],
            task=c.task(VISITS, "impl_plan", DANGWAI),
            summary="报送集中走访活动实施方案：9月上旬由市级党员领导干部分组走访联系的党外人士",
            files=[("集中走访实施方案.docx", _visits_plan())],
        )
    with replay_at(dt.date(2019, 8, 9), 15):
        video = report_submit(
            actor=dangwai,
            activity=c.acts[VIDEO],
            org=c.orgs[DANGWAI],
            task=c.task(VIDEO, "impl_plan", DANGWAI),
            summary="报送“寄语祖国”微视频征集和“我爱你中国”专题片制作方案",
        )
    with replay_at(dt.date(2019, 8, 12), 11):
        report_return(actor=admin, report=video, comment="请补充拍摄进度安排、经费预算和审核把关流程后重新报送。")


def _visits_plan() -> bytes:
    return demo_docx(
        "集中走访活动实施方案", ["一、走访时间：9月上旬", "二、走访对象：各级党外代表人士", "三、工作要求"]
    )


MONTHLY = [
    # (activity, unit, who reports, what)
    (READING, SECTIONS, "admin", "7月份读书会第四期筹备工作已启动，主题和辅导专家已确定"),
    (TRAINING, DANGWAI, "dangwai", "7月份完成培训班学员结业考核和培训总结，第二期培训班正在筹备"),
    (PROPOSALS, DANGWAI, "dangwai", "7月份共收到建言126条，正在分类整理"),
    (POVERTY, OFFICE, "admin", "7月份走访慰问包扶村困难群众32户，送去慰问金和生活用品"),
    (RELIGION, "宗教业务科", "zongjiao", "7月份完成宗教活动场所自查自纠，督导检查场所18处"),
]


def _monthly_reports(c: _Cast, today: dt.date) -> None:
    """The monthly rule falls due on the 25th: July's reports (five units on time, the rest late), August's open."""
    from tongxin.supervision.services import rules_generate_due

    with replay_at(dt.date(2019, 7, 11), 2):
        rules_generate_due(today=dt.date(2019, 7, 11))
    for i, (number, unit, who, summary) in enumerate(MONTHLY):
        _submit_and_accept(
            c,
            actor=c.users[who],
            task=c.task(number, "periodic", unit, period="2019-07"),
            summary=summary,
            sent=dt.date(2019, 7, 22 + i % 3),
            accepted=dt.date(2019, 7, 25),
        )
    with replay_at(dt.date(2019, 8, 11), 2):
        rules_generate_due(today=dt.date(2019, 8, 11))
    if today > DEMO_TODAY:
        with replay_at(today, 2):
            rules_generate_due(today=today)


def _approvals(c: _Cast) -> None:
    """An extension approved by 张圣合, a 请示 waiting for him, a 报备 acknowledged by 乌力吉."""
    from tongxin.supervision.services import approval_decide, approval_request

    dangwai = c.users["dangwai"]
    results = c.task(PROPOSALS, "results", DANGWAI)
    with replay_at(dt.date(2019, 8, 5), 10):
        extension = approval_request(
            actor=dangwai,
            activity=c.acts[PROPOSALS],
            org=c.orgs[DANGWAI],
            kind="extension",
            task=results,
            title="关于延期报送“我为赤峰发展献一策”活动成效的申请",
            body="活动共收到建言126条，需分类整理并征求相关部门意见，申请将成效报告延至8月30日报送。",
            new_due=dt.date(2019, 8, 30),
        )
    with replay_at(dt.date(2019, 8, 6), 16):
        approval_decide(actor=c.users["zhangsh"], approval=extension, approve=True, comment="同意延期，请按时报送。")
    with replay_at(dt.date(2019, 8, 12), 14):
        approval_request(
            actor=dangwai,
            activity=c.acts[VISITS],
            org=c.orgs[DANGWAI],
            kind="request",
            title="关于开展市级党员领导干部与党外人士联谊交友集中走访活动的请示",
            body="拟于9月上旬组织市级党员领导干部分组走访联系的党外人士，实施方案附后，妥否，请批示。",
            attachment=("集中走访实施方案.docx", _visits_plan()),
        )
    with replay_at(dt.date(2019, 8, 2), 9):
        filing = approval_request(
            actor=c.users["zongjiao"],
            activity=c.acts[RELIGION],
            org=c.orgs["宗教业务科"],
            kind="filing",
            title="关于宗教界教风整治督导检查安排的报备",
            body="8月中旬起分三组对全市重点宗教活动场所开展督导检查，特此报备。",
        )
    with replay_at(dt.date(2019, 8, 3), 10):
        approval_decide(actor=c.users["wulj"], approval=filing, approve=True, comment="已阅，注意安全。")


def _urging(c: _Cast) -> None:
    """Late implementation plans urged by the office and a leader; the longest-late one escalated to 张圣合."""
    from tongxin.supervision.services import task_escalate, task_urge

    admin = c.users["admin"]
    essays = c.task(ESSAYS, "impl_plan", "研究室")
    flag = c.task(FLAG, "impl_plan", "港澳台侨科")
    centre = c.task(POVERTY, "impl_plan", CENTRE)
    with replay_at(dt.date(2019, 8, 1), 9):
        for task in (essays, flag, centre):
            task_urge(actor=admin, task=task, note="请尽快报送细化实施方案。")
    with replay_at(dt.date(2019, 8, 8), 9):
        task_urge(actor=admin, task=flag, note="已逾期三周，请于8月12日前报送。")
    with replay_at(dt.date(2019, 8, 13), 8):
        task_escalate(task=flag, actor="督办提醒")
    with replay_at(dt.date(2019, 8, 14), 15):
        task_urge(actor=c.users["zhangsh"], task=essays, note="征文活动已经开始，方案要尽快报来。")

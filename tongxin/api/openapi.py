"""The API's OpenAPI 3.1 document, written by hand; tests check it against real responses so the two cannot drift."""

from __future__ import annotations

from django.conf import settings

from tongxin.activities.models import COMPONENT_LABELS, Activity, Session
from tongxin.orgs.models import Organisation, Person
from tongxin.plans.models import Plan
from tongxin.supervision import status
from tongxin.supervision.models import Task

DATE = {"type": ["string", "null"], "format": "date", "description": "ISO 日期（YYYY-MM-DD），未知时为 null"}
ID = {"type": "integer", "minimum": 1}
MOMENT = {
    "type": ["string", "null"],
    "format": "date-time",
    "description": "本地时间，带时区（ISO 8601），没有则为 null",
}
LIGHTS = list(status.ORDER)
LIGHT = {
    "type": "string",
    "enum": LIGHTS,
    "description": "状态灯：red=逾期，yellow=临近截止，green=正常，done=完成；由系统统一计算，与各页面一致",
}
LIGHT_LABEL = {
    "type": "string",
    "enum": [str(label) for label in status.LABELS.values()],
    "description": "状态灯的中文名称",
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable_ref(name: str) -> dict:
    return {"anyOf": [_ref(name), {"type": "null"}]}


def _text(description: str, *, nullable: bool = False) -> dict:
    return {"type": ["string", "null"] if nullable else "string", "description": description}


def _strings(description: str) -> dict:
    return {"type": "array", "items": {"type": "string"}, "description": description}


def _object(properties: dict, *, required: list[str] | None = None, description: str = "") -> dict:
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


# The events module's resources (tongxin.events.api): the publicity log and a session as it was run.
_ID = {"type": "integer", "minimum": 1}
_COUNT = {"type": "integer", "minimum": 0}
OUTLET_TYPES = ["电视", "广播", "报纸", "网站", "微信公众号", "短视频平台"]
PUBLICITY = {
    "type": "object",
    "properties": {
        "id": _ID,
        "activity_id": _ID,
        "activity": {"type": "string", "description": "活动名称"},
        "outlet_type": {"type": "string", "enum": ["tv", "radio", "paper", "web", "wechat", "video"]},
        "outlet_type_label": {"type": "string", "enum": OUTLET_TYPES},
        "outlet": {"type": "string", "description": "媒体名称"},
        "date": {"type": "string", "format": "date", "description": "刊播日期"},
        "title": {"type": "string"},
        "link": {"type": "string", "description": "链接（电视、广播可为空串）"},
    },
    "required": ["id", "activity_id", "activity", "outlet_type", "outlet_type_label", "outlet", "date", "title", "link"],
    "additionalProperties": False,
    "description": "一条宣传报道",
}
EVENTS_SCHEMAS = {
    "Publicity": PUBLICITY,
    "PublicityPage": {
        "type": "object",
        "properties": {
            "count": _COUNT,
            "by_type": {"type": "object", "description": "按媒体类型计数（键为类型名称）", "additionalProperties": _COUNT},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/Publicity"}, "maxItems": 500},
        },
        "required": ["count", "by_type", "results"],
        "additionalProperties": False,
    },
    "SessionRun": {
        "type": "object",
        "description": "场次的实际开展：主讲人、嘉宾、签到（按单位的应到/实到）与会议纪要",
        "properties": {
            "id": _ID,
            "activity_id": _ID,
            "title": {"type": "string"},
            "state": {"type": "string", "enum": ["planned", "held", "cancelled"]},
            "speakers": {"type": "string"},
            "guests": {"type": "string"},
            "attendance": {
                "type": "object",
                "properties": {
                    "count": _COUNT,
                    "by_unit": {"type": "array", "items": {"type": "object", "properties": {
                        "unit": {"type": "string"}, "expected": {"type": ["integer", "null"]}, "attended": _COUNT}}},
                    "people": {"type": "array", "items": {"type": "object", "properties": {
                        "name": {"type": "string"}, "unit": {"type": "string"},
                        "method": {"type": "string", "enum": ["qr", "manual"]},
                        "at": {"type": "string", "format": "date-time"}}}},
                },
            },
            "minutes": {"anyOf": [{"type": "object", "properties": {"text": {"type": "string"},
                                                                   "at": {"type": "string", "format": "date-time"}}},
                                  {"type": "null"}]},
        },
        "required": ["id", "activity_id", "title", "state", "speakers", "guests", "attendance", "minutes"],
    },
}  # fmt: skip


def _page(item: str) -> dict:
    return _object(
        {
            "count": {"type": "integer", "minimum": 0, "description": "符合条件的总条数"},
            "next": {"type": ["string", "null"], "format": "uri", "description": "下一页的地址，没有则为 null"},
            "previous": {"type": ["string", "null"], "format": "uri", "description": "上一页的地址，没有则为 null"},
            "results": {"type": "array", "items": _ref(item)},
        },
        description=f"分页列表（{item}）",
    )


WINDOW = _object(
    {
        "start": {**DATE, "description": "第一天（含）；截止期限为 null"},
        "end": {**DATE, "description": "最后一天（含）"},
        "text": _text("方案原文中的时间表述", nullable=True),
        "tentative": {"type": "boolean", "description": "拟于/计划于/初定"},
        "approximate": {"type": "boolean", "description": "“前后”：前后各 7 天"},
    },
    description="时间安排",
)

RECURRENCE = _object(
    {
        "every_months": {"type": ["integer", "null"], "minimum": 1, "description": "每几个月一次"},
        "text": _text("原文表述，如“每两个月举办一期”", nullable=True),
    },
    description="周期",
)

SESSION = _object(
    {
        "id": ID,
        "title": _text("主题"),
        "start": DATE,
        "end": DATE,
        "place": _text("地点", nullable=True),
        "activity_id": {**ID, "description": "所属活动（仅 /api/sessions 返回）"},
        "state": {"type": "string", "enum": Session.State.values, "description": "场次状态（仅 /api/sessions 返回）"},
    },
    required=["id", "title", "start", "end", "place"],
    description="场次。方案及活动中列出未取消的场次；/api/sessions 列出全部场次及其状态。",
)

# The parse schema's item fields, always present; plan_id only in /api/activities answers.
SCHEMA_ACTIVITY_FIELDS = (
    "id", "number", "title", "components", "windows", "recurrence", "sessions", "phases", "places",
    "place_pending", "participants", "lead_leaders", "responsible", "cooperating", "origin", "state",
)  # fmt: skip

ACTIVITY = _object(
    {
        "id": ID,
        "number": _text("方案中的序号，如“一”“1”；无序号为 null", nullable=True),
        "title": _text("活动名称"),
        "components": {
            "type": "array",
            "items": {"type": "string", "enum": list(COMPONENT_LABELS)},
            "description": "活动构成（类型）",
        },
        "windows": {"type": "array", "items": _ref("Window")},
        "recurrence": _nullable_ref("Recurrence"),
        "sessions": {"type": "array", "items": _ref("Session")},
        "phases": _strings("阶段名称，按顺序"),
        "places": _strings("地点"),
        "place_pending": {"type": "boolean", "description": "地点待定"},
        "participants": _strings("参加对象"),
        "lead_leaders": _strings("牵头领导（按方案写法）"),
        "responsible": _strings("责任单位（按方案写法）"),
        "cooperating": _strings("配合单位（按方案写法）"),
        "origin": {"type": "string", "enum": Activity.Origin.values, "description": "plan=规定动作，own=自选动作"},
        "state": {"type": "string", "enum": Activity.State.values, "description": "活动状态"},
        "light": {**LIGHT, "description": "活动的状态灯：其任务中最差的一项；全部任务办结为 done，没有任务为 green"},
        "light_label": LIGHT_LABEL,
        "plan_id": {**ID, "description": "所属方案（仅 /api/activities 返回）"},
    },
    required=[*SCHEMA_ACTIVITY_FIELDS, "light", "light_label"],
    description="活动，字段名与解析结果（SCHEMA.md）一致，另加督办状态灯",
)

TASK = _object(
    {
        "id": ID,
        "activity_id": {**ID, "description": "所属活动"},
        "session_id": {"type": ["integer", "null"], "description": "对应场次，没有则为 null"},
        "kind": {"type": "string", "enum": Task.Kind.values, "description": "任务类别"},
        "title": _text("事项"),
        "owner_org": _text("责任单位名称"),
        "owner_org_id": {**ID, "description": "责任单位"},
        "owner_user": _text("责任人", nullable=True),
        "due": {**DATE, "type": "string", "description": "截止日期"},
        "original_due": {**DATE, "type": "string", "description": "原定截止日期（延期前）"},
        "state": {"type": "string", "enum": Task.State.values, "description": "办理状态"},
        "light": LIGHT,
        "light_label": LIGHT_LABEL,
        "done_at": {**MOMENT, "description": "完成时间"},
        "last_urged_at": {**MOMENT, "description": "最近催办时间"},
        "escalated_at": {**MOMENT, "description": "上报领导时间"},
        "url": {"type": "string", "description": "该任务在本接口中的地址"},
    },
    description="督办任务及其状态灯",
)

HEADING = _object({"number": _text("序号", nullable=True), "title": _text("标题")}, description="章节或工作要求")
REPORTING = _object(
    {"to": _text("报送对象", nullable=True), "text": _text("报送要求原文", nullable=True)}, description="报送要求"
)
CONTACT = _object(
    {
        "name": _text("联系人"),
        "phones": _strings("电话"),
        "fax": _text("传真", nullable=True),
        "email": _text("电子邮箱", nullable=True),
    },
    description="联系人",
)

PLAN_FIELDS = {
    "id": ID,
    "title": _text("方案标题"),
    "year": {"type": ["integer", "null"], "description": "方案年度"},
    "issuer": _text("发文单位", nullable=True),
    "status": {
        "type": "string",
        "enum": Plan.Status.values,
        "description": "draft=草稿（仅管理员可见），published=已发布",
    },
}

PLAN = _object(
    {
        **PLAN_FIELDS,
        "activity_count": {"type": "integer", "minimum": 0, "description": "调用者可见的活动数"},
        "url": {"type": "string", "description": "该方案在本接口中的地址"},
    },
    description="方案（列表项）",
)

PLAN_DETAIL_EXAMPLE = {
    "id": 1,
    "title": "2019年庆祝中华人民共和国成立70周年统一战线系列活动方案",
    "year": 2019,
    "issuer": "市委统战部",
    "status": "published",
    "sections": [{"number": "一", "title": "指导思想"}, {"number": "二", "title": "活动安排"}],
    "requirements": [{"number": "一", "title": "加强组织领导"}],
    "reporting": {"to": "市委统战部", "text": "各单位于12月10日前报送活动总结。"},
    "contacts": [{"name": "胡延鹏", "phones": ["8334706"], "fax": "8301979", "email": None}],
    "activities": [
        {
            "id": 12,
            "number": "一",
            "title": "双月读书会活动",
            "components": ["recurring_meeting"],
            "windows": [
                {
                    "start": "2019-01-01",
                    "end": "2019-12-31",
                    "text": "2019年1月—12月",
                    "tentative": False,
                    "approximate": False,
                }
            ],
            "recurrence": {"every_months": 2, "text": "每两个月举办一期"},
            "sessions": [
                {
                    "id": 31,
                    "title": "第一期：新中国70年统一战线历程",
                    "start": "2019-02-01",
                    "end": "2019-02-28",
                    "place": "哈尔滨社会主义学院",
                }
            ],
            "phases": [],
            "places": ["哈尔滨社会主义学院"],
            "place_pending": False,
            "participants": ["各民主党派骨干成员"],
            "lead_leaders": ["张圣合"],
            "responsible": ["党外干部和民主党派科"],
            "cooperating": ["市侨联"],
            "origin": "plan",
            "state": "underway",
            "light": "yellow",
            "light_label": "临近",
        }
    ],
}

PLAN_DETAIL = {
    **_object(
        {
            **PLAN_FIELDS,
            "sections": {"type": "array", "items": _ref("Heading"), "description": "一级标题（一、二、三……）"},
            "requirements": {"type": "array", "items": _ref("Heading"), "description": "工作要求"},
            "reporting": _nullable_ref("Reporting"),
            "contacts": {"type": "array", "items": _ref("Contact")},
            "activities": {"type": "array", "items": _ref("Activity"), "description": "调用者可见的活动"},
        },
        description="方案及其活动，字段名与解析结果（SCHEMA.md）一致",
    ),
    "examples": [PLAN_DETAIL_EXAMPLE],
}

ORGANISATION = _object(
    {
        "id": ID,
        "name": _text("全称"),
        "short_name": _text("简称", nullable=True),
        "kind": {"type": "string", "enum": Organisation.Kind.values, "description": "单位在方案中的角色"},
        "type": {"type": "string", "enum": Organisation.Type.values, "description": "单位类型"},
        "type_label": _text("单位类型（中文）"),
        "is_placeholder": {"type": "boolean", "description": "泛称（如“各有关单位”），不分配任务"},
        "is_active": {"type": "boolean", "description": "是否启用"},
        "member_count": {"type": ["integer", "null"], "description": "成员人数"},
        "parent_id": {"type": ["integer", "null"], "description": "上级单位"},
        "parent": _text("上级单位名称", nullable=True),
        "members": {
            "type": "array",
            "items": _object({"id": ID, "name": _text("名称")}),
            "description": "集合名称（如“部机关各科室”）包含的单位",
        },
        "aliases": _strings("方案中的其他写法"),
    },
    description="单位",
)

PERSON = _object(
    {
        "id": ID,
        "name": _text("姓名"),
        "kind": {"type": "string", "enum": Person.Kind.values, "description": "人员身份"},
        "category": {
            "type": ["string", "null"],
            "enum": [*Person.Category.values, None],
            "description": "统战类别",
        },
        "title": _text("职务", nullable=True),
        "organisation_id": {"type": ["integer", "null"], "description": "所在单位"},
        "phone": _text("电话：部门管理员和本单位可见全号，其他人看到 138****1234", nullable=True),
        "id_number": _text("身份证号：部门管理员和本单位可见全号，其他人看到 1504**********1234", nullable=True),
    },
    description="人员（电话和身份证号按权限遮挡）",
)

ERROR = _object({"detail": _text("中文说明")}, description="错误")


def _param(name: str, where: str, description: str, **schema) -> dict:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "description": description,
        "schema": {"type": "integer", "minimum": 1, **schema},
    }


def _choice(name: str, description: str, values: list[str]) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "string", "enum": values},
    }


PARAMETERS = {
    "page": _param("page", "query", "页码，从 1 开始", default=1),
    "page_size": _param("page_size", "query", "每页条数，最多 500", default=50, maximum=500),
    "id": _param("id", "path", "编号"),
    "plan": _param("plan", "query", "只列出该方案的活动"),
    "unit": _param("unit", "query", "只列出该单位（含下级单位）承担职责或自选的活动"),
    "leader": _param("leader", "query", "只列出该领导牵头的活动"),
    "activity": _param("activity", "query", "只列出该活动的场次"),
    # The task list's filters: the same names as on the task list page, with their own meaning.
    "task_plan": _param("plan", "query", "只列出该方案的任务"),
    "task_activity": _param("activity", "query", "只列出该活动的任务"),
    "task_unit": _param("unit", "query", "只列出该单位（含下级单位）负责的任务"),
    "light": _choice("light", "只列出该状态灯的任务：red、yellow、green、done", LIGHTS),
    "state": _choice("state", "只列出该办理状态的任务", Task.State.values),
    "publicity_activity": _param("activity", "query", "只列出该活动的宣传报道"),
}


def _content(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


RESPONSES = {
    "BadRequest": {"description": "参数不正确", "content": _content(_ref("Error"))},
    "Unauthorized": {"description": "未登录：请先在本站登录（会话 Cookie）", "content": _content(_ref("Error"))},
    "NotFound": {"description": "不存在，或调用者无权查看", "content": _content(_ref("Error"))},
}


def _get(summary: str, schema: dict, *, params=(), description: str = "", lookup: bool = False) -> dict:
    responses = {"200": {"description": "成功", "content": _content(schema)}}
    if any(p != "id" for p in params):
        responses["400"] = {"$ref": "#/components/responses/BadRequest"}
    responses["401"] = {"$ref": "#/components/responses/Unauthorized"}
    if lookup or "page" in params:
        responses["404"] = {"$ref": "#/components/responses/NotFound"}
    op = {"summary": summary, "responses": responses}
    if description:
        op["description"] = description
    if params:
        op["parameters"] = [{"$ref": f"#/components/parameters/{p}"} for p in params]
    return {"get": op}


PAGED = ("page", "page_size")

SCHEMA = {
    "openapi": "3.1.0",
    "info": {
        "title": "同心 API",
        "version": "1",
        "description": (
            "只读接口：方案、活动、场次、督办任务、单位和人员。使用本站的登录会话（Cookie）认证；"
            "每位用户只能读到自己在页面上能看到的内容，看不到的对象返回 404。列表按页返回。"
        ),
    },
    "servers": [{"url": "/"}],
    "security": [{"session": []}],
    "paths": {
        "/api/plans": _get("方案列表", _ref("PlanPage"), params=PAGED),
        "/api/plans/{id}": _get(
            "方案详情及其活动",
            _ref("PlanDetail"),
            params=("id",),
            lookup=True,
            description="字段名和结构与方案解析结果（SCHEMA.md）一致；单位用户只会看到本单位承担或参与的活动。",
        ),
        "/api/activities": _get(
            "活动列表",
            _ref("ActivityPage"),
            params=("plan", "unit", "leader", *PAGED),
            description="可按方案、单位、牵头领导筛选。",
        ),
        "/api/activities/{id}": _get("活动详情", _ref("Activity"), params=("id",), lookup=True),
        "/api/tasks": _get(
            "督办任务列表",
            _ref("TaskPage"),
            params=("task_plan", "task_activity", "task_unit", "light", "state", *PAGED),
            description="与任务清单页面相同：红灯在前，再按截止日期排序；单位用户只会看到本单位负责的任务。",
        ),
        "/api/tasks/{id}": _get("督办任务详情", _ref("Task"), params=("id",), lookup=True),
        "/api/sessions": _get("场次列表", _ref("SessionPage"), params=("activity", *PAGED)),
        "/api/organisations": _get("单位列表", _ref("OrganisationPage"), params=PAGED),
        "/api/people": _get("人员列表", _ref("PersonPage"), params=PAGED),
        # Activity modules' resources (tongxin.events): the publicity log and sessions as they were run.
        "/api/publicity/": _get("宣传报道列表（含按媒体类型计数）", _ref("PublicityPage"), params=("publicity_activity",)),
        "/api/events/sessions/{id}": _get("场次签到、主讲人与纪要", _ref("SessionRun"), params=("id",), lookup=True),
        "/api/openapi.json": {
            "get": {
                "summary": "本接口说明（OpenAPI 3.1）",
                "security": [],
                "responses": {"200": {"description": "OpenAPI 文档", "content": _content({"type": "object"})}},
            }
        },
    },
    "components": {
        "securitySchemes": {
            "session": {
                "type": "apiKey",
                "in": "cookie",
                "name": settings.SESSION_COOKIE_NAME,
                "description": "本站登录会话",
            }
        },
        "parameters": PARAMETERS,
        "responses": RESPONSES,
        "schemas": {
            "Plan": PLAN,
            "PlanDetail": PLAN_DETAIL,
            "Heading": HEADING,
            "Reporting": REPORTING,
            "Contact": CONTACT,
            "Activity": ACTIVITY,
            "Window": WINDOW,
            "Recurrence": RECURRENCE,
            "Session": SESSION,
            "Task": TASK,
            "Organisation": ORGANISATION,
            "Person": PERSON,
            "Error": ERROR,
            "PlanPage": _page("Plan"),
            "ActivityPage": _page("Activity"),
            "SessionPage": _page("Session"),
            "TaskPage": _page("Task"),
            "OrganisationPage": _page("Organisation"),
            "PersonPage": _page("Person"),
            **EVENTS_SCHEMAS,
        },
    },
}


# --- The quiz (tongxin.quiz, mounted by the module seam at /api/quizzes/): its own small section. ---
QUIZ = _object({
    "id": ID, "title": _text("竞答名称"), "activity": ID, "time_limit": {"type": "integer", "description": "答题时限（秒）"},
    "public_url": _text("公众答题页地址"), "results_url": _text("成绩接口地址"),
}, description="网上知识竞答")
QUIZ_ORG = _object({
    "id": ID, "name": _text("组织"), "parent": {"type": ["integer", "null"], "description": "上级组织"},
    "participants": {"type": "integer", "description": "参赛人数（含下级）"},
    "member_count": {"type": "integer", "description": "成员人数（含下级）"},
    "participation_rate": {"type": "number", "description": "参赛率 = 参赛人数 ÷ 成员人数"},
    "average_score": {"type": "number", "description": "平均分（各人最好成绩）"},
    "collective_score": {"type": "number", "description": "集体得分（按权重）"}, "rank": {"type": "integer"},
}, description="组织成绩（逐级汇总）")
QUIZ_RESULTS = _object({
    "id": ID, "title": _text("竞答名称"), "computed_at": _text("排名计算时间", nullable=True),
    "participants": {"type": "integer"}, "flagged": {"type": "integer", "description": "待复核人数"},
    "ranking": {"type": "array", "items": _object({
        "rank": {"type": "integer"}, "name": _text("姓名（脱敏）"), "organisation": _text("组织"),
        "score": {"type": "number"}, "time_used": {"type": "number", "description": "用时（秒）"}})},
    "organisations": {"type": "array", "items": _ref("QuizOrganisation")},
}, description="竞答成绩：个人排名（得分优先、用时少者在前）和组织参赛率")
SCHEMA["paths"]["/api/quizzes/"] = _get("知识竞答列表", _object({
    "count": {"type": "integer"}, "results": {"type": "array", "items": _ref("Quiz")}}))
SCHEMA["paths"]["/api/quizzes/{id}/results"] = _get("竞答成绩与组织参赛率", _ref("QuizResults"), params=("id",),
                                                     lookup=True)
SCHEMA["components"]["schemas"].update({"Quiz": QUIZ, "QuizOrganisation": QUIZ_ORG, "QuizResults": QUIZ_RESULTS})

# Field work (issue 10): visits, households and campaigns. Written as plain values here, since the API floor does not
# import the module; tests/fieldwork and tests/api/test_openapi.py check them against real answers.
_RATE = _object(
    {
        "key": {"type": ["integer", "string"], "description": "阶段或场所的编号，或宗教的代码"},
        "label": _text("名称"),
        "items": {"type": "integer", "minimum": 0, "description": "必须完成的检查事项数"},
        "items_done": {"type": "integer", "minimum": 0, "description": "已完成的检查事项数"},
        "self_check_rate": {"type": ["number", "null"], "description": "自查完成率（%），无事项时为 null"},
        "problems": {"type": "integer", "minimum": 0, "description": "发现问题数"},
        "problems_signed_off": {"type": "integer", "minimum": 0, "description": "已销号问题数"},
        "rectification_rate": {"type": ["number", "null"], "description": "问题整改率（%），无问题时为 null"},
    },
    description="自查完成率 = 已完成事项 / 必须完成事项；问题整改率 = 已销号问题 / 发现问题",
)
FIELDWORK_SCHEMAS = {
    "Visit": _object(
        {
            "id": ID,
            "activity": ID,
            "visited_on": {**DATE, "type": "string"},
            "form": {"type": "string", "enum": ["visit", "talk", "forum", "phone"], "description": "走访形式代码"},
            "form_label": _text("走访形式：走访、谈心、座谈、电话"),
            "place": _text("地点"),
            "content": _text("走访内容"),
            "subject": _object(
                {
                    "type": {"type": "string", "enum": ["pairing", "household"]},
                    "id": ID,
                    "name": _text("联谊交友对象或帮扶户"),
                }
            ),
            "unit": _text("责任单位"),
            "opinions": {
                "type": "array",
                "items": _object(
                    {
                        "id": ID,
                        "kind": {"type": "string", "enum": ["opinion", "suggestion", "difficulty"]},
                        "text": _text("内容"),
                        "state": _text("办理状态：未交办、办理中、已反馈待确认、退回重办、已办结"),
                        "task": {"type": ["integer", "null"], "description": "交办后的督办任务编号"},
                    }
                ),
            },
        },
        description="走访记录（联谊交友或帮扶户）及其意见建议",
    ),
    "Household": _object(
        {
            "id": ID,
            "activity": ID,
            "unit": _text("包扶单位"),
            "head_name": _text("户主姓名"),
            "id_number": _text("身份证号：仅包扶单位可见全文，其他人看到遮挡后的号码"),
            "phone": _text("联系电话：仅包扶单位可见全文"),
            "town": _text("乡镇（苏木）"),
            "village": _text("村（嘎查）"),
            "category": {"type": "string", "enum": ["poor", "dibao", "wubao", "edge"]},
            "status": {"type": "string", "enum": ["helping", "out", "watch"]},
            "visits": {"type": "integer", "minimum": 0},
            "difficulties": {"type": "integer", "minimum": 0},
            "difficulties_resolved": {"type": "integer", "minimum": 0},
        },
        description="帮扶户（一户一档）",
    ),
    "Rate": _RATE,
    "Campaign": _object(
        {
            "id": ID,
            "activity": ID,
            "title": _text("名称"),
            "phases": {
                "type": "array",
                "items": _object(
                    {
                        "id": ID,
                        "name": _text("阶段"),
                        "start": DATE,
                        "end": DATE,
                        "closed": {"type": "boolean"},
                        "override_reason": _text("管理员强制关闭的理由，未强制关闭为空"),
                    }
                ),
            },
            "rates": _object(
                {
                    "overall": _ref("Rate"),
                    "by_phase": {"type": "array", "items": _ref("Rate")},
                    "by_religion": {"type": "array", "items": _ref("Rate")},
                    "by_venue": {"type": "array", "items": _ref("Rate")},
                },
                description="按阶段、宗教、场所的两率（只计调用者可见的场所）",
            ),
        },
        description="专项整治（教风整治）及其两率",
    ),
    "VisitPage": _page("Visit"),
    "HouseholdPage": _page("Household"),
    "CampaignPage": _page("Campaign"),
}
PARAMETERS["fieldwork_activity"] = _param("activity", "query", "只列出该活动的记录")
FIELDWORK_PATHS = {
    "/api/visits": _get(
        "走访记录列表",
        _ref("VisitPage"),
        params=("fieldwork_activity", *PAGED),
        description="单位用户只会看到本单位的走访记录。",
    ),
    "/api/households": _get(
        "帮扶户列表",
        _ref("HouseholdPage"),
        params=("fieldwork_activity", *PAGED),
        description="单位用户只会看到本单位包扶的户；身份证号和电话仅包扶单位可见全文。",
    ),
    "/api/campaigns": _get(
        "专项整治列表（含两率）",
        _ref("CampaignPage"),
        params=("fieldwork_activity", *PAGED),
        description="每项整治带按阶段、宗教和场所的自查完成率与问题整改率。",
    ),
}
SCHEMA["paths"].update(FIELDWORK_PATHS)
SCHEMA["components"]["schemas"].update(FIELDWORK_SCHEMAS)


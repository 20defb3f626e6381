"""The write half of the OpenAPI document (tokens, creating tasks, submitting reports), added to the read half."""

from __future__ import annotations

import copy

from tongxin.api.openapi import DATE, ID, SCHEMA, _content, _object, _ref, _text
from tongxin.supervision.models import ProgressReport

TASK_INPUT = _object(
    {
        "activity": {**ID, "description": "活动编号（须是调用者能看到的活动）"},
        "title": _text("事项"),
        "owner_org": {**ID, "description": "责任单位编号"},
        "owner_user": {"type": ["integer", "null"], "description": "责任人（用户编号，可省略）"},
        "due": {**DATE, "type": "string", "description": "截止日期"},
    },
    required=["activity", "title", "owner_org", "due"],
    description="新建督办任务（与“新建任务”页面相同的字段和校验）",
)
TASK_INPUT["examples"] = [{"activity": 3, "title": "报送活动影像资料", "owner_org": 5, "due": "2019-09-30"}]

REPORT_INPUT = _object(
    {
        "activity": {**ID, "description": "活动编号"},
        "summary": _text("开展情况"),
        "task": {**ID, "description": "对应任务（可省略）"},
        "session": {**ID, "description": "场次（可省略）"},
        "org": {**ID, "description": "报送单位（仅部门管理员代报时填写；单位用户固定为本单位）"},
        "held_on": {**DATE, "type": "string", "description": "开展日期"},
        "place": _text("地点"),
        "participants": {"type": "integer", "minimum": 0, "description": "参加人数"},
        "media_links": _text("媒体报道链接，每行一个"),
        "files": {
            "type": "array",
            "items": {"type": "string", "format": "binary"},
            "description": "照片和文件，可多个（与页面相同的类型和大小限制）",
        },
    },
    required=["activity", "summary"],
    description="报送开展情况（multipart/form-data，与报送页面相同的字段和校验）",
)

EVIDENCE = _object(
    {
        "name": _text("原文件名"),
        "content_type": _text("文件类型"),
        "size": {"type": "integer", "minimum": 0, "description": "字节数"},
    },
    description="佐证材料",
)
REPORT_CREATED = _object(
    {
        "id": ID,
        "activity_id": ID,
        "task_id": {"type": ["integer", "null"], "description": "对应任务"},
        "session_id": {"type": ["integer", "null"], "description": "场次"},
        "org": _text("报送单位"),
        "state": {"type": "string", "enum": ProgressReport.State.values, "description": "审核状态"},
        "summary": _text("开展情况"),
        "evidence": {"type": "array", "items": _ref("Evidence"), "description": "已保存的佐证材料"},
        "page_url": _text("该报告在网站中的页面"),
    },
    description="已报送的开展情况",
)
REPORT_CREATED["examples"] = [
    {
        "id": 19,
        "activity_id": 3,
        "task_id": 41,
        "session_id": None,
        "org": "党外干部和民主党派科",
        "state": "submitted",
        "summary": "8月12日在市社会主义学院举办，参加 45 人。",
        "evidence": [{"name": "现场照片.jpg", "content_type": "image/jpeg", "size": 183244}],
        "page_url": "/supervision/reports/19/",
    }
]
VALIDATION_ERROR = _object(
    {
        "detail": _text("中文说明"),
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": "每个字段的错误（字段名 → 说明）；__all__ 为整体错误",
        },
    },
    required=["detail"],
    description="提交的内容有误（没有保存任何内容）",
)
VALIDATION_ERROR["examples"] = [{"detail": "提交的内容有误，未保存。", "errors": {"summary": ["这个字段是必填项。"]}}]


WEBHOOK_EVENT = _object(
    {
        "event": {"type": "string", "enum": ["task.state_changed", "report.reviewed"], "description": "事件"},
        "occurred_at": {"type": "string", "format": "date-time", "description": "发生时间（ISO 8601）"},
        "data": {
            "type": "object",
            "description": "task.state_changed：task_id、state；report.reviewed：report_id、state、task_id。"
            "详情可用 /api/tasks/{id} 读取",
        },
    },
    required=["event", "occurred_at", "data"],
    description="推送给对接系统的事件（POST，JSON）。请求头 X-Tongxin-Event 为事件名，X-Tongxin-Signature 为 "
    "sha256=HMAC-SHA256(签名密钥, 原始请求体) 的十六进制；对方返回 2xx 即成功，否则按 1、5、30、120、480 分钟重试。",
)
WEBHOOK_EVENT["examples"] = [
    {
        "event": "report.reviewed",
        "occurred_at": "2019-08-15T10:20:00+08:00",
        "data": {"report_id": 19, "state": "accepted", "task_id": 41},
    }
]


def _webhook(summary: str) -> dict:
    return {
        "post": {
            "summary": summary,
            "requestBody": {"content": _content(_ref("WebhookEvent"))},
            "responses": {"200": {"description": "任何 2xx 表示已收到"}},
        }
    }


def _post(summary: str, body: dict, created: dict, *, description: str) -> dict:
    return {
        "summary": summary,
        "description": description,
        "requestBody": {"required": True, "content": body},
        "responses": {
            "201": {"description": "已创建", "content": _content(created)},
            "400": {"description": "提交的内容有误", "content": _content(_ref("ValidationError"))},
            "401": {"$ref": "#/components/responses/Unauthorized"},
            "403": {"$ref": "#/components/responses/Forbidden"},
            "404": {"$ref": "#/components/responses/NotFound"},
        },
    }


TASK_POST = _post(
    "新建督办任务",
    _content(_ref("TaskInput")),
    _ref("Task"),
    description="需要部门管理员权限（读写令牌或登录会话）。也接受表单编码。",
)
REPORT_POST = _post(
    "报送开展情况（可附文件）",
    {"multipart/form-data": {"schema": _ref("ReportInput")}},
    _ref("ReportCreated"),
    description="单位用户报送本单位负责的活动，部门管理员可代报；文件类型、大小与页面相同。"
    "记录领导批示的接口将由批示模块提供（尚未上线）。",
)

DESCRIPTION = (
    "方案、活动、场次、督办任务、单位和人员的查询接口，以及新建任务、报送开展情况的写入接口。"
    "认证方式二选一：本站登录会话（Cookie，写入时需带 CSRF 令牌），或个人接口令牌（请求头 "
    "Authorization: Bearer <令牌>，在“接口令牌”页面或用 tongxin token create 创建）。"
    "令牌的权限与其所属用户相同，不会更多；只读令牌不能写入（403），已吊销或过期的令牌返回 401。"
    "每位用户只能读到自己在页面上能看到的内容，看不到的对象返回 404。列表按页返回。"
)


def openapi_schema() -> dict:
    """The whole document, a copy the caller may change."""
    schema = copy.deepcopy(SCHEMA)
    schema["info"]["description"] = DESCRIPTION
    schema["security"] = [{"session": []}, {"bearer": []}]
    schema["paths"]["/api/tasks"]["post"] = TASK_POST
    schema["paths"]["/api/reports"] = {"post": REPORT_POST}
    # Sent by tongxin to a configured 对接系统 Webhook channel (inbox → 提醒渠道), signed with its secret.
    schema["webhooks"] = {
        "task.state_changed": _webhook("督办任务的办理状态变了"),
        "report.reviewed": _webhook("开展情况报告已审核（采用或退回）"),
    }
    components = schema["components"]
    components["securitySchemes"]["bearer"] = {
        "type": "http",
        "scheme": "bearer",
        "description": "个人接口令牌（tx_ 开头），权限与所属用户相同",
    }
    components["responses"]["Unauthorized"] = {
        "description": "未登录，或令牌无效、已吊销、已过期",
        "content": _content(_ref("Error")),
    }
    components["responses"]["Forbidden"] = {
        "description": "无权进行此操作（例如只读令牌、只读用户）",
        "content": _content(_ref("Error")),
    }
    components["schemas"].update(
        {
            "TaskInput": TASK_INPUT,
            "ReportInput": REPORT_INPUT,
            "ReportCreated": REPORT_CREATED,
            "Evidence": EVIDENCE,
            "ValidationError": VALIDATION_ERROR,
            "WebhookEvent": WEBHOOK_EVENT,
        }
    )
    return copy.deepcopy(schema)


# Schemas only a write answers or a request carries (the read tests' "every field appears in a GET" skips them).
WRITE_SCHEMAS = {"TaskInput", "ReportInput", "ReportCreated", "Evidence", "ValidationError", "WebhookEvent"}

"""Import tests: the task backend runs jobs at once (as tests/notify does), unless a test looks at the queued state."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate(settings):
    settings.TASKS = IMMEDIATE


def upload(client, name: str, data: bytes):
    return client.post(reverse("ingest:import"), {"file": SimpleUploadedFile(name, data)})


CN = "一二三四五六七八九十"


def cn(k: int) -> str:
    """1 → 一, 12 → 十二, 35 → 三十五 (up to 99)."""
    if k <= 10:
        return CN[k - 1]
    return ("" if k < 20 else CN[k // 10 - 1]) + "十" + (CN[k % 10 - 1] if k % 10 else "")


def numbered_plan(n: int, *, title: str = "某某市委统战部2019年系列活动方案") -> str:
    """A plan with n numbered activities; past 99 they come in groups of ten under （一）（二）… (items too)."""
    units = ["市发展改革委", "市财政局", "市教育局", "市科技局", "市民政局", "市委宣传部", "市侨联", "市工商联"]
    lines = [title, "一、指导思想", "以习近平新时代中国特色社会主义思想为指导。", "二、活动安排"]
    for i in range(n):
        number = i + 1
        if n > 99:
            number = i % 10 + 1
            if i % 10 == 0:
                lines.append(f"（{cn(i // 10 + 1)}）第{i // 10 + 1}组活动")
        lines.append(
            f"{number}.举办第{i + 1}期专题学习会。2019年{i % 12 + 1}月中旬，在市民中心举办。"
            f"（责任单位：{units[i % 8]}；配合单位：{units[(i + 3) % 8]}）"
        )
    lines += ["三、工作要求", "（一）加强组织领导。", "联系人：王小明，联系电话：5551234"]
    return "\n".join(lines)

"""Wording and layout defects a new user saw, checked on the rendered pages.

On the old code: the top bar read "同心 同心 · 方案落实管理" and, for the read-only account whose name is its role,
"只读查看 · 只读查看"; an inbox message on an activity whose title has its own quotes read "您报送的““寄语祖国”…";
a file size could break inside the number ("3" / "5.9 KB"); the navigation was one sideways-scrolling row.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tongxin.core.text import quoted
from tongxin.notify.models import Notification
from tongxin.supervision.services import report_return, report_submit

pytestmark = pytest.mark.django_db


def test_quoted_nests_inner_quotes_as_single_ones():
    assert quoted("“寄语祖国”微视频") == "“‘寄语祖国’微视频”"
    assert quoted("读书会") == "“读书会”"


def test_the_top_bar_names_the_site_once_and_a_role_only_when_it_adds_something(client_for, programme, people):
    people["viewer"].display_name = "只读查看"
    people["viewer"].save()
    html = client_for("viewer").get(reverse("activities:overview")).content.decode()
    assert "同心 同心" not in re.sub(r"<[^>]+>", " ", html).replace("  ", " ")
    assert '<a class="brand" href="/">同心 · 方案落实管理</a>' in html
    assert '<span class="who" data-testid="who">只读查看</span>' in html
    assert "<title>活动总览 · 同心 · 方案落实管理</title>" in html
    html = client_for("dangwai").get(reverse("activities:overview")).content.decode()
    assert '<span class="who" data-testid="who">dangwai<span class="who-role"> · 科室/单位</span></span>' in html


def test_the_navigation_is_a_menu_with_the_inbox_beside_it(client_for, programme):
    html = client_for("dangwai").get(reverse("activities:overview")).content.decode()
    nav = re.search(r'<nav class="mainnav".*?</nav>', html, re.S).group(0)
    menu = re.search(r"<details class=\"navmenu\" open data-navmenu>.*?</details>", nav, re.S).group(0)
    assert "<summary>菜单</summary>" in menu and ">总览</a>" in menu and "消息" not in menu
    assert '<a class="nav-inbox" href="/inbox/"' in nav.split("</details>")[1]


def test_an_inbox_message_on_a_quoted_title_has_one_pair_of_quotes(client_for, tasks, people, units):
    a = tasks["a"]
    a.title = "“寄语祖国”微视频、制作“我爱你中国”专题片活动"
    a.save()
    report = report_submit(actor=people["dangwai"], activity=a, org=units["dangwai"], summary="已拍摄")
    report_return(actor=people["admin"], report=report, comment="请补充")
    title = Notification.objects.get(recipient=people["dangwai"]).title
    assert title == "您报送的“‘寄语祖国’微视频、制作‘我爱你中国’专题片活动”开展情况已被退回"
    assert "““" not in client_for("dangwai").get(reverse("notify:inbox")).content.decode()


def test_a_file_size_never_breaks(client_for, tasks, people, units):
    png = b"\x89PNG\r\n\x1a\n" + b"0" * (35 * 1024)
    report = report_submit(actor=people["dangwai"], activity=tasks["a"], org=units["dangwai"], summary="x",
                           files=[("现场.png", png)])  # fmt: skip
    html = client_for("admin").get(reverse("supervision:report_detail", args=[report.pk])).content.decode()
    assert '<span class="small muted filesize">35.0\xa0KB</span>' in html

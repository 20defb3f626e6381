"""`tongxin createadmin`: the first department admin, interactively or from --username/--password or the environment."""

from __future__ import annotations

import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from tongxin.accounts.models import User
from tongxin.accounts.services import AccountError, account_create


class Command(BaseCommand):
    help = "创建部门管理员账号（首次部署时使用）"

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("TONGXIN_ADMIN_USERNAME", ""))
        parser.add_argument(
            "--password",
            default=os.environ.get("TONGXIN_ADMIN_PASSWORD", ""),
            help="也可用环境变量 TONGXIN_ADMIN_PASSWORD",
        )
        parser.add_argument("--display-name", default="部门管理员")
        parser.add_argument("--no-input", action="store_true", help="不提问（缺少用户名或密码则报错）")

    def handle(self, *args, **opts):
        username, password = opts["username"], opts["password"]
        if not username and not opts["no_input"]:
            username = input("用户名：").strip()
        if not password and not opts["no_input"]:
            password = getpass.getpass("密码：")
            if password != getpass.getpass("再输入一次："):
                raise CommandError("两次输入的密码不一致。")
        if not username or not password:
            raise CommandError(
                "请提供用户名和密码（--username/--password 或环境变量 TONGXIN_ADMIN_USERNAME/PASSWORD）。"
            )
        try:
            user = account_create(
                actor="createadmin",
                username=username,
                role=User.Role.ADMIN,
                display_name=opts["display_name"],
                initial_password=password,
            )
        except AccountError as exc:
            raise CommandError(str(exc)) from exc
        # The person who ran the command chose this password; it is theirs, not an initial one to replace.
        User.objects.filter(pk=user.pk).update(must_change_password=False)
        self.stdout.write(f"已创建部门管理员“{username}”。")

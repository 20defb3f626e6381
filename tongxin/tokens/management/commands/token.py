"""`tongxin token create USERNAME --scope read|write [--days N] [--name NAME]`: a personal API token from the shell."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tongxin.tokens.services import TokenError, token_create


class Command(BaseCommand):
    help = "接口令牌：tongxin token create 用户名 --scope read|write [--days N]，令牌只显示一次。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="为用户创建令牌")
        create.add_argument("username")
        create.add_argument("--scope", choices=["read", "write"], default="read")
        create.add_argument("--days", type=int, default=None, help="有效天数（默认长期有效）")
        create.add_argument("--name", default="命令行创建")

    def handle(self, *args, **opts):
        user = get_user_model().objects.filter(username=opts["username"]).first()
        if user is None:
            raise CommandError(f"没有用户“{opts['username']}”。")
        try:
            token, raw = token_create(
                actor="命令行", owner=user, name=opts["name"], scope=opts["scope"], days=opts["days"]
            )
        except TokenError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write(f"已为 {user.label} 创建{token.get_scope_display()}令牌（只显示这一次）：")
        self.stdout.write(raw)

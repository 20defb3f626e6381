"""`tongxin users import FILE [--dry-run]` and `tongxin users export FILE`: the 通讯录 from the command line."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tongxin.orgs.directory_io.exporting import export_xlsx, template_xlsx
from tongxin.orgs.services import directory_import


class Command(BaseCommand):
    help = "导入或导出通讯录（单位、人员、账号）：.xlsx、.xls 或 .csv"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="导入通讯录文件（先全部检查，有错则一行也不写）")
        imp.add_argument("file")
        imp.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        imp.add_argument(
            "--initial-password",
            default="",
            help="新账号的初始密码（首次登录须修改）；不填则账号等待邀请链接",
        )
        imp.add_argument("--links", default="", help="把新账号的一次性邀请链接写入这个 .csv 文件")
        exp = sub.add_parser("export", help="按模板格式导出通讯录")
        exp.add_argument("file")
        tpl = sub.add_parser("template", help="保存空白模板")
        tpl.add_argument("file")

    def handle(self, *args, action: str, file: str, **opts):
        path = Path(file)
        if action == "export":
            path.write_bytes(export_xlsx())
            self.stdout.write(f"已导出到 {path}")
            return
        if action == "template":
            path.write_bytes(template_xlsx())
            self.stdout.write(f"模板已保存到 {path}")
            return
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        started = time.perf_counter()
        result = directory_import(
            actor="命令行导入",
            name=path.name,
            data=path.read_bytes(),
            dry_run=opts["dry_run"],
            initial_password=opts["initial_password"],
        )
        for note in result.notes:
            self.stdout.write(note)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"发现 {len(result.problems)} 处问题，未写入任何数据。")
        c = result.counts
        found = f"单位 {c['units']} 行、人员 {c['people']} 行、账号 {c['accounts']} 行"
        if result.outcome is None:
            self.stdout.write(f"检查通过（{found}），未写入（--dry-run）。")
        else:
            self.stdout.write(f"已导入：{result.outcome.summary()}（{time.perf_counter() - started:.1f} 秒）")
            if opts["links"] and result.outcome.invited:
                self._write_links(Path(opts["links"]), result)

    def _write_links(self, path: Path, result) -> None:
        import csv

        from django.conf import settings

        site = settings.SITE_URL.rstrip("/")
        with path.open("w", newline="", encoding="utf-8-sig") as fh:  # the BOM lets Excel open it as UTF-8
            writer = csv.writer(fh)
            writer.writerow(["用户名", "名称", "单位", "邀请链接"])
            for user, link in result.invite_links():
                writer.writerow([user.username, user.display_name, user.organisation or "", site + link])
        self.stdout.write(f"{len(result.outcome.invited)} 个新账号的邀请链接已写入 {path}")

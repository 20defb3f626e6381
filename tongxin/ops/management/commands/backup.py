"""`tongxin backup -o FILE`: the database and the uploaded files in one archive with a manifest."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tongxin.ops.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "备份：把数据库（通过 Django，SQLite 与 PostgreSQL 通用）和上传文件写入一个带清单和校验和的归档。"

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="备份文件路径，例如 tongxin-2026-12-02.tar.gz")

    def handle(self, *args, **opts):
        output = Path(opts["output"])
        if not output.parent.exists():
            raise CommandError(f"目录不存在：{output.parent}")
        try:
            manifest = backup_create(output=output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["models"].values())
        files = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(self.style.SUCCESS(f"已备份 {rows} 行数据、{files} 个上传文件到 {output}"))

"""`tongxin restore FILE`: restore a backup into an empty instance, after checking the whole archive."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tongxin.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "恢复：先完整校验备份（清单与每个文件的校验和），再在一个事务中恢复到空的实例，并核对行数与校验和。"

    def add_arguments(self, parser):
        parser.add_argument("archive", help="tongxin backup 生成的备份文件")

    def handle(self, *args, **opts):
        archive = Path(opts["archive"])
        if not archive.is_file():
            raise CommandError(f"找不到备份文件：{archive}")
        try:
            result = backup_restore(archive=archive)
        except BackupError as exc:
            raise CommandError(f"未恢复，实例保持原样。{exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(f"已恢复 {result.rows} 行数据、{result.files} 个上传文件；行数与校验和均已核对。")
        )

"""`tongxin export ledger PLAN_ID -o FILE.xlsx`, `tongxin export bulletin PLAN_ID --from … --to … -o FILE.docx` and
`tongxin export summary PLAN_ID --year YYYY -o FILE.docx|.pdf`."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD，例如 2019-07-01，收到的是“{value}”") from exc


class ExportFailed(Exception):
    """A problem the person running the command can fix; its message says how."""


class Command(BaseCommand):
    help = "导出方案的督办台账（.xlsx）或工作简报（.docx）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True, metavar="{ledger,bulletin,summary}")
        ledger = sub.add_parser("ledger", help="督办台账：任务台账和开展情况两张表（Excel）")
        ledger.add_argument("plan_id", type=int, help="方案编号")
        ledger.add_argument("-o", "--output", required=True, help="输出文件，如 台账.xlsx")
        bulletin = sub.add_parser("bulletin", help="工作简报（Word），按时间段汇总")
        bulletin.add_argument("plan_id", type=int, help="方案编号")
        bulletin.add_argument("--from", dest="start", type=iso_date, required=True, help="起始日期 YYYY-MM-DD")
        bulletin.add_argument("--to", dest="end", type=iso_date, required=True, help="截止日期 YYYY-MM-DD")
        bulletin.add_argument("--issue", type=int, default=1, help="期号（第 N 期），默认 1")
        bulletin.add_argument("--issuer", default="", help="编印单位，默认为方案的发文单位")
        bulletin.add_argument("-o", "--output", required=True, help="输出文件，如 简报.docx")
        summary = sub.add_parser("summary", help="年终总结（Word 或 PDF，按输出文件的扩展名）")
        summary.add_argument("plan_id", type=int, help="方案编号")
        summary.add_argument("--year", type=int, required=True, help="年度，如 2019")
        summary.add_argument("-o", "--output", required=True, help="输出文件，如 年终总结.docx 或 年终总结.pdf")

    def handle(self, *args, **opts):
        try:
            path = self._export(opts)
        except ExportFailed as exc:
            self.stderr.write(f"导出失败：{exc}")
            sys.exit(1)
        self.stdout.write(self.style.SUCCESS(f"已导出：{path}"))

    def _export(self, opts) -> Path:
        from tongxin.plans.models import Plan
        from tongxin.reports.exporters import BulletinExporter, LedgerExporter

        plan = Plan.objects.filter(pk=opts["plan_id"]).first()
        if plan is None:
            raise ExportFailed(f"找不到编号为 {opts['plan_id']} 的方案。可在“方案”页面或 /api/plans/ 查看方案编号。")
        if opts["what"] == "ledger":
            exporter = LedgerExporter(plan=plan)
        elif opts["what"] == "summary":
            exporter = summary_exporter(plan, opts["year"], Path(opts["output"]))
        else:
            if opts["start"] > opts["end"]:
                raise ExportFailed("起始日期（--from）不能晚于截止日期（--to）。")
            exporter = BulletinExporter(
                plan=plan, start=opts["start"], end=opts["end"], issue=opts["issue"], issuer=opts["issuer"]
            )
        return write_file(exporter, Path(opts["output"]))


def summary_exporter(plan, year: int, path: Path):
    from tongxin.reports.summary import SummaryDocxExporter, SummaryPdfExporter

    kinds = {".docx": SummaryDocxExporter, ".pdf": SummaryPdfExporter}
    if path.suffix.lower() not in kinds:
        raise ExportFailed(f"年终总结只能导出为 .docx 或 .pdf，收到的文件名是“{path.name}”。")
    if not 2000 <= year <= 2100:
        raise ExportFailed(f"年度应为四位年份，如 2019，收到的是 {year}。")
    return kinds[path.suffix.lower()](plan=plan, year=year)


def write_file(exporter, path: Path) -> Path:
    """Write to the path, or explain why it cannot be written; a failed export leaves no half-written file."""
    if path.is_dir():
        raise ExportFailed(f"“{path}”是一个目录，请给出文件名，例如 {path / exporter.filename}。")
    try:
        fh = open(path, "wb")  # noqa: SIM115 - closed below, removed on failure
    except OSError as exc:
        raise ExportFailed(f"无法写入“{path}”：{exc.strerror or exc}。请检查目录是否存在、是否有写权限。") from exc
    try:
        with fh:
            exporter.write(fh)
    except BaseException:
        os.unlink(path)
        raise
    return path

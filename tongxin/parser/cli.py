"""`tongxin parse FILE [--json]`: print a plan's parse as SCHEMA.md JSON or as a readable Chinese summary."""

from __future__ import annotations

import argparse
import json
import sys

from .model import Activity, ParseResult


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tongxin parse", description="解析方案文件（.txt / .docx / .pdf）")
    parser.add_argument("file", nargs="?", help="方案文件路径")
    parser.add_argument("--json", action="store_true", help="输出 JSON（见 SCHEMA.md）")
    parser.add_argument("--score", metavar="GOLD_DIR", help="对照标注文件夹（*.gold.json）评分，输出各字段 F1")
    parser.add_argument("--verbose", action="store_true", help="评分时列出每一处差异")
    args = parser.parse_args(argv)
    if args.score:
        return _score(args.score, verbose=args.verbose)
    if not args.file:
        parser.error("请给出方案文件路径，或用 --score 指定标注文件夹")
    try:
        from . import DocumentError, parse_file

        try:
            result = parse_file(args.file)
        except DocumentError as exc:
            print(f"无法解析：{exc.message}", file=sys.stderr)
            return 2
        if args.json:
            print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        else:
            print(summary(result))
        return 0
    except BrokenPipeError:  # `tongxin parse … | head`: the reader left, nothing to report
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # noqa: BLE001 - the command line never shows a traceback
        print(f"解析时出现内部错误（{type(exc).__name__}）。请把文件发给维护人员。", file=sys.stderr)
        return 3


def _score(gold_dir: str, *, verbose: bool) -> int:
    from pathlib import Path

    from . import parse_file
    from .scoring import score_folder

    if not Path(gold_dir).is_dir():
        print(f"找不到标注文件夹：{gold_dir}", file=sys.stderr)
        return 2
    score = score_folder(gold_dir, lambda path: parse_file(path).to_json())
    if not score.documents:
        print(f"文件夹中没有标注文件（*.gold.json）：{gold_dir}", file=sys.stderr)
        return 2
    print(score.report(verbose=verbose))
    return 0


def summary(result: ParseResult) -> str:
    """A short Chinese report: title, year, issuer, each item with its time, owners and sessions."""
    lines = [
        f"标题：{result.title.value if result.title else '（未识别）'}",
        f"年份：{result.year or '（未识别）'}",
        f"发文单位：{result.issuer.value if result.issuer else '（未识别）'}",
        f"章节：{'；'.join(f'{s.number}、{s.title}' for s in result.sections) or '无'}",
        f"事项（{len(result.activities)} 项）：",
    ]
    for activity in result.activities:
        lines.extend(_activity_lines(activity))
    if result.requirements:
        lines.append("工作要求：" + "；".join(f"{r.number}. {r.title}" for r in result.requirements))
    if result.reporting:
        lines.append(f"报送：{result.reporting.text}")
    for contact in result.contacts:
        parts = [contact.name or "", "、".join(contact.phones), f"传真 {contact.fax}" if contact.fax else "",
                 contact.email or ""]
        lines.append("联系人：" + " ".join(p for p in parts if p))
    if result.warnings:
        lines.append(f"提示（{len(result.warnings)} 条）：")
        lines.extend(f"  - {w.message}" for w in result.warnings)
    for hint in result.possible_duplicates:
        lines.append(f"可能重复的单位名称：{' / '.join(hint.names)}（未合并，请核对）")
    return "\n".join(lines)


def _activity_lines(a: Activity) -> list[str]:
    head = f"  {a.number}. " if a.number else "  · "
    lines = [head + a.title.value]
    if a.windows:
        lines.append("     时间：" + "；".join(_window_text(w) for w in a.windows))
    owners = [("牵头领导", a.lead_leaders), ("责任单位", a.responsible), ("配合单位", a.cooperating)]
    for label, refs in owners:
        if refs:
            lines.append(f"     {label}：{'、'.join(r.name for r in refs)}")
    if a.places:
        lines.append("     地点：" + "、".join(p.value for p in a.places))
    elif a.place_pending:
        lines.append("     地点：待定")
    for s in a.sessions:
        where = f" @ {s.place}" if s.place else ""
        lines.append(f"     - {s.title}（{_dates(s.start, s.end)}）{where}")
    return lines


def _window_text(w: object) -> str:
    flags = [f for f, on in (("拟", w.tentative), ("约", w.approximate)) if on]  # type: ignore[attr-defined]
    return f"{w.text} → {_dates(w.start, w.end)}" + (f"（{'、'.join(flags)}）" if flags else "")  # type: ignore[attr-defined]


def _dates(start: object, end: object) -> str:
    if start is None and end is not None:
        return f"{end} 前"
    if start == end:
        return f"{start}"
    return f"{start} 至 {end}"

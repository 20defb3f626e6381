"""Backup and restore through Django: one tar archive with every model as JSON lines, the uploaded files and a manifest.

Going through Django's serializers (not pg_dump or a copy of the SQLite file) is what lets the same archive move an
office from SQLite to PostgreSQL. Rows are streamed model by model, so a large database never sits in memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

import tongxin
from tongxin.core.clock import now

FORMAT = "tongxin-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
# Rebuilt by `migrate` on every instance (their ids differ between databases), or not worth keeping (sessions).
SKIPPED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be made or restored; the message is for the person at the terminal."""


@dataclass
class RestoreResult:
    rows: int = 0
    files: int = 0
    models: dict[str, int] = field(default_factory=dict)


def backed_up_models() -> list:
    """Every concrete model with its own table (loaddata checks foreign keys at the end, so order does not matter)."""
    return [
        model
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed and model._meta.label_lower not in SKIPPED_MODELS
    ]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _dump_models(workdir: Path) -> tuple[dict[str, int], dict[str, dict]]:
    """Every model to data/<label>.jsonl inside one snapshot, so rows written meanwhile cannot half-appear."""
    counts: dict[str, int] = {}
    files: dict[str, dict] = {}
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        # An isolation level can only be chosen by the transaction's first statement (not inside a test's).
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for i, model in enumerate(backed_up_models()):
            label = model._meta.label_lower
            # No dots in the stem: loaddata would read "app.model.jsonl" as a fixture for a database named "model".
            name = f"data/{i:03d}-{label.replace('.', '-')}.jsonl"
            path = workdir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            counts[label] = model._base_manager.count()
            call_command(
                "dumpdata", label, format="jsonl", natural_foreign=True, use_base_manager=True,
                output=str(path), verbosity=0,
            )  # fmt: skip
            files[name] = {"sha256": _sha256(path), "size": path.stat().st_size}
    return counts, files


def backup_create(*, output: Path) -> dict:
    """Write the archive to `output` (via a temporary name, so a failed backup leaves no half file) → its manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    output = Path(output)
    with tempfile.TemporaryDirectory(prefix="tongxin-backup-") as tmp:
        workdir = Path(tmp)
        counts, files = _dump_models(workdir)
        media = {}
        for path in media_files(media_root):
            rel = path.relative_to(media_root).as_posix()
            media[f"media/{rel}"] = {"sha256": _sha256(path), "size": path.stat().st_size}
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "tongxin_version": tongxin.__version__,
            "created_at": now().isoformat(),
            "database_vendor": connection.vendor,
            "migrations": applied_migrations(),
            "models": counts,
            "files": {**files, **media},
        }
        manifest_path = workdir / MANIFEST
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            # The manifest goes first: restore reads it before it looks at (or trusts) anything else.
            tar.add(manifest_path, arcname=MANIFEST)
            for name in files:
                tar.add(workdir / name, arcname=name)
            for name in media:
                tar.add(media_root / name.removeprefix("media/"), arcname=name)
        os.replace(partial, output)
    return manifest


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and path.parts[:1] in (("data",), ("media",))


def _read_manifest(tar: tarfile.TarFile) -> tuple[dict, tarfile.TarInfo | None]:
    first = tar.next()
    if first is None or first.name != MANIFEST or not first.isfile():
        raise BackupError("这不是同心的备份文件（缺少清单 manifest.json）。")
    try:
        manifest = json.loads(tar.extractfile(first).read().decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError("备份清单已损坏，无法读取。") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("这不是同心的备份文件（清单格式不符）。")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"备份格式版本 {manifest.get('format_version')} 不受本版本支持。")
    if not isinstance(manifest.get("files"), dict) or not isinstance(manifest.get("models"), dict):
        raise BackupError("备份清单不完整。")
    return manifest, first


def backup_unpack(*, archive: Path, into: Path) -> dict:
    """Extract and check every file against the manifest → the manifest. Nothing outside `into` is touched."""
    try:
        with tarfile.open(archive, "r:*") as tar:
            manifest, _ = _read_manifest(tar)
            expected = manifest["files"]
            seen: set[str] = set()
            # tar.next() reads on from the manifest (iterating the TarFile would start over at the first member).
            while (member := tar.next()) is not None:
                name = member.name
                if name not in expected or not member.isfile() or not _safe_name(name) or name in seen:
                    raise BackupError(f"备份中有清单以外的内容：{name}")
                target = into / name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with tar.extractfile(member) as src, target.open("wb") as dst:
                    while chunk := src.read(CHUNK):
                        digest.update(chunk)
                        dst.write(chunk)
                if digest.hexdigest() != expected[name].get("sha256"):
                    raise BackupError(f"校验和不符，备份已损坏：{name}")
                seen.add(name)
    except (tarfile.TarError, EOFError, OSError, UnicodeDecodeError) as exc:
        raise BackupError(f"备份文件已损坏或不完整，无法读取（{exc.__class__.__name__}）。") from exc
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"备份不完整，缺少 {len(missing)} 个文件，例如：{missing[0]}")
    return manifest


def _check_migrations(manifest: dict) -> None:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    theirs = {(app, name) for app, names in manifest.get("migrations", {}).items() for name in names}
    newer = sorted(theirs - known)
    if newer:
        app, name = newer[0]
        raise BackupError(f"备份来自更新的版本（含本版本没有的数据库迁移 {app}.{name}），请先升级同心再恢复。")


def instance_is_empty() -> tuple[bool, str]:
    media = media_files(Path(settings.MEDIA_ROOT))
    if media:
        return False, f"上传文件目录不为空（{len(media)} 个文件）"
    for model in backed_up_models():
        if model._base_manager.exists():
            return False, f"数据库中已有数据（{model._meta.verbose_name}）"
    return True, ""


def row_counts() -> dict[str, int]:
    return {m._meta.label_lower: m._base_manager.count() for m in backed_up_models()}


def backup_restore(*, archive: Path) -> RestoreResult:
    """Restore into an empty instance: check the archive whole first, load in one transaction, then compare."""
    with tempfile.TemporaryDirectory(prefix="tongxin-restore-") as tmp:
        workdir = Path(tmp)
        manifest = backup_unpack(archive=Path(archive), into=workdir)
        _check_migrations(manifest)
        call_command("migrate", interactive=False, verbosity=0)
        empty, why = instance_is_empty()
        if not empty:
            raise BackupError(f"只能恢复到空的实例：{why}。请换一个新的数据目录和数据库后再恢复。")
        unknown = sorted(set(manifest["models"]) - {m._meta.label_lower for m in backed_up_models()})
        if unknown:
            raise BackupError(f"备份中有本版本不认识的数据表：{unknown[0]}")
        return _load(manifest, workdir)


def _load(manifest: dict, workdir: Path) -> RestoreResult:
    media_root = Path(settings.MEDIA_ROOT)
    fixtures = [
        str(workdir / name)
        for name, meta in sorted(manifest["files"].items())
        if name.startswith("data/") and meta.get("size")
    ]
    media = [name for name in manifest["files"] if name.startswith("media/")]
    written: list[Path] = []
    try:
        with transaction.atomic():
            # loaddata loads every file in one transaction, checks foreign keys and resets PostgreSQL sequences.
            if fixtures:
                call_command("loaddata", *fixtures, verbosity=0)
            counts = row_counts()
            wrong = {k: (v, counts.get(k)) for k, v in manifest["models"].items() if counts.get(k) != v}
            if wrong:
                label, (want, got) = next(iter(wrong.items()))
                raise BackupError(f"恢复后行数不符：{label} 应为 {want}，实为 {got}；已撤销恢复。")
            for name in media:
                target = media_root / name.removeprefix("media/")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(workdir / name, target)
                written.append(target)
                if _sha256(target) != manifest["files"][name]["sha256"]:
                    raise BackupError(f"写入后校验和不符：{name}；已撤销恢复。")
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return RestoreResult(rows=sum(counts.values()), files=len(media), models=counts)

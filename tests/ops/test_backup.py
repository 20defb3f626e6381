"""Backup and restore: the demo moves SQLite → PostgreSQL → SQLite with every row and file; bad archives change nothing.

The source is the test database (in this process); each target is a fresh instance in a subprocess with its own
DATABASE_URL and TONGXIN_DATA_DIR, as an office would run `tongxin restore` on a new machine.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from tests.conftest import ROOT
from tongxin.demo.plan import demo_load
from tongxin.ops.backup import MANIFEST, backup_create, media_files, row_counts
from tongxin.orgs.models import Organisation
from tongxin.supervision.models import ProgressReport

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def _tongxin(env_extra: dict, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **env_extra, "PYTHONPATH": str(ROOT), "SECRET_KEY": "restore-test"}
    # No DATABASE_URL means the instance's own SQLite file in its TONGXIN_DATA_DIR.
    env = {k: v for k, v in env.items() if v and k != "TONGXIN_TODAY"}
    return subprocess.run(
        [sys.executable, "-m", "tongxin.cli", *args], env=env, capture_output=True, text=True, timeout=300
    )


def _manifest(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.loads(tar.extractfile(MANIFEST).read())


def _media(manifest: dict) -> dict:
    return {k: v["sha256"] for k, v in manifest["files"].items() if k.startswith("media/")}


def _fresh_pg_database(name: str) -> str | None:
    try:
        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return None
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def _drop_pg_database(name: str) -> None:
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def demo_backup(db, tmp_path):
    demo_load(stage="running")
    archive = tmp_path / "demo.tar.gz"
    manifest = backup_create(output=archive)
    return archive, manifest


@pytest.mark.postgres
def test_demo_moves_from_sqlite_to_postgresql_and_back_with_every_row_and_file(demo_backup, tmp_path):
    archive, source = demo_backup
    assert source["models"] == row_counts()
    assert source["models"]["supervision.progressreport"] == ProgressReport.objects.count() > 0
    assert len(_media(source)) == len(media_files(Path(settings.MEDIA_ROOT))) > 0
    pg_name = f"tongxin_ops_restore_{os.getpid()}"
    pg_url = _fresh_pg_database(pg_name)
    if pg_url is None:
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    try:
        pg = {"DATABASE_URL": pg_url, "TONGXIN_DATA_DIR": str(tmp_path / "pg")}
        restored = _tongxin(pg, "restore", str(archive))
        assert restored.returncode == 0, restored.stderr
        assert "行数与校验和均已核对" in restored.stdout
        # Sequences were reset: a new row after the restore does not collide with a restored id.
        created = _tongxin(
            pg,
            "shell",
            "-c",
            "from tongxin.orgs.models import Organisation as O; print(O.objects.create(name='新单位').pk)",
        )
        assert created.returncode == 0, created.stderr
        assert int(created.stdout.split()[-1]) > Organisation.objects.order_by("-pk").first().pk
        _tongxin(
            pg,
            "shell",
            "-c",
            "from tongxin.orgs.models import Organisation as O; O.objects.filter(name='新单位').delete()",
        )
        assert _tongxin(pg, "backup", "-o", str(tmp_path / "from-pg.tar.gz")).returncode == 0
        from_pg = _manifest(tmp_path / "from-pg.tar.gz")
        assert from_pg["database_vendor"] == "postgresql"
        assert from_pg["models"] == source["models"]
        assert _media(from_pg) == _media(source)
        # …and back to a fresh SQLite instance.
        lite = {"DATABASE_URL": "", "TONGXIN_DATA_DIR": str(tmp_path / "lite")}
        assert _tongxin(lite, "restore", str(tmp_path / "from-pg.tar.gz")).returncode == 0
        assert _tongxin(lite, "backup", "-o", str(tmp_path / "from-lite.tar.gz")).returncode == 0
        from_lite = _manifest(tmp_path / "from-lite.tar.gz")
        assert from_lite["database_vendor"] == "sqlite"
        assert from_lite["models"] == source["models"]
        assert _media(from_lite) == _media(source)
        assert sorted(p.name for p in (tmp_path / "lite" / "media").rglob("*") if p.is_file()) == sorted(
            Path(k).name for k in _media(source)
        )
    finally:
        _drop_pg_database(pg_name)


def _rewrite(archive: Path, out: Path, change) -> Path:
    """A copy of the archive with one member's bytes changed by `change(name, data) -> data | None (drop)`."""
    with tarfile.open(archive) as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            data = change(member.name, src.extractfile(member).read())
            if data is None:
                continue
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    return out


def _flip_first_evidence(name: str, data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 1]) if name.startswith("media/evidence") and data else data


@pytest.mark.parametrize(
    "make_bad, message",
    [
        (lambda a, t: _rewrite(a, t / "bad.tar.gz", _flip_first_evidence), "校验和不符"),
        (
            lambda a, t: (
                t.joinpath("cut.tar.gz").write_bytes(a.read_bytes()[: a.stat().st_size // 2]) and t / "cut.tar.gz"
            ),
            "已损坏或不完整",
        ),
        (lambda a, t: _rewrite(a, t / "gone.tar.gz", lambda n, d: None if n.startswith("data/") else d), "备份不完整"),
        (
            lambda a, t: t.joinpath("foreign.tar.gz").write_bytes(gzip.compress(b"not a tar")) and t / "foreign.tar.gz",
            "已损坏或不完整",
        ),
        (
            lambda a, t: _rewrite(a, t / "other.tar.gz", lambda n, d: b'{"format": "other"}' if n == MANIFEST else d),
            "不是同心的备份文件",
        ),
    ],
    ids=["flipped-byte", "truncated", "missing-files", "not-a-tar", "foreign-manifest"],
)
def test_a_corrupt_truncated_or_foreign_archive_is_refused_and_the_instance_is_left_as_it_was(
    demo_backup, tmp_path, make_bad, message
):
    archive, _ = demo_backup
    bad = make_bad(archive, tmp_path)
    target = {"DATABASE_URL": "", "TONGXIN_DATA_DIR": str(tmp_path / "target")}
    result = _tongxin(target, "restore", str(bad))
    assert result.returncode == 1
    assert "未恢复，实例保持原样" in result.stderr and message in result.stderr
    # Refused before anything was written: not even the database file or the media folder exists.
    assert not (tmp_path / "target" / "tongxin.sqlite3").exists()
    assert not (tmp_path / "target" / "media").exists()


def test_restore_refuses_an_instance_that_already_has_data(demo_backup, tmp_path):
    archive, source = demo_backup
    target = {"DATABASE_URL": "", "TONGXIN_DATA_DIR": str(tmp_path / "target")}
    assert _tongxin(target, "restore", str(archive)).returncode == 0
    again = _tongxin(target, "restore", str(archive))
    assert again.returncode == 1
    assert "只能恢复到空的实例" in again.stderr
    counts = _tongxin(
        target, "shell", "-c", "from tongxin.ops.backup import row_counts; print(sum(row_counts().values()))"
    )
    assert int(counts.stdout.split()[-1]) == sum(source["models"].values())

"""`scripts/ensure-browser` never calls apt when Chromium, the CJK fonts and pdftoppm are all there.

The old script piped `fc-list` into `grep -q` under `set -o pipefail`: with a long font list grep exits at the first
match, fc-list dies of SIGPIPE (141), the pipeline "fails" and apt-get ran for nothing — breaking `make test`
offline. The fake `fc-list` here prints the match first and then thousands of lines, which reproduces that.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "ensure-browser"
FONTS = "/usr/share/fonts/NotoSansCJK-Regular.ttc: Noto Sans CJK SC:style=Regular\n" + (
    "/usr/share/fonts/wqy-microhei.ttc: WenQuanYi Micro Hei:style=Regular\n"
)


def _fake_tools(tmp_path: Path, *, fonts: str) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    tools = {
        "fc-list": f"cat <<'LIST'\n{fonts}LIST\nyes '/usr/share/fonts/x.ttf: Some Other Font:style=Regular' | head -n 200000",
        "pdftoppm": "exit 0",
        "apt-get": 'echo "apt-get called: $*" >&2; exit 97',
        "sudo": '"$@"',
    }
    for name, body in tools.items():
        path = bin_dir / name
        path.write_text(f"#!/usr/bin/env bash\n{body}\n")
        path.chmod(0o755)
    chromium = bin_dir / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    return {"PATH": f"{bin_dir}:/usr/bin:/bin", "CHROMIUM": str(chromium), "HOME": str(tmp_path)}


def _run(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60, check=False)


def test_everything_present_exits_0_without_calling_apt(tmp_path):
    result = _run(_fake_tools(tmp_path, fonts=FONTS))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_missing_font_asks_apt_for_exactly_that_package(tmp_path):
    env = _fake_tools(tmp_path, fonts=FONTS.splitlines(keepends=True)[0])
    result = _run(env)
    assert result.returncode == 97
    assert "fonts-wqy-microhei" in result.stdout and "fonts-noto-cjk" not in result.stdout
    assert "apt-get called: update -qq" in result.stderr


def test_the_script_is_executable_by_make():
    assert os.access(SCRIPT, os.R_OK)

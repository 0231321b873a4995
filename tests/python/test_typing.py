"""The type stubs cannot drift: mypy --strict on a realistic use of the API, and stubtest against the
compiled module."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

pytest.importorskip("mypy")


def _run(args: list[str], cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )


def test_mypy_strict_on_api_usage(repo_root: pathlib.Path) -> None:
    checks = sorted(str(p.relative_to(repo_root)) for p in (repo_root / "tests" / "typing").glob("check_*.py"))
    assert "tests/typing/check_api.py" in checks
    result = _run(["mypy", "--strict", "--no-incremental", *checks], repo_root)
    assert result.returncode == 0, result.stdout + result.stderr


def test_stubtest(repo_root: pathlib.Path) -> None:
    allowlist = repo_root / "tests" / "typing" / "stubtest-allowlist.txt"
    assert allowlist.is_file()
    result = _run(["mypy.stubtest", "ltv", "--allowlist", str(allowlist)], repo_root)
    assert result.returncode == 0, result.stdout + result.stderr

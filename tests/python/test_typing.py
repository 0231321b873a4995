"""The type stubs cannot drift: mypy --strict on a realistic use of the API, and stubtest against the
compiled module."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import mypy  # noqa: F401  (a test dependency: missing is an error, not a skip)


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


# Option strings are Literal types: mypy --strict rejects a misspelt one at the call site.
_BAD_OPTIONS = """
from typing import Any

import ltv.cohort
import ltv.leads


def bad(df: Any) -> None:
    ltv.cohort.cohort_table(customer=[1], period=["2024-01"], revenue=[1.0], unit="hour")
    ltv.leads.compare_campaigns(df, value="v", rank_by="best")
"""


def test_mypy_rejects_unknown_option_strings(repo_root: pathlib.Path, tmp_path: pathlib.Path) -> None:
    check = tmp_path / "check_bad_options.py"
    check.write_text(_BAD_OPTIONS)
    result = _run(["mypy", "--strict", "--no-incremental", str(check)], repo_root)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert 'Argument "unit" to "cohort_table" has incompatible type "Literal[\'hour\']"' in out, out
    assert 'Argument "rank_by" to "compare_campaigns" has incompatible type "Literal[\'best\']"' in out, out
    assert "Found 2 errors" in out, out


def test_mypy_strict_rejects_unknown_option_strings(repo_root: pathlib.Path, tmp_path: pathlib.Path) -> None:
    # The stubs type every formula option as a Literal: a misspelt option is a type error, not a runtime one.
    bad = tmp_path / "bad_options.py"
    bad.write_text(
        "import ltv\n"
        "import ltv.vec\n"
        'ltv.discounted_ltv(monthly_margin=1, monthly_churn=0.1, annual_discount_rate=0.1, timing="start")\n'
        'ltv.saas_ltv(arpu=1, gross_margin=0.5, monthly_churn=0.1, churn_basis="revenue")\n'
        'ltv.retention_cltv(revenue=1, gross_margin=1, retention=0.5, discount_rate=0.1, periods=3, period="year")\n'
        'ltv.vec.saas_ltv(arpu=[1.0], gross_margin=0.5, monthly_churn=0.1, errors="ignore")\n'
        'ltv.vec.discounted_ltv(monthly_margin=[1.0], monthly_churn=0.1, monthly_discount_rate=0.0, timing="end")\n'
        'ltv.discounted_ltv(monthly_margin=1, monthly_churn=0.1, annual_discount_rate=0.1, timing="end_of_period")\n'
    )
    result = _run(["mypy", "--strict", "--no-incremental", str(bad)], repo_root)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    flagged = sorted({int(line.split(":")[1]) for line in out.splitlines() if ": error:" in line})
    assert flagged == [3, 4, 5, 6, 7], out
    assert out.count('[arg-type]') == 3, out  # the scalar functions
    assert out.count('[call-overload]') == 2, out  # ltv.vec: overloaded (vec.pyi), no overload matches

"""``mypy --strict`` sees the options and the results precisely: a misspelt option string is a type error at the
call site (scalar, ``ltv.vec`` and ``ltv.frame`` alike), and a correct call type-checks with its real result type."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import mypy  # noqa: F401  (a test dependency: missing is an error, not a skip)

_GOOD = '''
from decimal import Decimal

import numpy as np
import numpy.typing as npt
import polars as pl

import ltv
import ltv.benchmarks
import ltv.frame
import ltv.vec

value: Decimal = ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03, churn_basis="gross_revenue")
pv: Decimal = ltv.discounted_ltv(monthly_margin=400, monthly_churn=0.03, annual_discount_rate=0.1, timing="end_of_period")
ratio: ltv.LtvCacRatio = ltv.ltv_cac_ratio(ltv=12000, cac=3000)
band: str = ratio.band
column: npt.NDArray[np.float64] = ltv.vec.saas_ltv(arpu=[500.0], gross_margin=0.8, monthly_churn=0.03, errors="nan")
rates = ltv.vec.retention_cltv(revenue=[1.0], gross_margin=1, retention=0.5, discount_rate=0.1, periods=3, period="monthly")
df = pl.DataFrame({"arpu": [500.0], "gross_margin": [0.8], "monthly_churn": [0.03]})
series: pl.Series = ltv.frame.saas_ltv(df, churn_basis="logo", errors="nan")
later = ltv.frame.discounted_ltv(df, monthly_margin="arpu", annual_discount_rate=0.1, timing="end_of_period_survivors")
kept = ltv.frame.retention_cltv(df, revenue="arpu", retention=0.8, discount_rate=0.1, periods=5, period="annual")
figure = ltv.benchmarks.find("cost_per_lead", "technology")
cohort = ltv.cohort_ltv(surviving_customers=[10, 5], active_customers=[10, 5], revenue=[1.0, 1.0], gross_margin=1,
                        growth="observed")
'''

# Each line from the 7th is one mistake that mypy --strict must report (line numbers count from 1).
_BAD = '''import polars as pl
import ltv
import ltv.benchmarks
import ltv.frame
import ltv.vec
df = pl.DataFrame({"arpu": [500.0], "gross_margin": [0.8], "monthly_churn": [0.03]})
ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03, timing="start")
ltv.discounted_ltv(monthly_margin=400, monthly_churn=0.03, annual_discount_rate=0.1, timing="start")
ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03, churn_basis="revenue")
ltv.vec.saas_ltv(arpu=[500.0], gross_margin=0.8, monthly_churn=0.03, errors="ignore")
ltv.frame.saas_ltv(df, errors="ignore")
ltv.frame.discounted_ltv(df, monthly_margin="arpu", annual_discount_rate=0.1, timing="start")
ltv.frame.retention_cltv(df, revenue="arpu", retention=0.8, discount_rate=0.1, periods=5, period="year")
ltv.frame.saas_ltv(df, arpu=["not", "a", "column"])
x: int = ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03)
ltv.benchmarks.find("cpl", "technology")
ltv.cohort_ltv(surviving_customers=[10, 5], active_customers=[10, 5], revenue=[1.0, 1.0], gross_margin=1, growth="observd")
'''
_BAD_LINES = list(range(7, 18))
# (pandas ships no type information, so mypy cannot tell a dict from a pandas DataFrame: the runtime rejects it.)


def _mypy(path: pathlib.Path, cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(path)],
        cwd=cwd, capture_output=True, text=True, timeout=600, check=False,
    )


def test_mypy_strict_accepts_correct_calls(repo_root: pathlib.Path, tmp_path: pathlib.Path) -> None:
    good = tmp_path / "good_calls.py"
    good.write_text(_GOOD)
    result = _mypy(good, repo_root)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_reports_each_wrong_option(repo_root: pathlib.Path, tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "bad_calls.py"
    bad.write_text(_BAD)
    result = _mypy(bad, repo_root)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    flagged = sorted({int(line.split(":")[1]) for line in out.splitlines() if ": error:" in line})
    assert flagged == _BAD_LINES, out
    assert 'Unexpected keyword argument "timing" for "saas_ltv"' in out, out
    assert 'Argument "timing" to "discounted_ltv" has incompatible type "Literal[\'start\']"' in out, out
    # ltv.vec and ltv.frame are overloaded (the result type follows the input, vec.pyi / frame.pyi): a wrong
    # option matches no overload, and the notes list each overload with the option's Literal values.
    for line, name in [(10, "saas_ltv"), (11, "saas_ltv"), (12, "discounted_ltv"), (13, "retention_cltv"), (14, "saas_ltv")]:
        assert f'bad_calls.py:{line}: error: No overload variant of "{name}" matches argument types' in out, out
    assert out.count("[call-overload]") == 5, out
    assert "errors: Literal['raise', 'nan'] = ..." in out, out
    assert "period: Literal['monthly', 'annual'] = ..." in out, out
    assert 'Argument 1 to "find" has incompatible type "Literal[\'cpl\']"' in out, out
    assert 'Argument "growth" to "cohort_ltv" has incompatible type "Literal[\'observd\']"' in out, out


# The result type follows the input (the overloads of python/ltv/vec.pyi and frame.pyi): using a result as
# the other kind is an error. (A pandas type is Any without pandas-stubs, so only the numpy and polars results
# can be told apart here; tests/typing/check_overloads.py checks the types themselves.)
_WRONG_RESULT = '''import numpy as np
import numpy.typing as npt
import polars as pl
import ltv.frame
import ltv.vec
df = pl.DataFrame({"arpu": [500.0], "gross_margin": [0.8], "monthly_churn": [0.03]})
arpu = np.zeros(1)
a: pl.Series = ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.8, monthly_churn=0.03)
b: pl.Series = ltv.vec.saas_ltv(arpu=df["arpu"], gross_margin=df["gross_margin"], monthly_churn=[0.03])
c: npt.NDArray[np.float64] = ltv.frame.saas_ltv(df)
d: npt.NDArray[np.float64] = ltv.vec.ltv_cac_band(ratio=[2.0, 4.0])
e: npt.NDArray[np.object_] = ltv.vec.lead_ltv(customer_ltv=arpu, conversion_rate=0.05)
f: int = ltv.frame.bid_cap(df, lead_ltv="arpu").len()
g: str = ltv.frame.bid_cap(df, lead_ltv="arpu")
'''
_WRONG_RESULT_LINES = [8, 9, 10, 11, 12, 14]


def test_mypy_strict_reports_a_result_used_as_the_other_kind(repo_root: pathlib.Path, tmp_path: pathlib.Path) -> None:
    wrong = tmp_path / "wrong_results.py"
    wrong.write_text(_WRONG_RESULT)
    result = _mypy(wrong, repo_root)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    flagged = sorted({int(line.split(":")[1]) for line in out.splitlines() if ": error:" in line})
    assert flagged == _WRONG_RESULT_LINES, out  # line 13 is a correct use of the polars result
    assert out.count("[assignment]") == len(_WRONG_RESULT_LINES), out
    assert out.count('variable has type "Series")') == 2, out  # the numpy results of lines 8 and 9
    assert out.count('expression has type "Series", variable has type "ndarray[') == 1, out  # line 10
    assert out.count('dtype[object_]') == 2, out  # lines 11 and 12


# The package itself stays clean under ``mypy --strict`` (the project's config, pyproject.toml [tool.mypy]):
# every module of python/ltv and the stubs (_ltv.pyi, vec.pyi, frame.pyi). A module with a stub of its own
# (vec.py, frame.py) is shadowed by the stub when the package is checked, so its implementation is checked
# in a second run of its own.
def _package_errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stdout.splitlines() if ": error:" in line]


def test_mypy_strict_passes_on_the_whole_package(repo_root: pathlib.Path) -> None:
    package = repo_root / "python" / "ltv"
    stubs = sorted(p.relative_to(repo_root) for p in package.rglob("*.pyi"))
    assert {p.name for p in stubs} >= {"_ltv.pyi", "vec.pyi", "frame.pyi"}, stubs
    result = _mypy(package.relative_to(repo_root), repo_root)
    assert result.returncode == 0 and not _package_errors(result), result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found in "), result.stdout + result.stderr
    checked = int(result.stdout.split("Success: no issues found in ")[1].split()[0])
    shadowed = sorted(p.with_suffix(".py") for p in stubs if (repo_root / p.with_suffix(".py")).is_file())
    modules = len(list(package.rglob("*.py"))) + len(stubs) - len(shadowed)
    assert checked == modules, result.stdout  # every module and stub, none skipped

    assert shadowed, stubs  # vec.py and frame.py
    implementations = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *map(str, shadowed)],
        cwd=repo_root, capture_output=True, text=True, timeout=600, check=False,
    )
    out = implementations.stdout + implementations.stderr
    assert implementations.returncode == 0 and not _package_errors(implementations), out
    assert implementations.stdout.startswith(f"Success: no issues found in {len(shadowed)} source files"), out

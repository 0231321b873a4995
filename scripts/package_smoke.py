"""Smoke test of an installed ``ltv`` (run by scripts/package_check.sh in a fresh venv with no extras).

Checks that the package imports from site-packages (not the source tree), that numpy is its only
dependency, a scalar formula, an ``ltv.vec`` call on numpy, an error, the packaged data files, and that the
optional-dependency modules import without pandas or matplotlib and fail with an ``ImportError`` naming the
missing package only when a function that needs it is called (``ltv.lifetimes``, pandas-based
throughout, at its import). Exits non-zero on any failure.
"""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import pathlib
import sys
from decimal import Decimal


def main() -> None:
    import ltv

    where = ltv.__file__ or ""
    assert "site-packages" in where, f"ltv imported from {where}, not from the installed package"
    for optional in ("pandas", "polars", "matplotlib"):
        assert optional not in sys.modules, f"import ltv imported {optional}"
        try:
            __import__(optional)
        except ImportError:
            pass
        else:
            raise AssertionError(f"{optional} is installed in the fresh venv: it must not be a runtime dependency")
    requires = importlib.metadata.requires("ltv") or []
    runtime = [r for r in requires if "extra ==" not in r]
    assert [r.split(">")[0].split("=")[0].strip() for r in runtime] == ["numpy"], runtime
    extras = set(importlib.metadata.metadata("ltv").get_all("Provides-Extra") or [])
    assert {"pandas", "polars", "plot"} <= extras, extras

    # A scalar formula (exact), an error naming the field, a column call on numpy.
    value = ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03)
    assert value.quantize(Decimal("0.01")) == Decimal("13333.33"), value
    try:
        ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=3)
    except ltv.InvalidInputError as err:
        assert "monthly_churn = 3" in str(err) and "did you mean 0.03?" in str(err), err
    else:
        raise AssertionError("monthly_churn=3 was accepted")

    import numpy as np

    column = ltv.vec.saas_ltv(arpu=np.array([500.0, 500.0]), gross_margin=0.8, monthly_churn=[0.03, 0.015])
    assert isinstance(column, np.ndarray) and column.round(2).tolist() == [13333.33, 26666.67], column

    # The optional modules import; what needs pandas or matplotlib says so when called.
    import ltv.cohort
    import ltv.frame
    import ltv.plot

    try:
        ltv.frame.saas_ltv({"arpu": [500.0]})  # type: ignore[arg-type]
    except TypeError as err:
        assert "DataFrame" in str(err), err
    else:
        raise AssertionError("ltv.frame accepted a dict")
    try:
        ltv.plot.survival_plot(observed=[1000, 631, 468, 382], horizon=12)
    except ImportError as err:
        assert "matplotlib" in str(err), err
    else:
        raise AssertionError("ltv.plot drew without matplotlib")
    for optional in ("pandas", "polars", "matplotlib"):
        assert optional not in sys.modules, f"the smoke calls imported {optional}"

    # ltv.lifetimes is pandas' (its API returns DataFrames): without pandas it says so at its import.
    try:
        import ltv.lifetimes  # noqa: F401
    except ImportError as err:
        assert "pandas" in str(err), err
    else:
        raise AssertionError("ltv.lifetimes imported without pandas")

    # Packaged data (read from the files, as ltv.lifetimes.datasets would need pandas) and the typing marker.
    data = pathlib.Path(where).parent / "lifetimes" / "datasets"
    names = sorted(p.name for p in data.iterdir())
    assert any(n.endswith(".csv") for n in names) and "README.md" in names, names
    assert (importlib.resources.files("ltv") / "py.typed").is_file()
    assert (importlib.resources.files("ltv") / "_ltv.pyi").is_file()
    print(f"    smoke test passed: ltv {ltv.__version__} from {where} (numpy {np.__version__}, datasets {len(names)} files)")


if __name__ == "__main__":
    main()

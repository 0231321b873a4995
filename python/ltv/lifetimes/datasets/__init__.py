"""lifetimes' data sets, shipped inside the package and read through :mod:`importlib.resources` (no
``pkg_resources``, so it works with setuptools >= 82). Sources: the README next to this file.

>>> from ltv.lifetimes.datasets import load_cdnow_summary, load_donations
>>> cdnow = load_cdnow_summary(index_col=[0])
>>> cdnow.shape, list(cdnow.columns)
((2357, 3), ['frequency', 'recency', 'T'])
>>> int(load_donations()["weights"].sum())
11104
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import pandas as pd  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "load_dataset",
    "load_cdnow_summary",
    "load_transaction_data",
    "load_cdnow_summary_data_with_monetary_value",
    "load_donations",
]


def load_dataset(filename: str, **kwargs: Any) -> pd.DataFrame:
    """Read the shipped file ``filename`` with :func:`pandas.read_csv` (``kwargs`` passed on)."""
    source = resources.files(__name__).joinpath(filename)
    if not source.is_file():
        raise FileNotFoundError(f"filename: no data set {filename!r} in ltv.lifetimes.datasets")
    with source.open("rb") as handle:
        return pd.read_csv(handle, **kwargs)


def load_donations(**kwargs: Any) -> pd.DataFrame:
    """The donations data of Fader, Hardie & Shang (2010): ``frequency, recency, periods, weights``."""
    return load_dataset("donations.csv", **kwargs)


def load_cdnow_summary(**kwargs: Any) -> pd.DataFrame:
    """The CDNOW sample's calibration summary: ``ID, frequency, recency, T`` (weeks)."""
    return load_dataset("cdnow_customers_summary.csv", **kwargs)


def load_transaction_data(**kwargs: Any) -> pd.DataFrame:
    """lifetimes' synthetic transaction log: ``date, id`` (2014-01-01 to 2014-12-31)."""
    return load_dataset("example_transactions.csv", **kwargs)


def load_cdnow_summary_data_with_monetary_value(**kwargs: Any) -> pd.DataFrame:
    """The CDNOW summary with the mean repeat-transaction value, indexed by ``customer_id``: columns
    ``frequency, recency, T, monetary_value``."""
    df = load_dataset("cdnow_customers_summary_with_transactions.csv", **kwargs)
    df.columns = pd.Index(["customer_id", "frequency", "recency", "T", "monetary_value"])
    return df.set_index("customer_id")

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
    r"""Read the shipped data file ``filename`` with :func:`pandas.read_csv`.

    The files live inside the package and are read through :mod:`importlib.resources` (lifetimes used
    ``pkg_resources``, gone with setuptools >= 82); their sources are in the README next to them. Shipped:
    ``cdnow_customers_summary.csv``, ``cdnow_customers_summary_with_transactions.csv``, ``donations.csv``,
    ``example_transactions.csv`` and ``CDNOW_sample.txt`` (lifetimes' ``CDNOW_master.txt`` is not).

    Parameters
    ----------
    filename : str
        The file's name, e.g. ``"donations.csv"``.
    **kwargs
        Passed to :func:`pandas.read_csv`.

    Returns
    -------
    pandas.DataFrame
        The file's table.

    Raises
    ------
    FileNotFoundError
        When no data set named ``filename`` is shipped.

    Examples
    --------
    The CDNOW sample's 6,919 transactions (master id, sample id, YYYYMMDD, CDs, dollars; Fader & Hardie 2001):

    >>> from ltv.lifetimes.datasets import load_dataset
    >>> cdnow = load_dataset("CDNOW_sample.txt", header=None, sep=r"\s+")
    >>> cdnow.shape, cdnow.iloc[0].tolist()
    ((6919, 5), [4.0, 1.0, 19970101.0, 2.0, 29.33])
    """
    source = resources.files(__name__).joinpath(filename)
    if not source.is_file():
        raise FileNotFoundError(f"filename: no data set {filename!r} in ltv.lifetimes.datasets")
    with source.open("rb") as handle:
        return pd.read_csv(handle, **kwargs)


def load_donations(**kwargs: Any) -> pd.DataFrame:
    """The donations data of Fader, Hardie & Shang (2010): 22 patterns of 11,104 donors over 6 opportunities.

    Columns ``frequency``, ``recency``, ``periods``, ``weights`` (donors per pattern): the input of
    :meth:`ltv.lifetimes.BetaGeoBetaBinomFitter.fit` (``n_periods=...["periods"]``).

    Parameters
    ----------
    **kwargs
        Passed to :func:`pandas.read_csv` (e.g. ``index_col=[0]``).

    Returns
    -------
    pandas.DataFrame
        22 rows.

    Examples
    --------
    >>> from ltv.lifetimes.datasets import load_donations
    >>> donations = load_donations()
    >>> donations.shape, int(donations["weights"].sum()), donations.iloc[0].tolist()
    ((22, 4), 11104, [0, 0, 6, 3464])
    """
    return load_dataset("donations.csv", **kwargs)


def load_cdnow_summary(**kwargs: Any) -> pd.DataFrame:
    """The CDNOW sample's calibration summary (Fader, Hardie & Lee 2005): 2,357 customers, in weeks.

    Columns ``ID``, ``frequency``, ``recency``, ``T`` (``index_col=[0]`` indexes by ``ID``): the input of
    :meth:`ltv.lifetimes.BetaGeoFitter.fit`.

    Parameters
    ----------
    **kwargs
        Passed to :func:`pandas.read_csv` (e.g. ``index_col=[0]``).

    Returns
    -------
    pandas.DataFrame
        2,357 rows.

    Examples
    --------
    >>> from ltv.lifetimes.datasets import load_cdnow_summary
    >>> cdnow = load_cdnow_summary(index_col=[0])
    >>> cdnow.shape, cdnow.loc[1].tolist()
    ((2357, 3), [2.0, 30.43, 38.86])
    """
    return load_dataset("cdnow_customers_summary.csv", **kwargs)


def load_transaction_data(**kwargs: Any) -> pd.DataFrame:
    """lifetimes' synthetic transaction log: 15,273 transactions of 5,000 customers from 2014-01-01 to 2014-12-31.

    Columns ``date`` (strings, one row per transaction) and ``id``: the input of
    :func:`ltv.lifetimes.utils.summary_data_from_transaction_data`.

    Parameters
    ----------
    **kwargs
        Passed to :func:`pandas.read_csv` (e.g. ``index_col=[0]``).

    Returns
    -------
    pandas.DataFrame
        15,273 rows.

    Examples
    --------
    >>> from ltv.lifetimes.datasets import load_transaction_data
    >>> log = load_transaction_data()
    >>> log.shape, list(log.columns), int(log["id"].nunique())
    ((15273, 2), ['date', 'id'], 5000)
    """
    return load_dataset("example_transactions.csv", **kwargs)


def load_cdnow_summary_data_with_monetary_value(**kwargs: Any) -> pd.DataFrame:
    """The CDNOW summary with each customer's mean repeat-transaction value (Fader & Hardie 2013, note 025).

    lifetimes' columns ``ID, x, t_x, T, zbar`` renamed to ``customer_id`` (the index), ``frequency``, ``recency``,
    ``T`` (weeks) and ``monetary_value`` (dollars): the input of :meth:`ltv.lifetimes.GammaGammaFitter.fit` (the
    customers with ``frequency > 0``).

    Parameters
    ----------
    **kwargs
        Passed to :func:`pandas.read_csv` (e.g. ``index_col=[0]``).

    Returns
    -------
    pandas.DataFrame
        2,357 rows indexed by ``customer_id``.

    Examples
    --------
    >>> from ltv.lifetimes.datasets import load_cdnow_summary_data_with_monetary_value
    >>> data = load_cdnow_summary_data_with_monetary_value()
    >>> data.shape, data.loc[1].tolist()
    ((2357, 4), [2.0, 30.43, 38.86, 22.35])
    """
    df = load_dataset("cdnow_customers_summary_with_transactions.csv", **kwargs)
    df.columns = pd.Index(["customer_id", "frequency", "recency", "T", "monetary_value"])
    return df.set_index("customer_id")

"""Fitting on a Spark summary: :func:`patterns` collects the distinct histories with their counts (through
Arrow, after a guard on their number) and :func:`fit` hands them to the native fitter as weights.

A weighted fit on the patterns maximises the same log-likelihood as the fit on one row per customer
(each customer's term is a function of its pattern alone): the estimates are those of the single-machine
fit on the same patterns, bit for bit, and agree with its fit on one row per customer to the optimiser's
tolerance (the sums are only added in another order).
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

import numpy as np

from .._columns import invalid_input, missing_column
from ..purchase import (
    BgBbFit,
    BgBbModel,
    BgNbdFit,
    BgNbdModel,
    GammaGammaFit,
    GammaGammaModel,
    MbgNbdFit,
    MbgNbdModel,
    ParetoNbdFit,
    ParetoNbdModel,
)

#: The default cap on the patterns :func:`patterns` collects to the driver.
MAX_PATTERNS = 2_000_000

_FITS = {
    BgNbdModel: BgNbdFit, MbgNbdModel: MbgNbdFit, ParetoNbdModel: ParetoNbdFit, GammaGammaModel: GammaGammaFit,
    BgBbModel: BgBbFit,
}
_HISTORY = ("frequency", "recency", "age")
_SPEND = ("frequency", "monetary_value")
_DISCRETE = ("frequency", "recency", "periods")


def _to_pandas(df: Any) -> Any:
    """A small Spark DataFrame on the driver as pandas, through Arrow (``toArrow`` on Spark 4; on 3.5,
    ``toPandas``, through Arrow when ``spark.sql.execution.arrow.pyspark.enabled`` is set)."""
    if hasattr(df, "toArrow"):
        return df.toArrow().to_pandas()
    return df.toPandas()  # pragma: no cover - PySpark 3.5


def patterns(
    summary: Any, *, columns: Sequence[str] = _HISTORY, max_patterns: int = MAX_PATTERNS, repeat_only: bool = False
) -> Any:
    """The distinct rows of ``summary``'s ``columns`` (default ``frequency``, ``recency``, ``age``) with
    ``weight``, the customers sharing each (the sum of a ``weight`` column when the summary has one), as a
    pandas DataFrame sorted by the columns. ``repeat_only=True`` keeps customers with ``frequency > 0``
    (the Gamma-Gamma model's data).

    At most ``max_patterns`` rows come to the driver: with more, an :class:`ltv.InvalidInputError` naming
    ``max_patterns`` (a coarser ``unit`` or a ``unit_multiple`` in the summary makes fewer patterns: daily
    data over two years can make millions, weekly data a few thousand).

    Parameters
    ----------
    summary : pyspark.sql.DataFrame
        A summary with the ``columns`` (e.g. :func:`ltv.spark.rfm_summary`'s), optionally a ``weight`` column
        (customers per row).
    columns : sequence of str
        The columns whose distinct values make a pattern (default ``("frequency", "recency", "age")``).
    max_patterns : int
        The most patterns collected to the driver, a whole number >= 1 (default :data:`MAX_PATTERNS`).
    repeat_only : bool
        Keep only the rows with ``frequency > 0``.

    Returns
    -------
    pandas.DataFrame
        The ``columns`` (doubles) and ``weight`` (double), one row per distinct pattern, sorted by the columns.

    Raises
    ------
    MissingColumnError
        A name in ``columns`` that is not a column of ``summary``.
    InvalidInputError
        ``max_patterns`` not a whole number >= 1, or more than ``max_patterns`` patterns
        (``.field == "max_patterns"``).

    Examples
    --------
    >>> from ltv.spark import patterns
    >>> summary = spark.createDataFrame([(0.0, 0.0, 5.0), (1.0, 2.0, 5.0), (0.0, 0.0, 5.0)], ["frequency", "recency", "age"])
    >>> patterns(summary).to_dict("list")
    {'frequency': [0.0, 1.0], 'recency': [0.0, 2.0], 'age': [5.0, 5.0], 'weight': [2.0, 1.0]}
    """
    from pyspark.sql import functions as F

    names = list(columns)
    for name in names:
        if name not in summary.columns:
            raise missing_column(name, name, summary.columns, f"the summary needs a {name!r} column (ltv.spark.rfm_summary)")
    if isinstance(max_patterns, bool) or not isinstance(max_patterns, int) or max_patterns < 1:
        raise invalid_input("max_patterns", repr(max_patterns), None, "a whole number >= 1")
    data = summary.filter(F.col("frequency") > 0) if repeat_only else summary
    weight = F.sum(F.col("weight").cast("double")) if "weight" in summary.columns else F.count(F.lit(1)).cast("double")
    grouped = data.groupBy(*[F.col(n).cast("double").alias(n) for n in names]).agg(weight.alias("weight"))
    out = _to_pandas(grouped.limit(max_patterns + 1))
    if len(out) > max_patterns:
        raise invalid_input(
            "max_patterns", str(max_patterns), None,
            f"at least {max_patterns + 1} distinct ({', '.join(names)}) patterns: more than max_patterns; summarise in a "
            "coarser unit (unit='week' or 'month', or a unit_multiple) or raise max_patterns",
        )
    order = np.lexsort([out[n].to_numpy() for n in reversed(names)]) if len(out) else np.arange(0)
    return out.iloc[order].reset_index(drop=True)


def fit(
    model_class: Any,
    summary: Any,
    *,
    max_patterns: int = MAX_PATTERNS,
    spend_decimals: Optional[int] = None,
    **options: Any,
) -> Any:
    """Fits ``model_class`` (:class:`~ltv.purchase.BgNbdFit`, :class:`~ltv.purchase.MbgNbdFit`,
    :class:`~ltv.purchase.ParetoNbdFit`, :class:`~ltv.purchase.BgBbFit`, :class:`~ltv.purchase.GammaGammaFit`,
    or their model classes) on
    a Spark summary's :func:`patterns` with their counts as weights, with the native fitter on the driver;
    ``options`` (``penalty``, ``start``, ``max_iterations``) go to its ``fit``. The result is the ordinary
    fit (``to_json`` writes the same model file).

    Gamma-Gamma: fitted on the repeat customers' distinct ``(frequency, monetary_value)`` pairs, an exact
    compression (the same estimates) but one that saves little, the mean values being nearly all distinct;
    ``spend_decimals=2`` rounds the mean values to cents first, which bounds the pairs and moves each
    customer's value by at most half a cent (the estimates change in the order of 1e-4 relative for values
    of tens of dollars).

    Parameters
    ----------
    model_class : type
        :class:`~ltv.purchase.BgNbdFit`, :class:`~ltv.purchase.MbgNbdFit`, :class:`~ltv.purchase.ParetoNbdFit`,
        :class:`~ltv.purchase.GammaGammaFit` or one of their model classes.
    summary : pyspark.sql.DataFrame
        A summary with ``frequency``, ``recency``, ``age`` (in the fit's time unit); ``frequency``, ``recency``
        and ``periods`` (the transaction opportunities ``n``; ``n_periods``, lifetimes' name, where there is no
        ``periods``) for the BG/BB; or ``frequency`` and ``monetary_value`` (money units) for the Gamma-Gamma
        model.
    max_patterns : int
        The most patterns collected to the driver (as :func:`patterns`).
    spend_decimals : int, optional
        Gamma-Gamma only: round the mean values to this many decimals (0 to 12) before collecting.
    **options
        ``penalty``, ``start``, ``max_iterations``: passed to the fit class's ``fit``.

    Returns
    -------
    BgNbdFit, MbgNbdFit, ParetoNbdFit, BgBbFit or GammaGammaFit
        The ordinary native fit.

    Raises
    ------
    TypeError
        A ``model_class`` that is none of these, or ``spend_decimals`` for a purchase model.
    InvalidInputError
        ``spend_decimals`` outside 0 to 12, too many patterns (``max_patterns``), or a bad history or option
        (raised by the native fit).
    MissingColumnError
        A summary without the model's columns.
    ConvergenceError
        Raised by the native fit when the optimiser does not converge (as its ``fit``).

    Examples
    --------
    >>> from ltv.spark import fit
    >>> from ltv.purchase import BgNbdFit
    >>> rows = [(0.0, 0.0, 38.0)] * 600 + [(1.0, 10.0, 38.0)] * 200 + [(2.0, 3.0, 38.0)] * 150 + [(4.0, 30.0, 38.0)] * 120
    >>> summary = spark.createDataFrame(rows + [(7.0, 36.0, 38.0)] * 80, ["frequency", "recency", "age"])
    >>> result = fit(BgNbdFit, summary)
    >>> native = BgNbdFit.fit(frequency=[0, 1, 2, 4, 7], recency=[0, 10, 3, 30, 36], age=38, weight=[600, 200, 150, 120, 80])
    >>> result.params == native.params
    True
    """
    from pyspark.sql import functions as F

    fit_class = _FITS.get(model_class, model_class)
    if fit_class is GammaGammaFit:
        data = summary
        if spend_decimals is not None:
            if isinstance(spend_decimals, bool) or not isinstance(spend_decimals, int) or not 0 <= spend_decimals <= 12:
                raise invalid_input("spend_decimals", repr(spend_decimals), None, "a whole number of decimals in 0..=12")
            data = summary.withColumn("monetary_value", F.round("monetary_value", spend_decimals))
        p = patterns(data, columns=_SPEND, max_patterns=max_patterns, repeat_only=True)
        return GammaGammaFit.fit(frequency=p["frequency"].to_numpy(), monetary_value=p["monetary_value"].to_numpy(),
                                 weight=p["weight"].to_numpy(), **options)
    if spend_decimals is not None:
        raise TypeError("spend_decimals: only for the Gamma-Gamma spend model")
    if fit_class is BgBbFit:
        data = summary
        if "periods" not in summary.columns and "n_periods" in summary.columns:  # lifetimes' name
            data = summary.withColumnRenamed("n_periods", "periods")
        p = patterns(data, columns=_DISCRETE, max_patterns=max_patterns)
        return BgBbFit.fit(frequency=p["frequency"].to_numpy(), recency=p["recency"].to_numpy(),
                           periods=p["periods"].to_numpy(), weight=p["weight"].to_numpy(), **options)
    if fit_class not in (BgNbdFit, MbgNbdFit, ParetoNbdFit):
        raise TypeError(
            "model_class: expected BgNbdFit, MbgNbdFit, ParetoNbdFit, BgBbFit or GammaGammaFit (or a model class), "
            f"got {model_class!r}"
        )
    p = patterns(summary, columns=_HISTORY, max_patterns=max_patterns)
    return fit_class.fit(frequency=p["frequency"].to_numpy(), recency=p["recency"].to_numpy(), age=p["age"].to_numpy(),
                         weight=p["weight"].to_numpy(), **options)

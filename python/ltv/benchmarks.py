"""Reference figures as data: conversion rates, cost per lead, LTV bands, LTV:CAC and CAC payback.

Each figure has a ``metric``, ``segment``, ``value`` (``decimal.Decimal``), ``unit``, ``source`` and ``year``
(``None`` when unknown). A source is named only where one was found; the others read "industry benchmark
compilation cited in ltv issue #5; original publisher not verified". The figures live in Rust
(``ltv_core::benchmarks``); this module only looks them up.

>>> import ltv.benchmarks as bm
>>> bm.conversion_rate("saas")
Decimal('0.017')
>>> bm.cost_per_lead("technology")
Decimal('208')
>>> bm.median_ltv_cac("enterprise")
Decimal('4.5')
>>> sorted({f["metric"] for f in bm.figures()})[:3]
['cac_payback_target', 'conversion_rate', 'cost_per_lead']

A benchmark conversion rate can be the shrinkage prior of :func:`ltv.leads.segment_table`
(``prior_rate="saas"`` or ``prior_rate=bm.conversion_rate("saas")``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Dict, List, Literal, Union

from ._ltv import _benchmark_find, _benchmarks

__all__ = ["Metric", "conversion_rate", "cost_per_lead", "figures", "find", "median_ltv_cac", "table"]


def __dir__() -> "list[str]":  # dir() and tab completion show the public API only
    return list(__all__)

# A Union of one-string Literals: stubtest compares a Union alias with the runtime, not a bare Literal one.
Metric = Union[
    Literal["cac_payback_target"],
    Literal["conversion_rate"],
    Literal["cost_per_lead"],
    Literal["customer_ltv_max"],
    Literal["customer_ltv_min"],
    Literal["healthy_ltv_cac_max"],
    Literal["healthy_ltv_cac_min"],
    Literal["median_ltv_cac"],
]
"""The metrics of the reference figures (the ``metric`` of :func:`figures`)."""


def figures() -> List[Dict[str, Any]]:
    """Every figure, as a list of dicts.

    Returns
    -------
    list of dict
        ``metric``, ``segment``, ``value`` (Decimal), ``unit``, ``source`` and ``year`` (``None`` when unknown).

    Examples
    --------
    >>> import ltv.benchmarks as bm
    >>> sorted({f["metric"] for f in bm.figures()})[:2]
    ['cac_payback_target', 'conversion_rate']
    """
    return list(_benchmarks())


def table() -> Any:
    """Every figure as a pandas DataFrame (pandas is imported here, on first use).

    Returns
    -------
    pandas.DataFrame
        One row per figure; the columns of :func:`figures`.

    Examples
    --------
    >>> import ltv.benchmarks as bm
    >>> df = bm.table()
    >>> list(df.columns)
    ['metric', 'segment', 'value', 'unit', 'source', 'year']
    >>> df.loc[(df.metric == "cost_per_lead") & (df.segment == "healthcare"), "value"].item()
    Decimal('126')
    """
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    return pd.DataFrame(figures(), columns=["metric", "segment", "value", "unit", "source", "year"])


def find(metric: Metric, segment: str) -> Dict[str, Any]:
    """The figure for ``metric`` and ``segment``.

    Parameters
    ----------
    metric : Metric
        One of ``"cac_payback_target"``, ``"conversion_rate"``, ``"cost_per_lead"``, ``"customer_ltv_max"``,
        ``"customer_ltv_min"``, ``"healthy_ltv_cac_max"``, ``"healthy_ltv_cac_min"``, ``"median_ltv_cac"``.
    segment : str
        The segment or industry (``"saas"``, ``"technology"``, ``"smb"``, ``"all"``, ...).

    Returns
    -------
    dict
        The figure, as :func:`figures` lists it.

    Raises
    ------
    KeyError
        No such figure; the message names the known segments of ``metric``.

    Examples
    --------
    >>> import ltv.benchmarks as bm
    >>> bm.find("cac_payback_target", "all")["value"]
    Decimal('18')
    """
    return _benchmark_find(metric, segment)


def conversion_rate(segment: str) -> Decimal:
    """Benchmark lead-to-customer conversion rate of ``segment`` (``"saas"``, ``"b2b_services"``).

    Parameters
    ----------
    segment : str
        ``"saas"``, ``"b2b_services"``.

    Returns
    -------
    Decimal
        The benchmark lead-to-customer conversion rate.

    Raises
    ------
    KeyError
        An unknown segment (the message names the known ones).

    Examples
    --------
    >>> import ltv.benchmarks as bm
    >>> bm.conversion_rate("saas")
    Decimal('0.017')
    """
    value: Decimal = find("conversion_rate", segment)["value"]
    return value


def cost_per_lead(industry: str) -> Decimal:
    """Benchmark cost per lead in USD of ``industry`` (``"technology"``, ``"healthcare"``, ``"marketing_agencies"``).

    Parameters
    ----------
    industry : str
        ``"technology"``, ``"healthcare"``, ``"marketing_agencies"``.

    Returns
    -------
    Decimal
        The benchmark cost per lead in USD.

    Raises
    ------
    KeyError
        An unknown industry (the message names the known ones).

    Examples
    --------
    >>> import ltv.benchmarks as bm
    >>> bm.cost_per_lead("technology")
    Decimal('208')
    """
    value: Decimal = find("cost_per_lead", industry)["value"]
    return value


def median_ltv_cac(segment: str) -> Decimal:
    """Benchmark median LTV:CAC of ``segment`` (``"smb"``, ``"mid_market"``, ``"enterprise"``).

    Parameters
    ----------
    segment : str
        ``"smb"``, ``"mid_market"``, ``"enterprise"``.

    Returns
    -------
    Decimal
        The benchmark median LTV:CAC.

    Raises
    ------
    KeyError
        An unknown segment (the message names the known ones).

    Examples
    --------
    >>> import ltv.benchmarks as bm
    >>> bm.median_ltv_cac("smb")
    Decimal('2.8')
    """
    value: Decimal = find("median_ltv_cac", segment)["value"]
    return value

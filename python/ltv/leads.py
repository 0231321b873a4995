"""Lead valuation: segment and channel tables, lead cohorts, campaigns, one lead explained, accounts.

Tables take a pandas or polars DataFrame (or a dict of columns, read as pandas) and return a frame of the same
library; column names are keyword arguments whose defaults match ``examples/data/leads.csv``. This module only
encodes (labels to codes, dates to day counts) and builds frames: every number is computed in Rust (``ltv-core``).

>>> import pandas as pd, ltv.leads
>>> df = pd.DataFrame({
...     "channel": ["ads"] * 10 + ["referral"] * 3,
...     "converted": [1, 1] + [0] * 8 + [1, 0, 0],
...     "customer_ltv": [10_000, 10_000] + [None] * 8 + [10_000, None, None],
...     "cost_per_lead": [100.0] * 13,
...     "days_to_close": [30, 40] + [None] * 8 + [20, None, None],
... })
>>> report = ltv.leads.segment_table(df)
>>> report.table[["segment", "leads", "conversion_rate", "shrunk_rate", "lead_ltv"]].round(4)
    segment  leads  conversion_rate  shrunk_rate   lead_ltv
0       ads     10           0.2000       0.2205  2205.1282
1  referral      3           0.3333       0.2441  2441.4716
>>> report.warnings
[]

Referral's 1 sale in 3 leads is shrunk toward the blended rate 3/13 with 20 pseudo-leads
(``prior_strength``): (1 + 20 x 3/13) / 23 = 24.41 %, not 33 %. Lead LTV uses the shrunk rate.
"""

from __future__ import annotations

import datetime as _dt

import warnings
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, List, Literal, Mapping, Optional, Tuple, Union

import numpy as np
import numpy.typing as npt

from . import _ltv
from ._columns import check_distinct, check_labels, check_text, column, invalid_input, is_polars, number, renamed, shown
from ._columns import whole
from ._columns import missing_column
from ._ltv import LtvError
from ._ltv import (
    AccountValuation,
    LeadValuation,
    account_value,
    explain_lead_value,
    shrunk_conversion_rate,
)

__all__ = [
    "AccountValuation",
    "LeadValuation",
    "RankBy",
    "SegmentTable",
    "account_value",
    "compare_campaigns",
    "explain_lead_value",
    "lead_cohorts",
    "segment_table",
    "shrunk_conversion_rate",
]


def __dir__() -> "list[str]":  # dir() and tab completion show the public API only
    return list(__all__)


# Written as a Union of one-string Literals, which is the same type, because stubtest checks a public alias
# against its runtime value and reads a plain Literal[...] alias as "not a Union".
RankBy = Union[Literal["total_value"], Literal["value_per_cost"], Literal["value_per_lead"]]
"""What :func:`compare_campaigns` ranks by (``ltv_core::CampaignRanking``)."""

_DEFAULTS: Dict[str, Any] = _ltv._defaults()
"""The Rust defaults (``SegmentOptions::default()``, ``DEFAULT_PRIOR_STRENGTH``, ``CampaignRanking::default()``)."""

PriorRate = Union[str, float, Decimal]
"""``"blended"`` (the data's own rate), a benchmark segment such as ``"saas"``, or a rate in [0, 1]."""

_Codes = npt.NDArray[np.int64]


def _as_frame(df: Any) -> Any:
    if is_polars(df) or hasattr(df, "iloc"):
        return df
    if isinstance(df, Mapping):
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        columns = dict(df)
        for name, values in columns.items():  # pandas' string columns refuse text that is not valid Unicode
            if isinstance(values, (list, tuple)):
                check_text(str(name), values, range(len(values)))
        return pd.DataFrame(columns)
    raise TypeError(f"expected a pandas or polars DataFrame (or a dict of columns), got {type(df).__name__}")


def _get(df: Any, key: str, name: str) -> Any:
    if name not in df.columns:
        raise missing_column(key, name, df.columns)
    return df[name]


def _labels(series: Any, field: str) -> Tuple[List[str], _Codes]:
    """Sorted distinct labels (as str) and each row's code (hash-based factorisation); a missing label is an
    error naming the row."""
    if is_polars(series):
        missing = series.is_null().to_numpy()
        if missing.any():
            raise invalid_input(field, "missing", int(np.argmax(missing)), "a label")
        if not series.dtype.is_numeric():
            series = series.cast(str)  # categorical / enum / bool: order by the label text
        uniques = series.unique().sort().to_list()
        codes = (series.rank("dense").cast(int) - 1).to_numpy()
    else:
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        if series.dtype == object:
            check_labels(field, series)
        try:
            codes, uniques = pd.factorize(series, sort=True)
        except TypeError:  # labels of mixed types (1 and "a") do not sort: factorise, then order by the text
            codes, uniques = pd.factorize(series, sort=False)
            order = np.argsort(np.array([str(u) for u in uniques], dtype=object), kind="stable")
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order))
            codes = np.where(codes < 0, codes, rank[np.maximum(codes, 0)])
            uniques = [uniques[i] for i in order]
        if (codes < 0).any():
            raise invalid_input(field, "missing", int(np.argmax(codes < 0)), "a label")
    labels = [str(u) for u in uniques]
    codes = np.asarray(codes)
    if labels:
        first = np.full(len(labels), 0, dtype=np.int64)
        seen = np.unique(codes, return_index=True)
        first[seen[0]] = seen[1]
        check_text(field, labels, first)
    check_distinct(labels, uniques, codes, field)
    return labels, np.ascontiguousarray(codes, dtype=np.int64)


_YES = frozenset({"yes", "y", "true", "t", "1", "1.0"})
_NO = frozenset({"no", "n", "false", "f", "0", "0.0"})
_FLAGS = "a yes/no flag: True/False, 1/0, 'yes'/'no', 'true'/'false', 'y'/'n' (any case)"


def _flag(v: Any) -> Optional[float]:
    """1.0 / 0.0 for a yes/no value, NaN for a missing one, ``None`` when it is neither."""
    if v is None or type(v).__name__ in ("NAType", "NaTType"):  # None, pandas NA, NaT
        return np.nan
    if isinstance(v, (bool, np.bool_)):
        return float(v)
    if isinstance(v, (int, float, Decimal, np.integer, np.floating)):
        if v != v if not isinstance(v, Decimal) else v.is_nan():  # NaN: missing, refused in Rust naming the row
            return np.nan
        return float(v) if v in (0, 1) else None
    if isinstance(v, str):
        text = v.strip().lower()
        return 1.0 if text in _YES else 0.0 if text in _NO else None
    return None


def _converted(series: Any, column_name: str = "converted") -> npt.NDArray[np.float64]:
    """Whether each lead converted: booleans (nulls missing), 0 / 1 numbers (checked in Rust), or yes/no
    labels (``"yes"``/``"no"``, ``"true"``/``"false"``, ``"y"``/``"n"``, ``"1"``/``"0"``, any case); anything
    else is an :class:`ltv.InvalidInputError` naming the column, the value and the row."""
    if is_polars(series):
        import polars as pl

        if series.dtype == pl.Boolean:
            return np.ascontiguousarray(series.cast(float).to_numpy(), dtype=np.float64)
        if series.dtype.is_numeric():
            return column("converted", series)
        values: Any = series.to_list()
    else:
        kind = getattr(series.dtype, "kind", None)
        if kind == "b":  # numpy bool and the nullable "boolean" dtype
            return np.ascontiguousarray(series.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)
        if kind in ("i", "u", "f") and str(series.dtype) != "category":
            return column("converted", series)
        values = series.to_numpy(dtype=object)
    out = np.empty(len(values), dtype=np.float64)
    cache: Dict[Any, Optional[float]] = {}
    for row, v in enumerate(values):
        key = (type(v), v) if isinstance(v, (str, bool, int, float)) else None
        flag = cache[key] if key in cache else _flag(v)
        if key is not None:
            cache[key] = flag
        if flag is None:
            raise invalid_input("converted", shown(repr(v)), row, f"{_FLAGS}, in column {column_name!r}")
        out[row] = flag
    return out


def _optional(df: Any, key: str, name: Optional[str]) -> npt.NDArray[np.float64]:
    if name is None:
        return np.full(len(df), np.nan)
    return column(key, _get(df, key, name))


def _prior(prior_rate: PriorRate) -> Optional[float]:
    if isinstance(prior_rate, str):
        if prior_rate == "blended":
            return None
        from .benchmarks import conversion_rate

        try:
            return float(conversion_rate(prior_rate))
        except KeyError:
            raise invalid_input(
                "prior_rate", repr(prior_rate), None, "'blended', a benchmark segment ('saas', 'b2b_services') or a rate"
            ) from None
    return number("prior_rate", prior_rate)


def _out(df: Any, columns: Dict[str, Any]) -> Any:
    if is_polars(df):
        import polars as pl

        return pl.DataFrame(columns, strict=False)
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    return pd.DataFrame(columns)


class SegmentTable:
    """What :func:`segment_table` returns (``ltv_core::SegmentTable``): the table, the overall row, the prior used and the warnings.

    ``table`` has one row per segment (lead LTV from the beta-binomial shrunk conversion rate), ``overall``
    the same figures for every lead together, ``prior_rate`` and ``prior_strength`` the shrinkage used and
    ``warnings`` what the numbers hide (a spread of lead LTV between segments, a segment without conversions,
    too short a history), as data. ``repr()`` prints the prior, the table and the warnings;
    ``_repr_html_()`` renders them in a notebook.

    Examples
    --------
    >>> import pandas as pd, ltv.leads
    >>> df = pd.DataFrame({"channel": ["a", "a", "b", "b"], "converted": [True, False, True, False],
    ...                    "customer_ltv": [50_000, None, 1_000, None], "cost_per_lead": [10, 10, 10, 10]})
    >>> report = ltv.leads.segment_table(df, days_to_close=None, prior_strength=0)
    >>> report.prior_rate, report.prior_strength, report.overall["lead_ltv"]
    (0.5, 0.0, 12750.0)
    >>> report.table[["segment", "lead_ltv", "ltv_cpl"]].values.tolist()
    [['a', 25000.0, 2500.0], ['b', 500.0, 50.0]]
    """

    def __init__(self, table: Any, overall: Dict[str, Any], prior_rate: float, prior_strength: float,
                 warnings: List[Dict[str, Any]], like: Any) -> None:
        self.table = table
        """One row per segment (a pandas or polars DataFrame, as the input)."""
        self.overall = overall
        """Every lead together, as a dict of the same columns (``segment`` is ``"all"``)."""
        self.prior_rate = prior_rate
        """The prior rate the shrinkage used."""
        self.prior_strength = prior_strength
        """The prior strength, in pseudo-leads."""
        self.warnings = warnings
        """Warnings as data: dicts with ``kind``, ``metric``, ``segment``, ``max_segment``, ``min_segment``,
        ``ratio`` and ``message``; empty when there is nothing to say."""
        self._like = like

    def warnings_frame(self) -> Any:
        """The warnings as a DataFrame (same library as the table).

        Returns
        -------
        pandas.DataFrame or polars.DataFrame
            One row per warning, the columns ``kind`` (``"lead_ltv_spread"``, ``"no_conversions"``,
            ``"short_history"``, ``"few_conversions"``, ``"open_conversion_window"``), ``metric``, ``segment``,
            ``max_segment``, ``min_segment``, ``ratio`` and ``message``; no rows when there is nothing to say.

        Examples
        --------
        >>> import pandas as pd, ltv.leads
        >>> df = pd.DataFrame({"channel": ["a", "a", "b", "b"], "converted": [True, False, True, False],
        ...                    "customer_ltv": [50_000, None, 1_000, None], "cost_per_lead": [10, 10, 10, 10]})
        >>> w = ltv.leads.segment_table(df, days_to_close=None, prior_strength=0).warnings_frame()
        >>> w[["kind", "max_segment", "min_segment", "ratio"]].values.tolist()
        [['lead_ltv_spread', 'a', 'b', 50.0]]
        """
        keys = ["kind", "metric", "segment", "max_segment", "min_segment", "ratio", "message"]
        return _out(self._like, {k: [w[k] for w in self.warnings] for k in keys})

    def __repr__(self) -> str:
        lines = [f"SegmentTable(prior_rate={self.prior_rate:.6g}, prior_strength={self.prior_strength:g})",
                 repr(self.table)]
        lines += [f"warning [{w['kind']}]: {w['message']}" for w in self.warnings]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        from . import _html

        head = _html.figures("Segment table", [("prior_rate", f"{self.prior_rate:.6g}"),
                                               ("prior_strength", f"{self.prior_strength:g}")])
        notes = "".join(f"<p>warning [{html.escape(w['kind'])}]: {html.escape(w['message'])}</p>"
                        for w in self.warnings)
        return head + _html.frame(self.table) + notes


def segment_table(
    df: Any,
    *,
    segment: str = "channel",
    converted: str = "converted",
    customer_ltv: str = "customer_ltv",
    cost_per_lead: Optional[str] = "cost_per_lead",
    spend: Union[str, Mapping[Any, Any], None] = None,
    days_to_close: Optional[str] = "days_to_close",
    prior_strength: float = _DEFAULTS["prior_strength"],
    prior_rate: PriorRate = "blended",
    target_ratio: float = _DEFAULTS["target_ratio"],
    healthy_min: float = _DEFAULTS["healthy_min"],
    healthy_max: float = _DEFAULTS["healthy_max"],
    spread_threshold: float = _DEFAULTS["spread_threshold"],
    age_days: Optional[str] = None,
    sales_cycles: float = 2.0,
    min_conversions: int = 30,
    conversion_window_days: Optional[float] = None,
    open_share: float = 0.5,
) -> SegmentTable:
    """One row per segment (channel): leads, conversions, raw and shrunk conversion rate, average customer
    LTV, lead LTV (= shrunk rate x average customer LTV), cost per lead, LTV:CPL and its band, bid cap at
    ``target_ratio`` and average days to close. See ``ltv_core::segment_table`` for the definitions.

    - ``prior_strength`` pseudo-leads (default 20; 0 switches shrinkage off) at ``prior_rate``: ``"blended"``
      (default, the data's own rate), a benchmark such as ``"saas"`` (1.7 %), or a number.
    - A segment without conversions has ``avg_customer_ltv`` NaN/null and ``ltv_basis`` ``"pooled"``: its
      lead LTV uses the pooled average customer LTV, and a ``no_conversions`` warning says so.
    - A spread of lead LTV of at least ``spread_threshold`` (max / min over segments with lead LTV > 0) is a
      ``lead_ltv_spread`` warning in ``.warnings``.
    - ``converted`` is booleans, 0 / 1, or yes/no labels (``"yes"``/``"no"``, ``"true"``/``"false"``,
      ``"y"``/``"n"``, any case); another value is an :class:`ltv.InvalidInputError` naming the column, value
      and row.
    - Cost: ``cost_per_lead`` names a column of what each lead cost; or ``spend`` gives what each segment
      cost in total, as a mapping segment -> spend or a column holding its segment's spend on every row (cost
      per lead = spend / leads in the segment, divided in Rust; ``cost_per_lead`` is then not read). With
      ``cost_per_lead=None`` and no ``spend`` the cost is unknown: lead LTV and the bid cap are computed,
      ``cost_per_lead``, ``ltv_cpl`` and ``ltv_cpl_band`` are null (NaN / None), the columns kept.
    - Data sufficiency (``ltv_core::sufficiency_warnings``), when ``age_days`` names a column of each lead's
      age (days from its creation to the end of observation): a ``short_history`` warning when a segment's
      oldest lead is younger than ``sales_cycles`` (2) x its median days to close (the pooled median when it
      has none), ``few_conversions`` below ``min_conversions`` (30), and ``open_conversion_window`` when more
      than ``open_share`` (half) of its leads are unconverted and younger than ``conversion_window_days``
      (default: the median days to close). They join ``.warnings``.

    The shrunk rate is the posterior mean of a beta-binomial model, ``(conversions + k x prior_rate) / (leads
    + k)`` with ``k = prior_strength`` (Gelman et al., *Bayesian Data Analysis*, 3rd ed., 2.4 and ch. 5;
    :func:`ltv.shrunk_conversion_rate`): a segment with 3 leads and 1 sale is not valued at 33 %.

    Parameters
    ----------
    segment : str, default "channel"
        The column of segment labels (channel, campaign, ...); a missing label is an error.
    converted : str, default "converted"
        The column saying whether each lead converted (booleans, 0 / 1 or yes/no labels).
    customer_ltv : str, default "customer_ltv"
        The column of each converted lead's customer LTV, in your currency, >= 0 (ignored on the others).
    cost_per_lead : str or None, default "cost_per_lead"
        The column of what each lead cost, >= 0; ``None`` with no ``spend``: the cost is unknown.
    spend : str, mapping or None, default None
        Each segment's total spend: a mapping segment -> spend, or a column with its segment's spend on every
        row; replaces ``cost_per_lead``.
    days_to_close : str or None, default "days_to_close"
        The column of days from lead to sale of converted leads, >= 0; ``None``: not reported.
    prior_strength : float, default 20
        The prior's weight in pseudo-leads, >= 0 (0: no shrinkage).
    prior_rate : "blended", a benchmark segment or float, default "blended"
        The rate shrunk toward: the data's own blended rate, a benchmark (:func:`ltv.benchmarks.conversion_rate`,
        ``"saas"`` is 1.7 %) or a fraction in [0, 1].
    target_ratio : float, default 3
        The LTV:CPL the bid cap aims at (bid cap = lead LTV / target ratio), > 0.
    healthy_min, healthy_max : float, default 3 and 5
        The LTV:CPL band called healthy (``ltv_cpl_band``: ``"overspending"`` below, ``"under_investing"`` above).
    spread_threshold : float, default 10
        The max / min lead LTV ratio over segments from which a ``lead_ltv_spread`` warning is given, >= 1.
    age_days : str or None, default None
        The column of each lead's age in days (creation to end of observation), >= 0; ``None``: no data
        sufficiency warnings.
    sales_cycles : float, default 2
        A segment's history is short when its oldest lead is younger than this many median days to close.
    min_conversions : int, default 30
        Fewer conversions than this in a segment give a ``few_conversions`` warning.
    conversion_window_days : float or None, default None
        The days a lead may take to convert (default: the median days to close).
    open_share : float, default 0.5
        The share of unconverted leads still inside the conversion window above which a segment gets an
        ``open_conversion_window`` warning, a fraction in [0, 1].

    Returns
    -------
    SegmentTable
        ``.table`` (one row per segment: ``segment``, ``leads``, ``conversions``, ``conversion_rate``,
        ``shrunk_rate``, ``avg_customer_ltv``, ``ltv_basis``, ``lead_ltv``, ``cost_per_lead``, ``ltv_cpl``,
        ``ltv_cpl_band``, ``bid_cap``, ``avg_days_to_close``), ``.overall``, ``.prior_rate``,
        ``.prior_strength`` and ``.warnings``.

    Raises
    ------
    InvalidInputError
        A missing label, a ``converted`` value that is not a yes/no flag, a negative cost or LTV, a converted
        lead without customer LTV or an option out of range (``.field`` and ``.row`` name it).
    MissingColumnError
        A named column not in ``df`` (also a ``KeyError``).
    UndefinedError
        No leads, or no conversion at all (the blended rate and the pooled LTV are undefined).
    TypeError
        ``df`` that is not a DataFrame or a dict of columns, or ``spend`` of the wrong kind.

    Examples
    --------
    >>> import pandas as pd, ltv.leads
    >>> df = pd.DataFrame({"channel": ["a", "a", "b", "b"], "converted": [True, False, True, False],
    ...                    "customer_ltv": [50_000, None, 1_000, None], "cost_per_lead": [10, 10, 10, 10]})
    >>> r = ltv.leads.segment_table(df, days_to_close=None, prior_strength=0)
    >>> r.table["lead_ltv"].tolist()
    [25000.0, 500.0]
    >>> r.warnings[0]["kind"], r.warnings[0]["ratio"]
    ('lead_ltv_spread', 50.0)
    >>> no_cost = df.drop(columns="cost_per_lead").assign(converted=["yes", "no", "Yes", "no"])
    >>> t = ltv.leads.segment_table(no_cost, cost_per_lead=None, spend={"a": 300, "b": 50}, days_to_close=None)
    >>> t.table[["segment", "cost_per_lead", "bid_cap"]].values.tolist()
    [['a', 150.0, 8333.333333333334], ['b', 25.0, 166.66666666666666]]
    >>> young = df.assign(days_to_close=[30, None, 40, None], age_days=[50, 10, 45, 5])
    >>> w = ltv.leads.segment_table(young, age_days="age_days", min_conversions=1).warnings
    >>> [(x["kind"], x["segment"]) for x in w]
    [('lead_ltv_spread', None), ('short_history', 'a'), ('short_history', 'b')]
    """
    df = _as_frame(df)
    labels, codes = _labels(_get(df, "segment", segment), "segment")
    if spend is not None:
        costs, first = _spend_costs(df, spend, labels, codes)
    elif cost_per_lead is not None:
        costs, first = column("cost_per_lead", _get(df, "cost_per_lead", cost_per_lead)), {}
    else:
        costs, first = np.zeros(len(codes)), {}
    try:
        out = _segment_table(df, labels, codes, converted, customer_ltv, costs, days_to_close, prior_strength,
                             prior_rate, target_ratio, healthy_min, healthy_max, spread_threshold)
    except LtvError as err:
        row = getattr(err, "row", None)
        if getattr(err, "field", None) != "cost_per_lead" or row not in first:
            raise
        message = str(err).split(": ", 1)[1].replace("cost_per_lead", "spend", 1)
        relabelled = type(err)(f"segment {first[row]!r}: {message}")
        for attr in ("value", "kind"):
            setattr(relabelled, attr, getattr(err, attr, None))
        relabelled.field, relabelled.row = "spend", None
        raise relabelled from None
    if cost_per_lead is None and spend is None:  # no cost known: the columns that need it are empty
        for name in ("cost_per_lead", "ltv_cpl", "ltv_cpl_band"):
            empty = None if is_polars(df) or name == "ltv_cpl_band" else np.nan
            out["rows"][name] = [empty] * len(out["rows"][name])
            out["overall"][name] = [empty]
    if age_days is not None:
        if whole("min_conversions", min_conversions) < 0:
            raise invalid_input("min_conversions", min_conversions, None, "a whole number >= 0")
        out["warnings"] += _ltv._leads_sufficiency_warnings(
            labels,
            codes,
            _converted(_get(df, "converted", converted), converted),
            _optional(df, "days_to_close", days_to_close),
            column("age_days", _get(df, "age_days", age_days)),
            number("sales_cycles", sales_cycles),
            whole("min_conversions", min_conversions),
            None if conversion_window_days is None else number("conversion_window_days", conversion_window_days),
            number("open_share", open_share),
        )
    overall = {k: v[0] for k, v in out["overall"].items()}
    table = _out(df, out["rows"])
    if is_polars(table) and cost_per_lead is None and spend is None:
        import polars as pl

        table = table.with_columns(pl.col("cost_per_lead", "ltv_cpl").cast(pl.Float64), pl.col("ltv_cpl_band").cast(pl.String))
    return SegmentTable(table, overall, out["prior_rate"], out["prior_strength"], out["warnings"], df)


def _segment_table(df: Any, labels: List[str], codes: _Codes, converted: str, customer_ltv: str, costs: Any,
                   days_to_close: Optional[str], prior_strength: float, prior_rate: PriorRate, target_ratio: float,
                   healthy_min: float, healthy_max: float, spread_threshold: float) -> Dict[str, Any]:
    return _ltv._leads_segment_table(
        labels,
        codes,
        _converted(_get(df, "converted", converted), converted),
        column("customer_ltv", _get(df, "customer_ltv", customer_ltv)),
        costs,
        _optional(df, "days_to_close", days_to_close),
        number("prior_strength", prior_strength),
        _prior(prior_rate),
        number("target_ratio", target_ratio),
        number("healthy_min", healthy_min),
        number("healthy_max", healthy_max),
        number("spread_threshold", spread_threshold),
    )


def _spend_costs(df: Any, spend: Union[str, Mapping[Any, Any]], labels: List[str],
                 codes: _Codes) -> Tuple[npt.NDArray[np.float64], Dict[int, str]]:
    """Spend per segment placed as lead costs: each segment's spend on its first lead, 0 on the others, so
    that the Rust table's cost per lead (cost sum / leads) is spend / leads in the segment, divided there.
    Returns the cost column and ``{first row: segment}``."""
    first_rows = np.unique(codes, return_index=True)[1]
    first = {int(row): labels[code] for code, row in enumerate(first_rows)}
    if isinstance(spend, str):
        values = column("spend", _get(df, "spend", spend))
        per_segment = values[first_rows]
        differs = values != per_segment[codes]
        differs &= ~(np.isnan(values) & np.isnan(per_segment[codes]))
        if differs.any():
            row = int(np.argmax(differs))
            raise invalid_input("spend", shown(values[row]), row,
                                f"the same spend on every row of segment {labels[codes[row]]!r} "
                                f"({shown(per_segment[codes[row]])} on its first row)")
    elif isinstance(spend, Mapping) or hasattr(spend, "items"):
        given = {str(k): v for k, v in spend.items()}
        unknown = sorted(set(given) - set(labels))
        if unknown:
            raise invalid_input("spend", shown(unknown), None,
                                f"a spend per segment of the data (segments: {shown(labels)})")
        absent = [label for label in labels if label not in given]
        if absent:
            raise invalid_input("spend", "missing", None, f"a spend for every segment (none for {shown(absent)})")
        per_segment = np.array([number(f"spend[{label!r}]", given[label]) for label in labels], dtype=np.float64)
    else:
        raise TypeError(f"spend: expected a column name or a mapping segment -> spend, got {type(spend).__name__}")
    costs = np.zeros(len(codes), dtype=np.float64)
    costs[first_rows] = per_segment
    return costs, first


def _days(series: Any, field: str) -> _Codes:
    """Dates (or ISO ``YYYY-MM-DD`` strings) as day counts (days since 1970-01-01, numpy ``datetime64[D]``); Rust
    maps each day to its month (``PeriodUnit::Month``). Numbers and booleans are a ``TypeError`` (never read
    as epoch offsets); a missing or unparseable date is an :class:`ltv.InvalidInputError` naming the row."""
    if is_polars(series):
        import polars as pl

        if series.dtype == pl.String:
            s = series.str.to_date(strict=False)
            bad = (s.is_null() & series.is_not_null()).to_numpy()
            if bad.any():
                row = int(np.argmax(bad))
                raise invalid_input(field, repr(series[row]), row, "a date (YYYY-MM-DD)")
        elif series.dtype == pl.Date or isinstance(series.dtype, pl.Datetime):
            s = series.cast(pl.Date)
        else:
            raise TypeError(f"{field}: expected dates or ISO date strings, got a column of {series.dtype}")
        missing = s.is_null().to_numpy()
        if missing.any():
            raise invalid_input(field, "missing", int(np.argmax(missing)), "a date")
        days = s.to_physical().cast(pl.Int64).to_numpy()
    else:
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        kind = getattr(series.dtype, "kind", "O")
        if kind not in "MO" and not isinstance(series.dtype, (pd.DatetimeTZDtype, pd.StringDtype)):
            raise TypeError(f"{field}: expected dates or ISO date strings, got a column of {series.dtype}")
        if kind == "O":
            for row, v in enumerate(series):
                if not (v is None or isinstance(v, (str, _dt.date, np.datetime64)) or v is pd.NaT or v != v):
                    raise TypeError(f"{field}: expected dates or ISO date strings, got {type(v).__name__} at row {row}")
        s = pd.to_datetime(series, errors="coerce", format="mixed") if kind != "M" else series
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            s = s.dt.tz_localize(None)
        missing = s.isna().to_numpy()
        if missing.any():
            row = int(np.argmax(missing))
            given = series.iloc[row]
            if given is None or given is pd.NaT or (isinstance(given, float) and given != given):
                raise invalid_input(field, "missing", row, "a date")
            raise invalid_input(field, shown(repr(given)), row, "a date (YYYY-MM-DD)")
        days = s.to_numpy().astype("datetime64[D]").astype(np.int64)
    return np.ascontiguousarray(days, dtype=np.int64)


def lead_cohorts(
    df: Any,
    *,
    channel: str = "channel",
    created: str = "created",
    converted: str = "converted",
    customer_ltv: str = "customer_ltv",
    prior_strength: float = _DEFAULTS["prior_strength"],
    prior_rate: PriorRate = "blended",
) -> Any:
    """Lead LTV by acquisition month per channel, one row per (channel, month) with ``month`` as ``YYYY-MM``:
    leads, conversions, raw and shrunk rates (toward the channel's own blended rate by default) and lead LTV.

    A lead belongs to the calendar month of its creation date; a monthly cohort's rate is shrunk as in
    :func:`segment_table` (beta-binomial posterior mean, ``prior_strength`` pseudo-leads). Recent months have
    had less time to convert: compare them at equal age.

    Parameters
    ----------
    channel : str, default "channel"
        The column of channel labels.
    created : str, default "created"
        The column of lead creation dates (dates, datetimes or ISO ``YYYY-MM-DD`` strings).
    converted : str, default "converted"
        The column saying whether each lead converted (booleans, 0 / 1 or yes/no labels).
    customer_ltv : str, default "customer_ltv"
        The column of each converted lead's customer LTV, in your currency, >= 0.
    prior_strength : float, default 20
        The prior's weight in pseudo-leads, >= 0 (0: the raw rate).
    prior_rate : "blended", a benchmark segment or float, default "blended"
        The rate shrunk toward: each channel's own blended rate, a benchmark (``"saas"``) or a fraction in [0, 1].

    Returns
    -------
    pandas.DataFrame or polars.DataFrame
        One row per (channel, month), in order: ``channel``, ``month`` (``YYYY-MM``), ``leads``,
        ``conversions``, ``conversion_rate``, ``shrunk_rate``, ``avg_customer_ltv``, ``ltv_basis`` and
        ``lead_ltv``.

    Raises
    ------
    InvalidInputError
        A missing or unparseable date or label, a ``converted`` value that is not a yes/no flag, a negative LTV
        or a converted lead without one (``.row`` names it).
    MissingColumnError
        A named column not in ``df`` (also a ``KeyError``).
    TypeError
        A ``created`` column of numbers (never read as epoch offsets).

    Examples
    --------
    >>> import pandas as pd, ltv.leads
    >>> df = pd.DataFrame({"channel": ["ads"] * 4, "created": ["2026-01-05", "2026-01-20", "2026-02-03", "2026-02-10"],
    ...                    "converted": [1, 0, 0, 0], "customer_ltv": [1_000, None, None, None]})
    >>> ltv.leads.lead_cohorts(df, prior_strength=0)[["channel", "month", "leads", "lead_ltv"]]
      channel    month  leads  lead_ltv
    0     ads  2026-01      2     500.0
    1     ads  2026-02      2       0.0
    """
    df = _as_frame(df)
    labels, codes = _labels(_get(df, "channel", channel), "channel")
    out = _ltv._leads_cohorts(
        labels,
        codes,
        _days(_get(df, "created", created), "created"),
        _converted(_get(df, "converted", converted), converted),
        column("customer_ltv", _get(df, "customer_ltv", customer_ltv)),
        number("prior_strength", prior_strength),
        _prior(prior_rate),
    )
    return _out(df, out)


def compare_campaigns(
    df: Any,
    *,
    campaign: str = "campaign",
    value: Optional[str] = None,
    conversion_probability: Optional[str] = None,
    customer_ltv: Optional[str] = None,
    cost: str = "cost_per_lead",
    rank_by: RankBy = _DEFAULTS["rank_by"],
) -> Any:
    """Campaigns ranked (descending; ties by name) by ``rank_by`` (``"total_value"``, ``"value_per_cost"`` or
    ``"value_per_lead"``): leads, total value, value per lead, cost and value / cost (NaN/null at cost 0).

    Each lead's value is the ``value`` column, or P x LTV from the ``conversion_probability`` and
    ``customer_ltv`` columns (computed by :func:`ltv.vec.lead_ltv`).

    Parameters
    ----------
    campaign : str, default "campaign"
        The column of campaign labels.
    value : str or None, default None
        The column of each lead's value, in your currency; or ``None`` with the next two.
    conversion_probability : str or None, default None
        The column of each lead's probability of converting, a fraction in [0, 1] (with ``customer_ltv``).
    customer_ltv : str or None, default None
        The column of each lead's customer LTV if it converts, >= 0 (with ``conversion_probability``).
    cost : str, default "cost_per_lead"
        The column of what each lead cost, >= 0.
    rank_by : {"total_value", "value_per_cost", "value_per_lead"}, default "total_value"
        What the ranking sorts by, descending.

    Returns
    -------
    pandas.DataFrame or polars.DataFrame
        One row per campaign, best first: ``rank`` (1 = best), ``campaign``, ``leads``, ``total_value``,
        ``value_per_lead``, ``cost`` (the campaign's total) and ``value_per_cost`` (NaN / null at cost 0).

    Raises
    ------
    InvalidInputError
        A missing label, a negative cost or value, a probability outside [0, 1], a bad ``rank_by``.
    MissingColumnError
        A named column not in ``df`` (also a ``KeyError``).
    TypeError
        Neither ``value`` nor both ``conversion_probability`` and ``customer_ltv``.

    Examples
    --------
    >>> import pandas as pd, ltv.leads
    >>> df = pd.DataFrame({"campaign": ["ads"] * 3 + ["webinar"] * 2, "value": [100, 100, 100, 500, 500],
    ...                    "cost_per_lead": [10, 10, 10, 100, 100]})
    >>> ltv.leads.compare_campaigns(df, value="value")[["rank", "campaign", "total_value", "value_per_cost"]]
       rank campaign  total_value  value_per_cost
    0     1  webinar       1000.0             5.0
    1     2      ads        300.0            10.0
    """
    df = _as_frame(df)
    labels, codes = _labels(_get(df, "campaign", campaign), "campaign")
    if value is not None:
        values = column("value", _get(df, "value", value))
    elif conversion_probability is not None and customer_ltv is not None:
        try:
            values = np.asarray(
                _ltv._vec_lead_ltv(
                    column("customer_ltv", _get(df, "customer_ltv", customer_ltv)),
                    column("conversion_probability", _get(df, "conversion_probability", conversion_probability)),
                    "raise",
                    True,
                )
            )
        except LtvError as err:  # the kernel's parameter is lead_ltv's conversion_rate
            raise renamed(err, "conversion_rate", "conversion_probability") from None
        values = np.ascontiguousarray(np.broadcast_to(values, (len(codes),)), dtype=np.float64)
    else:
        raise TypeError("give value= (a column of lead values) or both conversion_probability= and customer_ltv=")
    out = _ltv._leads_compare_campaigns(labels, codes, values, column("cost", _get(df, "cost", cost)), rank_by)
    return _out(df, out)


def value_lead(**kwargs: Any) -> LeadValuation:
    """Deprecated: renamed :func:`explain_lead_value` (the same keywords)."""
    warnings.warn("ltv.value_lead is deprecated: use ltv.explain_lead_value (the same keywords)",
                  DeprecationWarning, stacklevel=2)
    return explain_lead_value(**kwargs)


def value_account(**kwargs: Any) -> AccountValuation:
    """Deprecated: renamed :func:`account_value` (the same keywords)."""
    warnings.warn("ltv.value_account is deprecated: use ltv.account_value (the same keywords)",
                  DeprecationWarning, stacklevel=2)
    return account_value(**kwargs)


if TYPE_CHECKING:
    SegmentReport = SegmentTable
else:

    def __getattr__(name: str) -> Any:
        if name == "SegmentReport":
            warnings.warn("ltv.leads.SegmentReport is deprecated: renamed SegmentTable (as ltv_core::SegmentTable)",
                          DeprecationWarning, stacklevel=2)
            return SegmentTable
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

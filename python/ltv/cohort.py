"""Revenue cohort tables: retention by acquisition cohort and age, MRR movements per period, realised value.

:func:`cohort_table` takes revenue rows (customer, period, revenue) from a pandas or polars DataFrame, or as
columns, and returns a :class:`CohortAnalysis` whose tables are DataFrames: ``.table`` (one row per cohort and
age), ``.movements`` (one row per calendar period), ``.pivot(metric)`` (cohorts x ages), ``.cohort(period)``
(one cohort's rows), and
``.realised_value`` / ``.realised_ltv`` / ``.payback`` (margin per acquired customer and CAC payback).

Every number comes from the Rust core (``ltv_core::cohort``, float64, GIL released); this module only encodes
ids and dates and builds the frames. pandas in -> pandas out, polars in -> polars out; plain arrays give
pandas when it is installed, else dicts of numpy arrays.

Conventions:

- ``unit`` is ``"month"`` (default), ``"week"`` (ISO weeks, Monday to Sunday), ``"day"``, ``"quarter"``
  (calendar quarters) or ``"year"``. Periods may be dates (numpy ``datetime64``, pandas datetimes,
  ``Timestamp`` or ``Period``, polars ``Date``/``Datetime``, Python ``date``/``datetime``), strings, or integer
  period indices (months since 1970-01, weeks since Monday 1969-12-29, days since 1970-01-01, quarters since
  1970-Q1, years since 1970). Strings: a day ``"2024-03-15"``, ``"2024/03/15"``, ``"2024-03-15 00:00:00"``
  (a time, ``T`` and a UTC offset are ignored); an ISO week ``"2024-W11"``; a month ``"2024-03"``,
  ``"2024-3"``, ``"2024/03"``, ``"Mar 2024"``, ``"March 2024"``; a quarter ``"2024Q1"``, ``"2024-Q1"``,
  ``"Q1 2024"``; a year ``"2024"`` (case-insensitive). A date maps to the period holding it; a period
  coarser than ``unit`` (a month for ``unit="week"``) is an error, as is a string in none of these forms
  ("cannot parse", listing them). Output periods are the first day of the period. Referring back to a
  cohort (:meth:`CohortAnalysis.cohort`, ``payback(cac={...})``, :func:`ltv.plot.survival_plot`'s
  ``cohort=``) takes the same spellings.
- Rows in any order; rows of the same customer and period are summed (a refund row may be negative, the
  total may not). A customer's cohort is the first period with revenue > 0; customers who never pay are
  counted in ``never_paying_customers``. Age 0 is the acquisition period.
- Undefined rates (the first period's NRR, a quick ratio with nothing lost, ...) are NaN in pandas and null
  in polars.

>>> import pandas as pd, ltv.cohort
>>> df = pd.DataFrame({
...     "customer_id": ["a", "a", "a", "b", "b"],
...     "period": ["2024-01", "2024-02", "2024-03", "2024-01", "2024-03"],
...     "revenue": [100.0, 100.0, 120.0, 50.0, 50.0],
... })
>>> cohorts = ltv.cohort.cohort_table(df)
>>> cohorts.table[["age", "active_customers", "surviving_customers", "logo_retention"]].to_dict("list")
{'age': [0, 1, 2], 'active_customers': [2, 1, 2], 'surviving_customers': [2, 2, 2], 'logo_retention': [1.0, 0.5, 1.0]}
>>> [round(x, 4) for x in cohorts.table["net_revenue_retention"]]
[1.0, 0.6667, 1.1333]
>>> cohorts.movements[["churned_mrr", "reactivation_mrr", "expansion_mrr"]].iloc[1:].to_dict("list")
{'churned_mrr': [50.0, 0.0], 'reactivation_mrr': [0.0, 50.0], 'expansion_mrr': [0.0, 20.0]}
>>> cohorts.payback(gross_margin=0.8, cac=100)["payback_age"].tolist()
[1]
"""

from __future__ import annotations

import datetime as _dt

from typing import Any, Dict, Literal, Mapping, Optional, Union

import numpy as np
import numpy.typing as npt

from . import _ltv
from ._columns import check_column, check_labels, check_text, column, has_pandas, invalid_input, is_pandas, is_polars, number, shown, whole
from ._columns import missing_column, option
from ._ltv import InvalidInputError
from ._periods import cannot_parse, days_of

__all__ = ["CohortAnalysis", "Metric", "METRICS", "PeriodUnit", "cohort_table", "MAX_COHORT_CELLS"]

# A Union of one-string Literals (the same type as Literal["month", "week", ...]; see ltv.leads.RankBy).
PeriodUnit = Union[Literal["month"], Literal["week"], Literal["day"], Literal["quarter"], Literal["year"]]
"""The calendar unit of a period (``ltv_core::cohort::PeriodUnit``); not the rate period of churn."""

_DEFAULT_UNIT: PeriodUnit = _ltv._defaults()["unit"]

MAX_COHORT_CELLS: int = _ltv.MAX_COHORT_CELLS
"""The largest cohort table built (cohorts x ages, ``ltv_core::cohort::MAX_COHORT_CELLS``), checked before allocating."""
_Int = npt.NDArray[np.int64]

Metric = Union[
    Literal["cohort_size"], Literal["active_customers"], Literal["surviving_customers"], Literal["revenue"],
    Literal["logo_retention"], Literal["net_revenue_retention"], Literal["gross_revenue_retention"],
    Literal["cumulative_revenue_per_customer"],
]
"""A numeric column of :attr:`CohortAnalysis.table`, e.g. ``"logo_retention"`` (what :meth:`~CohortAnalysis.pivot` takes)."""

METRICS = (
    "cohort_size", "active_customers", "surviving_customers", "revenue", "logo_retention", "net_revenue_retention",
    "gross_revenue_retention", "cumulative_revenue_per_customer",
)
"""The metrics :meth:`CohortAnalysis.pivot` takes: the numeric columns of :attr:`CohortAnalysis.table`."""


# --- encoding: customers -> dense codes ---------------------------------------------------------------------


def _customer_codes(x: Any) -> _Int:
    """Dense int64 codes (-1 for a missing id); non-negative integer ids are their own codes when dense enough."""
    check_column("customer", x)
    if is_polars(x):
        if x.dtype.is_integer() and x.null_count() == 0:
            return _customer_codes(x.to_numpy())
        codes = x.rank("dense").fill_null(0).to_numpy()
        return np.ascontiguousarray(codes, dtype=np.int64) - 1
    if is_pandas(x):
        if getattr(x.dtype, "kind", None) in ("i", "u") and not x.hasnans:
            return _customer_codes(x.to_numpy())
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        if x.dtype == object:
            check_labels("customer", x)
        return np.ascontiguousarray(pd.factorize(x, use_na_sentinel=True)[0], dtype=np.int64)
    if isinstance(x, (list, tuple)) or getattr(x, "dtype", None) == object:
        check_labels("customer", x)
    try:
        arr = np.asarray(x)
    except ValueError:  # ragged nested lists
        raise TypeError("customer: expected a 1-D column of ids, got nested sequences") from None
    if arr.ndim != 1:
        raise TypeError(f"customer: expected a 1-D column of ids, got {arr.ndim} dimensions")
    if arr.dtype.kind in "iu":
        if arr.size and arr.min() >= 0 and arr.max() < 2 * arr.size + 1024:
            return np.ascontiguousarray(arr, dtype=np.int64)
        return np.unique(arr, return_inverse=True)[1].astype(np.int64).reshape(-1)
    if has_pandas():
        import pandas as pd

        return np.ascontiguousarray(pd.factorize(arr, use_na_sentinel=True)[0], dtype=np.int64)
    missing = np.array([v is None or (isinstance(v, float) and v != v) for v in arr], dtype=bool)
    codes = np.full(arr.size, -1, dtype=np.int64)
    if (~missing).any():
        codes[~missing] = np.unique(arr[~missing].astype(str), return_inverse=True)[1].reshape(-1)
    return codes


# --- encoding: periods -> integer period indices -----------------------------------------------------------


def _from_datetime64(arr: Any, unit: PeriodUnit) -> _Int:
    """Dates as day counts (``datetime64[D]``), mapped to period indices in Rust (``PeriodUnit::index_of_day``)."""
    nat = np.isnat(arr)
    if nat.any():
        raise invalid_input("period", "NaT", int(np.argmax(nat)), "a date (not null)")
    days = np.ascontiguousarray(arr.astype("datetime64[D]").astype(np.int64), dtype=np.int64)
    return np.ascontiguousarray(_ltv._cohort_days_to_periods(days, unit), dtype=np.int64)


def _from_strings(values: Any, unit: PeriodUnit) -> _Int:
    """Parse each distinct string once (in Rust); an unparseable one names its first row."""
    arr = np.asarray(values, dtype=object)
    if has_pandas():
        import pandas as pd

        codes, uniques = pd.factorize(arr, use_na_sentinel=True)
        uniques = list(uniques)
    else:
        missing = np.array([v is None for v in arr], dtype=bool)
        codes = np.full(arr.size, -1, dtype=np.int64)
        uniques = []
        if (~missing).any():
            u, inv = np.unique(arr[~missing].astype(str), return_inverse=True)
            codes[~missing] = inv.reshape(-1)
            uniques = list(u)
    if (codes < 0).any():
        raise invalid_input("period", "missing", int(np.argmax(codes < 0)), "a period (not null)")
    positions = [i for i, v in enumerate(uniques) if isinstance(v, str)]
    others = [i for i, v in enumerate(uniques) if not isinstance(v, str)]
    index = np.zeros(len(uniques), dtype=np.int64)
    if positions:
        # Each distinct string's first input row, so that Rust's error names the row of the input.
        first_rows = np.full(len(uniques), -1, dtype=np.int64)
        seen = np.unique(codes, return_index=True)
        first_rows[seen[0]] = seen[1]
        texts = [uniques[i] for i in positions]
        rows = [int(first_rows[i]) for i in positions]
        check_text("period", texts, rows)
        try:  # the canonical spellings ('2024-03', '2024-03-15') in one native call
            index[positions] = _ltv._cohort_parse_periods(texts, unit, rows)
        except InvalidInputError as err:  # any other accepted spelling, read here; a bad one "cannot parse"
            if getattr(err, "field", None) != "period":  # a bad unit
                raise
            days = np.array(days_of(texts, rows, unit, "period"), dtype=np.int64)
            index[positions] = _ltv._cohort_days_to_periods(days, unit)
    for i in others:
        index[i] = _other_period(uniques[i], unit, int(np.argmax(codes == i)))
    parsed = index
    return np.ascontiguousarray(parsed[codes], dtype=np.int64)


def _other_period(value: Any, unit: PeriodUnit, row: int) -> int:
    """A non-string period among strings: an integer period index, or a date-like value."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        if not -(2**62) <= int(value) < 2**62:
            raise invalid_input("period", shown(value), row, "a period string, date or integer period index")
        return int(value)
    if isinstance(value, (bool, np.bool_, float, complex)):
        raise cannot_parse("period", value, row)
    if hasattr(value, "start_time") and not isinstance(value, _dt.date):  # a pandas Period
        value = value.start_time
    if isinstance(value, _dt.datetime) and value.tzinfo is not None:  # the wall-clock day where it happened
        value = value.replace(tzinfo=None)
    try:
        day = np.array([np.datetime64(value, "D")])
    except (TypeError, ValueError):
        raise cannot_parse("period", value, row) from None
    return int(_from_datetime64(day, unit)[0])


def _period_index(x: Any, unit: PeriodUnit) -> _Int:
    check_column("period", x)
    if is_polars(x):
        import polars as pl

        if x.dtype == pl.Boolean:
            raise TypeError("period: expected dates, period strings or integer period indices, got a boolean column")
        if x.dtype == pl.Date or isinstance(x.dtype, pl.Datetime):
            return _from_datetime64(x.cast(pl.Date).to_numpy(), unit)
        if x.dtype.is_integer():
            if x.null_count():
                raise invalid_input("period", "null", int(x.is_null().arg_max() or 0), "a period (not null)")
            return np.ascontiguousarray(x.to_numpy(), dtype=np.int64)
        return _from_strings(x.cast(pl.String).to_numpy(), unit)
    if is_pandas(x):
        import pandas as pd

        dtype = x.dtype
        if getattr(dtype, "kind", None) == "b":
            raise TypeError("period: expected dates, period strings or integer period indices, got a boolean column")
        if isinstance(dtype, pd.PeriodDtype):
            return _from_datetime64(x.dt.start_time.to_numpy(), unit)
        if isinstance(dtype, pd.DatetimeTZDtype):
            return _from_datetime64(x.dt.tz_localize(None).to_numpy(), unit)
        if getattr(dtype, "kind", None) == "M":
            return _from_datetime64(x.to_numpy(), unit)
        if getattr(dtype, "kind", None) in ("i", "u"):
            if x.hasnans:
                raise invalid_input("period", "missing", int(np.argmax(x.isna().to_numpy())), "a period (not null)")
            return np.ascontiguousarray(x.to_numpy(), dtype=np.int64)
        if dtype == object and len(x) and all(hasattr(v, "start_time") for v in x.iloc[:1]):
            return _from_datetime64(pd.PeriodIndex(x).start_time.to_numpy(), unit)
        values = x.to_numpy(dtype=object)
        check_labels("period", values)
        return _from_strings(values, unit)
    if isinstance(x, (list, tuple)):
        check_labels("period", [v for v in x if not isinstance(v, (_dt.date, np.datetime64)) and not hasattr(v, "start_time")])
    try:
        arr = np.asarray(x)
    except ValueError:  # ragged nested lists
        raise TypeError("period: expected a 1-D column of periods, got nested sequences") from None
    if arr.ndim != 1:
        raise TypeError(f"period: expected a 1-D column of periods, got {arr.ndim} dimensions")
    if arr.dtype.kind in "bmc":
        raise TypeError(f"period: expected dates, period strings or integer period indices, got an array of {arr.dtype}")
    if arr.dtype.kind == "M":
        return _from_datetime64(arr, unit)
    if arr.dtype.kind in "iu":
        return np.ascontiguousarray(arr, dtype=np.int64)
    if arr.dtype.kind == "O" and arr.size and not isinstance(arr[0], str):
        try:
            return _from_datetime64(arr.astype("datetime64[D]"), unit)
        except (TypeError, ValueError):
            pass
    return _from_strings(arr, unit)


def _period_start(index: _Int, unit: PeriodUnit) -> Any:
    """Period indices -> the first day of each period, as datetime64[D] (the day counts come from Rust,
    ``PeriodUnit::start_day``)."""
    days = _ltv._cohort_period_starts(np.ascontiguousarray(index, dtype=np.int64), unit)
    return days.astype("datetime64[D]")


# --- output frames -----------------------------------------------------------------------------------------

_DATE_COLUMNS = ("cohort", "period")
_NULLABLE_INT = ("payback_age",)


def __dir__() -> "list[str]":  # dir() and tab completion show the public API only
    return list(__all__)


def _frame(columns: Dict[str, Any], unit: PeriodUnit, backend: str) -> Any:
    out: Dict[str, Any] = {}
    for name, values in columns.items():
        out[name] = _period_start(values, unit) if name in _DATE_COLUMNS else values
    if backend == "polars":
        import polars as pl

        series = []
        for name, values in out.items():
            if name in _DATE_COLUMNS:
                series.append(pl.Series(name, values).cast(pl.Date))
            elif name in _NULLABLE_INT:
                series.append(pl.Series(name, values).fill_nan(None).cast(pl.Int64))
            elif values.dtype.kind == "f":
                series.append(pl.Series(name, values).fill_nan(None))
            else:
                series.append(pl.Series(name, values))
        return pl.DataFrame(series)
    if backend == "pandas":
        import pandas as pd

        frame = pd.DataFrame({k: v.astype("datetime64[s]") if k in _DATE_COLUMNS else v for k, v in out.items()})
        for name in _NULLABLE_INT:
            if name in frame:
                frame[name] = frame[name].astype("Int64")
        return frame
    return out


class CohortAnalysis:
    """The result of :func:`cohort_table`: the cohort table and the per-period movements, computed once.

    Customers are grouped by acquisition cohort (the first period with revenue > 0) and followed by age (periods
    since acquisition): logo retention, net and gross revenue retention and cumulative revenue per customer by
    cohort and age (:attr:`table`, :meth:`pivot`), the MRR bridge per calendar period (:attr:`movements`:
    new, expansion, contraction, churned and reactivation MRR, the SaaS metrics conventions), and realised
    value and CAC payback per acquired customer (:meth:`realised_value`, :meth:`realised_ltv`,
    :meth:`payback`). Every number is computed once in Rust (``ltv_core::cohort``).

    DataFrames are pandas or polars (as the input was); with neither, dicts of numpy arrays. ``repr()``
    shows the unit, the periods and the customers; ``_repr_html_()`` adds the logo retention grid.

    Examples
    --------
    >>> import ltv.cohort
    >>> c = ltv.cohort.cohort_table(customer=[1, 1, 2], period=["2024-01", "2024-02", "2024-02"], revenue=[5, 5, 7])
    >>> c
    CohortAnalysis(unit='month', periods=2024-01-01..2024-02-01, customers=2, never_paying_customers=0)
    >>> c.table[["age", "active_customers", "revenue"]].to_dict("list")
    {'age': [0, 1, 0], 'active_customers': [1, 1, 1], 'revenue': [5.0, 5.0, 7.0]}
    """

    def __init__(self, result: Any, unit: PeriodUnit, backend: str) -> None:
        self._result = result
        self._unit = unit
        self._backend = backend
        self._table: Optional[Any] = None
        self._movements: Optional[Any] = None

    def __repr__(self) -> str:
        first, last = self._result.period_range
        start = _period_start(np.array([first, last], dtype=np.int64), self._unit)
        return (
            f"CohortAnalysis(unit={self._unit!r}, periods={start[0]}..{start[1]}, customers={self.customers}, "
            f"never_paying_customers={self.never_paying_customers})"
        )

    def _repr_html_(self) -> str:
        from . import _html

        first, last = _period_start(np.array(self._result.period_range, dtype=np.int64), self._unit)
        head = _html.figures("Cohort analysis", [("unit", self._unit), ("periods", f"{first} to {last}"),
                                                 ("customers", self.customers),
                                                 ("never paying customers", self.never_paying_customers)])
        return head + "<p>logo retention by cohort and age</p>" + _html.frame(self.pivot("logo_retention"))

    @property
    def unit(self) -> PeriodUnit:
        """``"month"``, ``"week"``, ``"day"``, ``"quarter"`` or ``"year"``."""
        return self._unit

    @property
    def customers(self) -> int:
        """Customers with at least one row."""
        return int(self._result.customers)

    @property
    def never_paying_customers(self) -> int:
        """Customers whose rows never show revenue > 0 (in no cohort; counted, not dropped)."""
        return int(self._result.never_paying_customers)

    @property
    def table(self) -> Any:
        """One row per cohort and age: ``cohort`` (first day of the acquisition period), ``age`` (0 = the
        acquisition period), ``cohort_size``, ``active_customers`` (revenue > 0), ``surviving_customers``
        (revenue at this or any later age; non-increasing), ``revenue``, ``logo_retention`` (active / size),
        ``net_revenue_retention`` (revenue / age-0 revenue), ``gross_revenue_retention`` (sum of
        min(revenue, age-0 revenue) per customer / age-0 revenue) and ``cumulative_revenue_per_customer``."""
        if self._table is None:
            self._table = _frame(self._result.table(), self._unit, self._backend)
        return self._table

    @property
    def movements(self) -> Any:
        """One row per calendar period: the MRR bridge (``starting_mrr``, ``new_mrr``, ``expansion_mrr``,
        ``contraction_mrr``, ``churned_mrr``, ``reactivation_mrr``, ``ending_mrr``), customer counts
        (``starting_customers``, ``new_customers``, ``churned_customers``, ``reactivated_customers``,
        ``active_customers``) and ``logo_churn_rate`` (churned / customers active in the previous period),
        ``net_revenue_retention``, ``gross_revenue_retention`` and ``quick_ratio``: NaN / null where undefined
        (the first period; a quick ratio with nothing lost)."""
        if self._movements is None:
            self._movements = _frame(self._result.movements(), self._unit, self._backend)
        return self._movements

    def pivot(self, metric: Metric = "logo_retention") -> Any:
        """``metric`` (a column of :attr:`table`) as a cohort x age grid: one row per cohort, one column per age,
        empty (NaN / null) where a cohort is too young to have that age.

        This is the classic cohort triangle (the grid :func:`ltv.plot.cohort_heatmap` draws).

        Parameters
        ----------
        metric : str, default "logo_retention"
            A numeric column of :attr:`table`, one of :data:`METRICS`: ``"logo_retention"`` and the revenue
            retentions are fractions (1.0 = 100 %), ``"revenue"`` and ``"cumulative_revenue_per_customer"`` in
            the revenue's currency, the others counts of customers.

        Returns
        -------
        pandas.DataFrame, polars.DataFrame or numpy.ndarray
            pandas: indexed by ``cohort`` (first day of the period), one float column per age (columns named
            ``age``); polars: a ``cohort`` column then one column per age (``"0"``, ``"1"``, ...); without
            either, a 2-D float array (cohorts in order by row, ages by column).

        Raises
        ------
        InvalidInputError
            ``metric`` is not one of :data:`METRICS` (the message lists them).
        TypeError
            ``metric`` is not a string.

        Examples
        --------
        >>> import ltv.cohort
        >>> c = ltv.cohort.cohort_table(customer=[1, 1, 2], period=["2024-01", "2024-02", "2024-02"], revenue=[5, 5, 7])
        >>> c.pivot("active_customers").to_dict("list")
        {0: [1.0, 1.0], 1: [1.0, nan]}
        >>> c.pivot("retention")
        Traceback (most recent call last):
        ...
        ltv.InvalidInputError: metric = 'retention' is out of range: expected one of 'cohort_size', 'active_customers', 'surviving_customers', 'revenue', 'logo_retention', 'net_revenue_retention', 'gross_revenue_retention', 'cumulative_revenue_per_customer'
        """
        metric = _metric(metric)
        table = self.table
        if self._backend == "polars":
            return table.pivot(on="age", index="cohort", values=metric, sort_columns=True)
        if self._backend == "pandas":
            grid = table.pivot(index="cohort", columns="age", values=metric).astype(float)
            grid.columns.name = "age"
            return grid
        cohorts, rows = np.unique(table["cohort"], return_inverse=True)
        grid = np.full((cohorts.size, int(table["age"].max()) + 1), np.nan)
        grid[rows.reshape(-1), table["age"]] = table[metric]
        return grid

    def cohort(self, period: Any) -> Any:
        """The rows of :attr:`table` for one cohort, named by any accepted period spelling (``"Jan 2024"``,
        ``"2024-01"``, a date inside it, a ``Timestamp``, a period index); a ``KeyError`` listing the cohorts
        when there is none.

        Parameters
        ----------
        period : str, date, datetime64, Timestamp, Period or int
            The acquisition period of the cohort, in any spelling :func:`cohort_table` accepts for its
            ``unit`` (listed in :mod:`ltv.cohort`).

        Returns
        -------
        pandas.DataFrame, polars.DataFrame or dict of numpy arrays
            The cohort's rows of :attr:`table`, by age (pandas: indexed 0, 1, ...).

        Raises
        ------
        KeyError
            No cohort starts in that period (the message lists the cohorts).
        InvalidInputError
            ``period`` cannot be parsed, or is coarser than the analysis' ``unit``.

        Examples
        --------
        >>> import ltv.cohort
        >>> c = ltv.cohort.cohort_table(customer=[1, 1, 2], period=["2024-01", "2024-02", "2024-02"], revenue=[5, 5, 7])
        >>> c.cohort("Feb 2024")[["age", "revenue"]].to_dict("list")
        {'age': [0], 'revenue': [7.0]}
        >>> c.cohort("2023-12")
        Traceback (most recent call last):
        ...
        KeyError: "period: no cohort '2023-12' (the period from 2023-12-01; cohorts: ['2024-01-01', '2024-02-01'])"
        """
        index = _period_index([period], self._unit)
        start = _period_start(index, self._unit)[0]
        table = self.table
        if self._backend == "polars":
            import polars as pl

            rows = table.filter(pl.col("cohort") == start.item())
            found = rows.height > 0
        elif self._backend == "pandas":
            rows = table[table["cohort"] == start]
            found = len(rows) > 0
        else:
            mask = table["cohort"] == start
            rows = {name: values[mask] for name, values in table.items()}
            found = bool(mask.any())
        if not found:
            cohorts = [str(d) for d in _period_start(np.unique(self._result.table()["cohort"]), self._unit)]
            raise KeyError(f"period: no cohort {shown(period)!r} (the period from {start}; cohorts: {shown(cohorts)})")
        return rows.reset_index(drop=True) if self._backend == "pandas" else rows

    def realised_value(self, *, gross_margin: float) -> Any:
        """Cumulative revenue and margin per acquired customer, per cohort and age:
        ``cumulative_margin_per_customer = gross_margin x revenue of ages 0..age / cohort_size``.

        The value a cohort has actually delivered so far (undiscounted, observed ages only; no projection:
        see :func:`ltv.cohort_ltv` for the sBG-projected lifetime value).

        Parameters
        ----------
        gross_margin : float
            Gross margin as a fraction in [0, 1].

        Returns
        -------
        pandas.DataFrame, polars.DataFrame or dict of numpy arrays
            One row per cohort and age: ``cohort``, ``age``, ``cohort_size``, ``cumulative_revenue_per_customer``
            and ``cumulative_margin_per_customer`` (in the revenue's currency, per acquired customer).

        Raises
        ------
        InvalidInputError
            ``gross_margin`` outside [0, 1] (80 suggests 0.8).
        NotFiniteError
            ``gross_margin`` is NaN or infinite.
        TypeError
            ``gross_margin`` is not a number.

        Examples
        --------
        >>> import ltv.cohort
        >>> c = ltv.cohort.cohort_table(customer=[1, 1, 2], period=["2024-01", "2024-02", "2024-02"], revenue=[5, 5, 7])
        >>> v = c.realised_value(gross_margin=0.8)
        >>> v["age"].tolist(), [round(x, 6) for x in v["cumulative_margin_per_customer"]]
        ([0, 1, 0], [4.0, 8.0, 5.6])
        """
        return _frame(self._result.realised_value(number("gross_margin", gross_margin)), self._unit, self._backend)

    def realised_ltv(self, *, gross_margin: float, periods: int = 12) -> Any:
        """Each cohort's realised LTV over its first ``periods`` periods (12 or 24 months, say): the cumulative
        margin per acquired customer at age ``periods - 1``; NaN / null for a cohort not yet that old.

        Comparing cohorts at the same age (the "12-month LTV") shows whether newer cohorts are worth more or
        less than older ones, without a model.

        Parameters
        ----------
        gross_margin : float
            Gross margin as a fraction in [0, 1].
        periods : int, default 12
            The number of periods (in the analysis' ``unit``) counted from acquisition, >= 1.

        Returns
        -------
        pandas.DataFrame, polars.DataFrame or dict of numpy arrays
            One row per cohort: ``cohort``, ``cohort_size`` and ``ltv`` (margin per acquired customer over ages
            0 .. ``periods - 1``, in the revenue's currency; NaN / null when the cohort is younger).

        Raises
        ------
        InvalidInputError
            ``gross_margin`` outside [0, 1], or ``periods`` < 1.
        TypeError
            ``periods`` is not a whole number, or ``gross_margin`` not a number.

        Examples
        --------
        >>> import ltv.cohort
        >>> c = ltv.cohort.cohort_table(customer=[1, 1, 2], period=["2024-01", "2024-02", "2024-02"], revenue=[5, 5, 7])
        >>> c.realised_ltv(gross_margin=0.8, periods=2)["ltv"].tolist()
        [8.0, nan]
        """
        return _frame(self._result.realised_ltv(number("gross_margin", gross_margin), whole("periods", periods)), self._unit, self._backend)

    def payback(self, *, gross_margin: float, cac: Union[float, Mapping[Any, float]]) -> Any:
        """CAC payback per cohort: ``payback_age`` is the first age at which the cumulative margin per acquired
        customer reaches ``cac`` (``>=``), null when not reached within the observed ages. ``cac`` is one value
        for every cohort, or a mapping (dict or pandas Series) from cohort period (a date, a period string or
        a period index) to that cohort's CAC; every cohort needs one.

        The age is counted in the analysis' ``unit`` from acquisition (age 0: paid back in the first period),
        on the undiscounted cumulative margin of :meth:`realised_value` (the per-cohort counterpart of
        :func:`ltv.cac_payback_months`).

        Parameters
        ----------
        gross_margin : float
            Gross margin as a fraction in [0, 1].
        cac : float or mapping of period to float
            Customer acquisition cost per acquired customer, in the revenue's currency, >= 0: one for every
            cohort, or one per cohort keyed by its period.

        Returns
        -------
        pandas.DataFrame, polars.DataFrame or dict of numpy arrays
            One row per cohort: ``cohort``, ``cohort_size``, ``cac``, ``payback_age`` (nullable integer) and
            ``realised_margin_per_customer`` (the cumulative margin at the last observed age).

        Raises
        ------
        InvalidInputError
            ``gross_margin`` outside [0, 1], a negative ``cac``, a cohort with no CAC in the mapping, or a key
            that is not a period.
        NotFiniteError
            A NaN or infinite ``cac``.

        Examples
        --------
        >>> import ltv.cohort
        >>> c = ltv.cohort.cohort_table(customer=[1, 1, 2], period=["2024-01", "2024-02", "2024-02"], revenue=[5, 5, 7])
        >>> c.payback(gross_margin=0.8, cac=6)["payback_age"].tolist()
        [1, <NA>]
        >>> c.payback(gross_margin=0.8, cac={"2024-01": 4, "Feb 2024": 10})[["cac", "payback_age"]].values.tolist()
        [[4.0, 0], [10.0, <NA>]]
        """
        margin = number("gross_margin", gross_margin)
        if isinstance(cac, Mapping) or is_pandas(cac):
            mapping: Any = cac
            items = list(mapping.items())
            keys = _period_index([k for k, _ in items], self._unit) if items else np.zeros(0, dtype=np.int64)
            values = np.array([number("cac", v) for _, v in items], dtype=np.float64)
            columns = self._result.payback(margin, None, keys, values)
        else:
            columns = self._result.payback(margin, number("cac", cac))
        return _frame(columns, self._unit, self._backend)


def _metric(metric: Any) -> Any:
    """``metric`` checked against :data:`METRICS`: a non-string is a ``TypeError``, another name an
    :class:`ltv.InvalidInputError` listing the valid ones."""
    option("metric", metric, METRICS)
    if metric not in METRICS:
        raise invalid_input("metric", repr(shown(metric)), None, "one of " + ", ".join(repr(m) for m in METRICS))
    return metric


def _resolve(data: Any, name: str, ref: Any) -> Any:
    if data is None:
        return ref
    if not isinstance(ref, str):
        return ref
    if ref not in data.columns:
        raise missing_column(name, ref, data.columns)
    return data[ref]


def cohort_table(
    data: Any = None,
    *,
    customer: Any = "customer_id",
    period: Any = "period",
    revenue: Any = "revenue",
    unit: PeriodUnit = _DEFAULT_UNIT,
) -> CohortAnalysis:
    """Revenue cohort analysis of ``(customer, period, revenue)`` rows.

    ``data`` is a pandas or polars DataFrame and ``customer``, ``period``, ``revenue`` name its columns; or
    ``data`` is ``None`` and they are the columns themselves (numpy arrays, pandas or polars Series,
    sequences). ``unit``: ``"month"`` (default), ``"week"``, ``"day"``, ``"quarter"`` or ``"year"``; the
    period spellings accepted are listed in :mod:`ltv.cohort`. A column name not in ``data`` is an
    :class:`ltv.MissingColumnError` (a ``KeyError``) naming the keyword that maps it.

    Retention follows the usual SaaS definitions: logo retention = active customers / cohort size, net revenue
    retention = revenue / age-0 revenue, gross revenue retention caps each customer's revenue at their age-0
    revenue (expansion excluded); the MRR bridge splits each period's change into new, expansion,
    contraction, churned and reactivation MRR.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame or None, default None
        The revenue rows; ``None`` when ``customer``, ``period`` and ``revenue`` are the columns themselves.
    customer : str or column, default "customer_id"
        The column of customer ids (any hashable labels; missing ids are an error).
    period : str or column, default "period"
        The column of periods: dates, period strings or integer period indices (see :mod:`ltv.cohort`).
    revenue : str or column, default "revenue"
        The column of revenue amounts in one currency (a refund row may be negative; each customer-period
        total must be >= 0).
    unit : {"month", "week", "day", "quarter", "year"}, default "month"
        The calendar unit of a period (and of an age).

    Returns
    -------
    CohortAnalysis
        ``.table`` (cohort x age), ``.movements`` (per period), ``.pivot()``, ``.cohort()``,
        ``.realised_value()``, ``.realised_ltv()`` and ``.payback()``.

    Raises
    ------
    InvalidInputError
        A negative customer-period total, an unparseable or missing period, a missing customer id, columns of
        different lengths or no rows (with ``.row``), or a bad ``unit``.
    MissingColumnError
        A column name not in ``data`` (also a ``KeyError``).
    NotFiniteError
        NaN or infinite revenue.
    TypeError
        ``data`` that is not a DataFrame, or a column of the wrong kind (booleans as periods, nested lists).

    Examples
    --------
    >>> import numpy as np, ltv.cohort
    >>> c = ltv.cohort.cohort_table(customer=np.array([7, 7, 8]), period=np.array(["2024-01-15", "2024-02-01", "2024-01-31"], dtype="datetime64[D]"), revenue=[10.0, 12.0, 5.0])
    >>> c.table[["cohort", "age", "revenue"]].to_dict("list")["revenue"]
    [15.0, 12.0]
    >>> ltv.cohort.cohort_table(customer=[1, 2], period=["2024-01", "2024-13"], revenue=[1.0, 2.0])
    Traceback (most recent call last):
    ...
    ltv.InvalidInputError: row 1: period = '2024-13': cannot parse: expected ...
    >>> q = ltv.cohort.cohort_table(customer=[1, 1], period=["Jan 2024", "2024-04-02 00:00:00"], revenue=[1.0, 1.0], unit="quarter")
    >>> q.table[["cohort", "age"]].astype(str).values.tolist()
    [['2024-01-01', '0'], ['2024-01-01', '1']]
    """
    if data is not None and not (is_pandas(data) or is_polars(data)):
        raise TypeError(f"data: expected a pandas or polars DataFrame (or None), got {type(data).__name__}")
    cols = [_resolve(data, n, r) for n, r in (("customer", customer), ("period", period), ("revenue", revenue))]
    if data is not None:
        backend = "polars" if is_polars(data) else "pandas"
    elif any(is_polars(c) for c in cols):
        backend = "polars"
    else:
        backend = "pandas" if has_pandas() else "numpy"
    codes = _customer_codes(cols[0])
    periods = _period_index(cols[1], unit)
    amounts = column("revenue", cols[2])
    return CohortAnalysis(_ltv._cohort_analyse(codes, periods, amounts, unit), unit, backend)



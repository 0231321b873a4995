"""From billing exports to MRR: invoice lines spread over their service periods, so cohorts and churn are right.

:func:`normalise` takes invoice lines (a pandas or polars DataFrame, the columns named by keyword) and returns
a :class:`Normalised` with four frames of the same kind: ``mrr`` (``customer_id, period, mrr, status``: the
rows :func:`ltv.cohort_table` takes), ``one_time`` (one-time revenue per customer-month, never MRR),
``pauses`` (gaps between covered months) and ``audit`` (which line contributed what to which month, by
which rule). Every amount comes from the Rust core (``ltv_core::billing``, exact ``Decimal``): each line's
monthly amounts sum to its converted net amount to the cent (largest remainder, ties to the earlier month).

Rules: net amount = ``amount x quantity - discount``; service periods run from ``service_start`` to
``service_end`` *exclusive* (January is ``2024-01-01 .. 2024-02-01``, as Stripe's ``period.end``), at most
3,660 days. ``kind`` is ``charge``, ``credit_note``, ``refund`` or ``one_time``; credits name the line they
credit in ``credits`` (a credit with no service dates takes the credited line's). ``day_count`` is
``"actual_days"`` (default), ``"thirty_360"`` or ``"whole_months"``; ``credit_applies_to`` is
``"service_period"`` (default) or ``"issue_month"``; foreign-currency lines convert at the latest rate on or
before their ``rate_date`` (``"invoice_date"``, default: the ``issued`` column, else the service start; or
``"service_start"``).

>>> import pandas as pd, ltv
>>> lines = pd.DataFrame({
...     "line_id": ["in_1"], "customer_id": ["cus_A"], "amount": [1200.0], "currency": ["USD"],
...     "service_start": ["2024-01-01"], "service_end": ["2025-01-01"], "kind": ["charge"],
... })
>>> out = ltv.billing.normalise(lines, day_count="thirty_360")
>>> out.mrr["mrr"].tolist() == [100.0] * 12
True
>>> float(out.cohort_table().movements["churned_mrr"].sum())  # raw invoices would show 1,200 churned in February
0.0
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any, Dict, List, Literal, Optional, Sequence, Tuple, Union

import numpy as np

from . import _ltv
from ._columns import check_text, invalid_input, is_pandas, is_polars, missing_column, shown, whole

__all__ = ["CreditAppliesTo", "DayCount", "MAX_SERVICE_DAYS", "Normalised", "RateDate", "allocate", "normalise"]

# Unions of one-string Literals (the same type as Literal["a", "b"]; see ltv.leads.RankBy), for stubtest.
DayCount = Union[Literal["actual_days"], Literal["thirty_360"], Literal["whole_months"]]
"""How a service period is shared between months (``ltv_core::billing::DayCount``)."""
CreditAppliesTo = Union[Literal["service_period"], Literal["issue_month"]]
"""Which months a credit note or refund reduces (``ltv_core::billing::CreditPlacement``)."""
RateDate = Union[Literal["invoice_date"], Literal["service_start"]]
"""Which date of a line its exchange rate is read on (``ltv_core::billing::RateDate``)."""

MAX_SERVICE_DAYS: int = _ltv.MAX_SERVICE_DAYS
"""The longest service period of a line (3,660 days, ``ltv_core::billing::MAX_SERVICE_DAYS``)."""


def allocate(*, units: int, weights: Sequence[int]) -> List[int]:
    """``units`` (minor units, e.g. cents) split in proportion to ``weights`` so the parts sum to ``units`` exactly:
    each part gets the floor of its share, the units left go to the largest remainders, ties to the earlier
    weight (the rule :func:`normalise` spreads every line with; the largest remainder, or Hamilton, method).

    Parameters
    ----------
    units : int
        The amount to split, in minor units (e.g. cents; negative for a credit).
    weights : sequence of int
        The shares, whole numbers >= 0 (e.g. days of service per month), at least one of them > 0.

    Returns
    -------
    list of int
        One part per weight, in minor units, summing to ``units``.

    Raises
    ------
    TypeError
        ``units`` is not an int, ``weights`` is not a sequence, or a weight is not a whole number (``1.5``, ``True``).
    InvalidInputError
        No weights, a negative weight, or weights that are all 0 (``.field == "weights"``).

    Examples
    --------
    >>> import ltv
    >>> ltv.billing.allocate(units=10_000, weights=[1, 1, 1])   # $100.00 over three months
    [3334, 3333, 3333]
    >>> ltv.billing.allocate(units=31_000, weights=[17, 14])    # Jan 15 .. Feb 15 by actual days
    [17000, 14000]
    """
    if isinstance(units, bool) or not isinstance(units, (int, np.integer)):
        raise TypeError(f"units: expected an int, got {type(units).__name__}")
    if not -(2**63) <= int(units) < 2**63:
        raise invalid_input("units", shown(units), None, "a whole number of minor units within int64")
    if isinstance(weights, (str, bytes)) or not hasattr(weights, "__len__"):
        raise TypeError(f"weights: expected a sequence of whole numbers, got {type(weights).__name__}")
    counts = []
    for row, w in enumerate(weights):  # whole numbers only: 1.5 is not silently 1
        if isinstance(w, (bool, np.bool_)) or not isinstance(w, (int, np.integer)):
            raise TypeError(f"weights[{row}]: expected a whole number, got {type(w).__name__}")
        if not 0 <= int(w) < 2**63:
            raise invalid_input("weights", shown(w), row, "weights >= 0 within int64, at least one > 0")
        counts.append(int(w))
    if not any(counts):
        raise invalid_input("weights", shown(counts), None, "weights >= 0, at least one > 0")
    return list(_ltv._billing_allocate(int(units), counts))


_STATUS = np.array(["paying", "trial", "credit_only"], dtype=object)
_NAT = np.iinfo(np.int64).min


def _frame_kind(data: Any, name: str) -> str:
    if is_polars(data) and hasattr(data, "columns"):
        return "polars"
    if is_pandas(data) and hasattr(data, "columns"):
        return "pandas"
    raise TypeError(f"{name}: expected a pandas or polars DataFrame, got {type(data).__name__}")


def _get(data: Any, field: str, ref: Optional[str]) -> Optional[np.ndarray]:
    """The column ``ref`` of ``data`` as a numpy array (None when ``ref`` is None)."""
    if ref is None:
        return None
    if not isinstance(ref, str):
        raise TypeError(f"{field}: expected a column name (str) or None, got {type(ref).__name__}")
    if ref not in data.columns:
        raise missing_column(field, ref, data.columns)
    col = data[ref]
    if is_polars(col):
        import polars as pl

        if col.dtype == pl.Date or isinstance(col.dtype, pl.Datetime):
            return np.asarray(col.cast(pl.Date).to_numpy().astype("datetime64[D]"))
        if isinstance(col.dtype, pl.Decimal):
            return np.array([None if v is None else str(v) for v in col.to_list()], dtype=object)
        if col.dtype == pl.String or col.dtype == pl.Categorical:
            return np.array(col.cast(pl.String).to_list(), dtype=object)
        if col.null_count() and col.dtype.is_numeric():
            return np.asarray(col.cast(pl.Float64).fill_null(float("nan")).to_numpy())
        return np.asarray(col.to_numpy())
    if getattr(col.dtype, "tz", None) is not None:
        col = col.dt.tz_localize(None)
    return np.asarray(col.to_numpy())


def _codes(values: Any) -> Tuple[np.ndarray, np.ndarray]:
    """Dense codes and the distinct values (missing values get code -1) of a numpy array or pandas Series."""
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return np.ascontiguousarray(codes, dtype=np.int64), np.asarray(uniques, dtype=object)


def _factor(data: Any, field: str, ref: Optional[str]) -> Optional[Tuple[np.ndarray, np.ndarray]]:
    """:func:`_codes` of a text column: a pandas column is factorized as it is (no copy to Python objects)."""
    if ref is None:
        return None
    if is_pandas(data) and isinstance(ref, str) and ref in data.columns:
        return _codes(data[ref])
    values = _get(data, field, ref)
    return None if values is None else _codes(values)


def _labels(field: str, factored: Tuple[np.ndarray, np.ndarray], ids: List[str]) -> Tuple[np.ndarray, List[str]]:
    codes, uniques = factored
    if (codes < 0).any():
        row = int(np.argmax(codes < 0))
        raise _ltv._invalid_input_error(field, "missing", row, f"a {field} on every line (line '{ids[row]}')")
    return codes, [str(u) for u in uniques]


def _days(field: str, values: Optional[np.ndarray]) -> Optional[np.ndarray]:
    """Dates (datetime64, date objects or ISO strings) as days since 1970-01-01; missing is int64 min."""
    if values is None:
        return None
    if values.dtype.kind != "M":
        import pandas as pd

        objects = pd.Series(values, dtype=object)
        if pd.api.types.infer_dtype(objects, skipna=True) not in ("string", "date", "datetime", "datetime64", "empty"):
            # Numbers are not dates (pandas would read them as epochs one day): name the first one.
            for row, v in enumerate(objects):
                if not (v is None or isinstance(v, (str, _dt.date, np.datetime64)) or (isinstance(v, float) and v != v)):
                    raise _ltv._invalid_input_error(field, shown(repr(v)), row, "a date 'YYYY-MM-DD'")
        parsed = pd.to_datetime(objects, errors="coerce", format="ISO8601")
        bad = parsed.isna().to_numpy() & pd.notna(objects).to_numpy()
        if bad.any():
            row = int(np.argmax(bad))
            raise _ltv._invalid_input_error(field, shown(repr(values[row])), row, "a date 'YYYY-MM-DD'")
        values = parsed.to_numpy()
    days = values.astype("datetime64[D]")
    out = days.astype(np.int64)
    out[np.isnat(days)] = _NAT
    return np.ascontiguousarray(out)


def _optional_float(field: str, values: Optional[np.ndarray]) -> Optional[np.ndarray]:
    if values is None:
        return None
    if values.dtype.kind in "iuf":
        return np.ascontiguousarray(values, dtype=np.float64)
    return np.array([np.nan if v is None or v != v else float(v) for v in values], dtype=np.float64)


def _text(values: Optional[np.ndarray], field: str) -> Optional[List[Optional[str]]]:
    """A column's values as text for the native call (None and NaN: missing); a string that is not valid
    Unicode (a lone surrogate) is an :class:`ltv.InvalidInputError` naming ``field`` and the row."""
    if values is None:
        return None
    out = [None if v is None or (isinstance(v, float) and v != v) else str(v) for v in values.tolist()]
    check_text(field, out, range(len(out)))
    return out


def _amount_text(values: np.ndarray, field: str) -> List[Optional[str]]:
    """Amounts given as text or objects (``Decimal``, ``str``): their exact text. Longer than any ``Decimal``
    (80 characters) is an overflow named by the row, so the message stays short."""
    out = _text(values, field) or []
    for row, text in enumerate(out):
        if text is not None and len(text) > 80:
            raise invalid_input(field, shown(text), row, "a decimal amount within the Decimal range (28 digits)")
    return out


def _column(data: Any, field: str, ref: Any) -> str:
    """``ref``, checked to name a column of ``data``."""
    if not isinstance(ref, str):
        raise TypeError(f"{field}: expected a column name (str) or None, got {type(ref).__name__}")
    if ref not in data.columns:
        raise missing_column(field, ref, data.columns)
    return ref


_Strings = Tuple[np.ndarray, np.ndarray, Optional[np.ndarray]]


def _as_strings(col: Any) -> Optional[_Strings]:
    """A text column (pandas, polars or numpy) as Arrow-style ``(offsets, UTF-8 bytes, valid mask)`` without a
    Python object per value, or None when it is not text (or pyarrow is not installed)."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    except ImportError:  # pragma: no cover - pyarrow is in the test environment
        return None
    try:
        arr = col.to_arrow() if is_polars(col) else pa.array(col, from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError, OverflowError):  # not plain text: the slow path decides
        return None
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    text = (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)
            or (hasattr(pa.types, "is_string_view") and pa.types.is_string_view(arr.type)))
    if not text:
        return None
    arr = arr.cast(pa.large_string())
    _, offsets, data = arr.buffers()
    off = np.frombuffer(offsets, dtype=np.int64)[arr.offset: arr.offset + len(arr) + 1]
    raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8)
    valid = arr.is_valid().to_numpy(zero_copy_only=False) if arr.null_count else None
    return np.ascontiguousarray(off), raw, valid


def _encode(values: List[Optional[str]]) -> _Strings:
    """:func:`_as_strings` of Python strings (``None``: missing)."""
    encoded = [b"" if v is None else v.encode() for v in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum(np.fromiter((len(b) for b in encoded), dtype=np.int64, count=len(encoded)), out=offsets[1:])
    valid = np.array([v is not None for v in values], dtype=bool)
    return offsets, np.frombuffer(b"".join(encoded), dtype=np.uint8), None if valid.all() else valid


def _strings(data: Any, field: str, ref: Optional[str]) -> Optional[_Strings]:
    """The text column ``ref`` of ``data`` for the native call (values that are not text read as ``str(v)``)."""
    if ref is None:
        return None
    col = data[_column(data, field, ref)]
    fast = _as_strings(col)
    if fast is not None:
        return fast
    values = _get(data, field, ref)
    assert values is not None
    return _encode(_text(values, field) or [])


def _string_at(strings: _Strings, row: int) -> str:
    offsets, raw, _ = strings
    return bytes(raw[offsets[row]: offsets[row + 1]]).decode()


def _no_missing(field: str, strings: _Strings, ids: _Strings) -> None:
    """A missing value of a text column that must be on every line is an error naming the row (and line id)."""
    valid = strings[2]
    if valid is not None and not valid.all():
        row = int(np.argmax(~valid))
        where = f" (line '{_string_at(ids, row)}')" if field != "line_id" else ""
        raise _ltv._invalid_input_error(field, "missing", row, f"a {field} on every line{where}")


def _no_missing_codes(field: str, codes: np.ndarray, ids: _Strings) -> None:
    if (codes < 0).any():
        row = int(np.argmax(codes < 0))
        raise _ltv._invalid_input_error(field, "missing", row, f"a {field} on every line (line '{_string_at(ids, row)}')")


def _credit_dates(ids: _Strings, credits: _Strings, starts: np.ndarray, ends: np.ndarray) -> None:
    """A credit without service dates takes those of the line it credits (only rows missing a date are read)."""
    rows = np.flatnonzero((starts == _NAT) | (ends == _NAT)).tolist()
    position = {_string_at(ids, row): row for row in range(len(ids[0]) - 1)}
    for row in rows:
        if credits[2] is not None and not credits[2][row]:
            continue
        target = position.get(_string_at(credits, row))
        if target is not None:
            starts[row] = starts[row] if starts[row] != _NAT else starts[target]
            ends[row] = ends[row] if ends[row] != _NAT else ends[target]

class Normalised:
    """The result of :func:`normalise`: ``mrr``, ``one_time``, ``pauses`` and ``audit`` frames (pandas or
    polars, as the input), the ``reporting_currency``, and :meth:`cohort_table` on the MRR table.

    Examples
    --------
    >>> import pandas as pd, ltv
    >>> lines = pd.DataFrame({"line_id": ["in_1"], "customer_id": ["A"], "amount": [300.0], "currency": ["USD"],
    ...                       "service_start": ["2024-01-01"], "service_end": ["2024-04-01"], "kind": ["charge"]})
    >>> out = ltv.billing.normalise(lines, day_count="whole_months")
    >>> out
    Normalised(reporting_currency='USD', mrr_rows=3, audit_rows=3)
    >>> out.mrr["mrr"].tolist()
    [100.0, 100.0, 100.0]
    """

    def __init__(self, mrr: Any, one_time: Any, pauses: Any, audit: Any, reporting_currency: str) -> None:
        self.mrr = mrr
        """``customer_id``, ``period`` (first day of the month), ``mrr``, ``status`` (``paying``, ``trial``, ``credit_only``)."""
        self.one_time = one_time
        """``customer_id``, ``period``, ``amount``: one-time charges less their credits."""
        self.pauses = pauses
        """``customer_id``, ``first_period``, ``periods``: months without a charge between covered months."""
        self._audit = audit
        self.reporting_currency = reporting_currency
        """The currency of every amount."""

    @property
    def audit(self) -> Any:
        """``line_id``, ``customer_id``, ``period``, ``amount``, ``recurring``, ``rule``: per line and month (the
        frame is built from the native columns when first read)."""
        if callable(self._audit):
            self._audit = self._audit()
        return self._audit

    def __repr__(self) -> str:
        return f"Normalised(reporting_currency={self.reporting_currency!r}, mrr_rows={len(self.mrr)}, audit_rows={len(self.audit)})"

    def _repr_html_(self) -> str:
        """The notebook view: the reporting currency, the row counts and the first MRR rows as an HTML table."""
        import html

        mrr = self.mrr if hasattr(self.mrr, "to_html") else self.mrr.to_pandas()
        counts = (f"{len(self.mrr)} MRR rows, {len(self.one_time)} one-time rows, {len(self.pauses)} pauses, "
                  f"{len(self.audit)} audit rows")
        return (f"<div><b>Normalised</b> (reporting currency {html.escape(str(self.reporting_currency))}): "
                f"{html.escape(counts)}{mrr.head(10).to_html(index=False)}</div>")

    def cohort_table(self) -> Any:
        """:func:`ltv.cohort_table` of the MRR table (monthly): cohorts, retention and MRR movements.

        Returns
        -------
        CohortAnalysis
            The cohort analysis of ``mrr`` (revenue column ``mrr``).

        Examples
        --------
        >>> import pandas as pd, ltv
        >>> lines = pd.DataFrame({"line_id": ["in_1"], "customer_id": ["A"], "amount": [300.0], "currency": ["USD"],
        ...                       "service_start": ["2024-01-01"], "service_end": ["2024-04-01"], "kind": ["charge"]})
        >>> table = ltv.billing.normalise(lines, day_count="whole_months").cohort_table()
        >>> float(table.movements["churned_mrr"].sum())
        0.0
        """
        from .cohort import cohort_table

        return cohort_table(self.mrr, revenue="mrr")


def _money(units: np.ndarray, places: int, exact: bool) -> Any:
    if exact:
        return np.array([Decimal(int(u)).scaleb(-places) for u in units], dtype=object)
    return units / float(10**places)


def _build(kind: str, columns: Dict[str, Any]) -> Any:
    """A frame of ``columns``: numpy arrays, ``(codes, labels)`` pairs (categorical) or columns taken from the input."""
    if kind == "polars":
        import polars as pl

        series = []
        for k, v in columns.items():
            if isinstance(v, tuple):
                series.append(pl.Series(k, np.asarray(v[1], dtype=str)[v[0]]).cast(pl.Categorical))
            elif isinstance(v, pl.Series):
                series.append(v.alias(k))
            elif v.dtype.kind == "M":
                series.append(pl.Series(k, v).cast(pl.Date))
            else:
                series.append(pl.Series(k, v.tolist() if v.dtype == object else v))
        return pl.DataFrame(series)
    import pandas as pd

    out: Dict[str, Any] = {}
    for k, v in columns.items():
        if isinstance(v, tuple):
            out[k] = pd.Categorical.from_codes(v[0], categories=list(v[1]))
        elif isinstance(v, np.ndarray) and v.dtype.kind == "M":
            out[k] = v.astype("datetime64[s]")
        else:
            out[k] = v
    return pd.DataFrame(out)


def _take(data: Any, ref: str, rows: np.ndarray) -> Any:
    """Rows ``rows`` of the input column ``ref``, keeping its type (and pandas / polars backing)."""
    col = data[ref]
    if is_polars(col):
        return col.gather(rows)
    return col.array.take(rows)


def _month_start(periods: np.ndarray) -> np.ndarray:
    return periods.astype("datetime64[M]").astype("datetime64[D]")


def normalise(
    lines: Any,
    *,
    customer: str = "customer_id",
    line_id: str = "line_id",
    amount: str = "amount",
    currency: Optional[str] = "currency",
    service_start: str = "service_start",
    service_end: str = "service_end",
    kind: Optional[str] = "kind",
    plan: Optional[str] = None,
    quantity: Optional[str] = None,
    discount: Optional[str] = None,
    credits: Optional[str] = None,
    issued: Optional[str] = None,
    rates: Any = None,
    reporting_currency: Optional[str] = None,
    day_count: DayCount = "actual_days",
    credit_applies_to: CreditAppliesTo = "service_period",
    rate_date: RateDate = "invoice_date",
    decimal_places: int = 2,
    exact: bool = False,
) -> Normalised:
    """Normalises invoice ``lines`` (a pandas or polars DataFrame) into MRR, one-time revenue, pauses and an audit table.

    The keywords name the columns: ``customer``, ``line_id`` (unique), ``amount`` (``>= 0``; floats are read as
    their shortest decimal, ``decimal.Decimal`` and strings exactly), ``currency`` (``None``: every line in
    one unnamed currency), ``service_start``, ``service_end`` (dates, end exclusive), ``kind`` (``None``:
    every line a charge), and the optional ``plan``, ``quantity``, ``discount`` (an amount off), ``credits``
    (the line id a credit note or refund credits) and ``issued`` (invoice date). ``rates`` is a frame with
    columns ``currency``, ``date``, ``rate`` (reporting-currency units per unit, from that date on), needed
    for lines not in ``reporting_currency``. ``exact=True`` gives ``decimal.Decimal`` amounts instead of floats.

    The columns go to the Rust core whole (``ltv_core::billing::normalise_columns``): text columns as Arrow
    string buffers (pyarrow-backed, polars or object columns; without pyarrow they are encoded once), dates as
    days, amounts as floats or text, and the tables come back as integer minor units, with no Python object
    per line. ``audit`` is built from the native columns when first read.

    Raises :class:`ltv.InvalidInputError` (``.problem`` e.g. ``"credit_too_large"``, ``.label`` the line id,
    ``.row``, ``.field``) for a missing line id, customer, currency or kind, a service end before its start,
    a credit larger than what it credits, a currency without a rate, an overlapping duplicate charge (same
    customer, plan, currency and net amount), an unknown kind, and :class:`ltv.NotFiniteError`
    (``.problem == "missing_amount"``) for a NaN or missing amount.

    Parameters
    ----------
    lines : pandas.DataFrame or polars.DataFrame
        The invoice lines, one row per line, in any order.
    customer : str
        The column of customer ids.
    line_id : str
        The column of line ids (unique, no missing values).
    amount : str
        The column of unit amounts (in the line's currency, >= 0; floats, ``Decimal`` or strings).
    currency : str, optional
        The column of ISO currency codes; ``None``: every line in one unnamed currency.
    service_start : str
        The column of service start dates (inclusive).
    service_end : str
        The column of service end dates (exclusive), at most :data:`MAX_SERVICE_DAYS` days after the start.
    kind : str, optional
        The column of line kinds (``charge``, ``credit_note``, ``refund``, ``one_time``); ``None``: all charges.
    plan : str, optional
        The column of plan names (the duplicate-charge check compares them).
    quantity : str, optional
        The column of quantities (the amount is ``amount x quantity``).
    discount : str, optional
        The column of amounts off the line (in its currency).
    credits : str, optional
        The column of the line id a credit note or refund credits.
    issued : str, optional
        The column of invoice dates (the rate date with ``rate_date="invoice_date"``).
    rates : pandas.DataFrame or polars.DataFrame, optional
        Exchange rates: ``currency``, ``date``, ``rate`` (reporting-currency units per unit, from that date on).
    reporting_currency : str, optional
        The currency of every output amount (default: the lines' one currency).
    day_count : {"actual_days", "thirty_360", "whole_months"}
        How a service period is shared between months.
    credit_applies_to : {"service_period", "issue_month"}
        Which months a credit note or refund reduces.
    rate_date : {"invoice_date", "service_start"}
        Which date of a line its exchange rate is read on.
    decimal_places : int
        The minor units of the output amounts, 0 to 8 (2: cents).
    exact : bool
        ``decimal.Decimal`` amounts instead of floats.

    Returns
    -------
    Normalised
        The ``mrr``, ``one_time``, ``pauses`` and ``audit`` frames, in the frame library of ``lines``.

    Raises
    ------
    InvalidInputError
        As above (``.problem``, ``.label``, ``.row``, ``.field``); also ``decimal_places`` outside 0 to 8 or an
        unknown option.
    NotFiniteError
        A NaN or missing amount (``.problem == "missing_amount"``).
    MissingColumnError
        A keyword that names no column of ``lines``.
    TypeError
        ``lines`` is not a DataFrame, or ``exact`` / ``reporting_currency`` of the wrong type.

    Examples
    --------
    >>> import pandas as pd, ltv
    >>> lines = pd.DataFrame({
    ...     "line_id": ["in_1", "cn_1"], "customer_id": ["A", "A"], "amount": [100.0, 120.0],
    ...     "currency": ["USD", "USD"], "service_start": ["2024-01-01"] * 2, "service_end": ["2024-02-01"] * 2,
    ...     "kind": ["charge", "credit_note"], "credits": [None, "in_1"],
    ... })
    >>> ltv.billing.normalise(lines, credits="credits")
    Traceback (most recent call last):
    ...
    ltv.InvalidInputError: line 'cn_1' (row 1): amount = 120 (credits of 'in_1' total 120, its net amount is 100) is out of range: expected credits adding up to at most the net amount of the line they credit
    """
    backend = _frame_kind(lines, "lines")
    decimal_places = whole("decimal_places", decimal_places)
    if not 0 <= decimal_places <= 8:  # the core's range, checked here before the native u32 conversion
        raise invalid_input("decimal_places", shown(decimal_places), None, "0 to 8")
    if not isinstance(exact, (bool, np.bool_)):
        raise TypeError(f"exact: expected a bool, got {type(exact).__name__}")
    exact = bool(exact)
    if reporting_currency is not None:
        if not isinstance(reporting_currency, str):
            raise TypeError(f"reporting_currency: expected a currency code (str) or None, got {type(reporting_currency).__name__}")
        try:
            reporting_currency.encode("utf-8")
        except UnicodeEncodeError:
            raise invalid_input("reporting_currency", shown(ascii(reporting_currency)), None, "text that is valid Unicode") from None
    n = len(lines)
    ids = _strings(lines, "line_id", line_id)
    assert ids is not None
    _no_missing("line_id", ids, ids)
    customer_col = lines[_column(lines, "customer", customer)]
    text_customers = _as_strings(customer_col)
    customer_codes: Optional[np.ndarray] = None
    if text_customers is None:
        customer_codes, uniques = _codes(_get(lines, "customer", customer))
        _no_missing_codes("customer", customer_codes, ids)
        customer_arg: Any = np.ascontiguousarray(customer_codes, dtype=np.uint32)
    else:
        _no_missing("customer", text_customers, ids)
        customer_arg = text_customers
    cur = _strings(lines, "currency", currency)
    if cur is not None:
        _no_missing("currency", cur, ids)
    kinds = _strings(lines, "kind", kind)
    if kinds is not None:
        _no_missing("kind", kinds, ids)
    starts = _days("service_start", _get(lines, "service_start", service_start))
    ends = _days("service_end", _get(lines, "service_end", service_end))
    assert starts is not None and ends is not None
    credit_ids = _strings(lines, "credits", credits)
    if credit_ids is not None and ((starts == _NAT) | (ends == _NAT)).any():
        _credit_dates(ids, credit_ids, starts, ends)
    raw_amount = _get(lines, "amount", amount)
    assert raw_amount is not None
    amounts = np.ascontiguousarray(raw_amount, dtype=np.float64) if raw_amount.dtype.kind in "iuf" else None
    out = _ltv._billing_normalise_columns(
        ids,
        customer_arg,
        starts,
        ends,
        currency=cur,
        kind=kinds,
        plan=_strings(lines, "plan", plan),
        credits=credit_ids,
        amounts=amounts,
        amount_text=None if amounts is not None else _amount_text(raw_amount, "amount"),
        quantity=_optional_float("quantity", _get(lines, "quantity", quantity)),
        discount=_optional_float("discount", _get(lines, "discount", discount)),
        issued=_days("issued", _get(lines, "issued", issued)),
        day_count=day_count,
        credit_applies_to=credit_applies_to,
        rate_date=rate_date,
        reporting_currency=reporting_currency,
        decimal_places=decimal_places,
        **_rate_args(rates),
    )
    if customer_codes is not None:
        first_row = _first_rows(customer_codes, n)
    else:
        first_row = out["customer_first_row"].astype(np.int64)
    return _frames(backend, lines, out, first_row, customer=customer, line_id=line_id, day_count=day_count,
                   decimal_places=decimal_places, exact=exact)


def _normalise_rows(
    lines: Any,
    *,
    customer: str = "customer_id",
    line_id: str = "line_id",
    amount: str = "amount",
    currency: Optional[str] = "currency",
    service_start: str = "service_start",
    service_end: str = "service_end",
    kind: Optional[str] = "kind",
    plan: Optional[str] = None,
    quantity: Optional[str] = None,
    discount: Optional[str] = None,
    credits: Optional[str] = None,
    issued: Optional[str] = None,
    rates: Any = None,
    reporting_currency: Optional[str] = None,
    day_count: DayCount = "actual_days",
    credit_applies_to: CreditAppliesTo = "service_period",
    rate_date: RateDate = "invoice_date",
    decimal_places: int = 2,
    exact: bool = False,
) -> Normalised:
    """:func:`normalise` through the row-based native path (``BillingLine`` per line): the reference the column
    path is tested against (tests/python/test_billing.py)."""
    backend = _frame_kind(lines, "lines")
    n = len(lines)
    raw_ids = _get(lines, "line_id", line_id)
    assert raw_ids is not None
    ids = [str(v) for v in raw_ids.tolist()]
    factored = _factor(lines, "customer", customer)
    assert factored is not None
    customer_codes, customers = factored
    if (customer_codes < 0).any():
        row = int(np.argmax(customer_codes < 0))
        raise _ltv._invalid_input_error("customer", "missing", row, f"a customer on every line (line '{ids[row]}')")
    cur = _factor(lines, "currency", currency)
    currency_codes, currencies = _labels("currency", cur, ids) if cur is not None else (np.zeros(n, np.int64), [""])
    raw_kind = _factor(lines, "kind", kind)
    kind_codes, kinds = _labels("kind", raw_kind, ids) if raw_kind is not None else (np.zeros(n, np.int64), ["charge"])
    raw_plan = _factor(lines, "plan", plan)
    plan_codes: Optional[np.ndarray] = None
    plans: List[str] = []
    if raw_plan is not None:
        plan_codes, plan_uniques = raw_plan
        plans = [str(p) for p in plan_uniques]
    starts = _days("service_start", _get(lines, "service_start", service_start))
    ends = _days("service_end", _get(lines, "service_end", service_end))
    assert starts is not None and ends is not None
    credit_ids = _text(_get(lines, "credits", credits), "credits")
    if credit_ids is not None:
        # A credit without service dates takes those of the line it credits.
        position = {line: row for row, line in enumerate(ids)}
        for row in np.flatnonzero((starts == _NAT) | (ends == _NAT)).tolist():
            target = position.get(credit_ids[row] or "")
            if target is not None:
                starts[row] = starts[row] if starts[row] != _NAT else starts[target]
                ends[row] = ends[row] if ends[row] != _NAT else ends[target]
    raw_amount = _get(lines, "amount", amount)
    assert raw_amount is not None
    amounts = np.ascontiguousarray(raw_amount, dtype=np.float64) if raw_amount.dtype.kind in "iuf" else None
    amount_text = None if amounts is not None else _amount_text(raw_amount, "amount")
    rate_args = _rate_args(rates)
    out = _ltv._billing_normalise(
        ids,
        np.ascontiguousarray(customer_codes, dtype=np.uint32),
        np.ascontiguousarray(currency_codes, dtype=np.uint32),
        [str(c) for c in currencies],
        starts,
        ends,
        np.ascontiguousarray(kind_codes, dtype=np.uint32),
        [str(k) for k in kinds],
        amounts=amounts,
        amount_text=amount_text,
        plan_codes=plan_codes,
        plans=plans,
        quantity=_optional_float("quantity", _get(lines, "quantity", quantity)),
        discount=_optional_float("discount", _get(lines, "discount", discount)),
        credits=credit_ids,
        issued=_days("issued", _get(lines, "issued", issued)),
        day_count=day_count,
        credit_applies_to=credit_applies_to,
        rate_date=rate_date,
        reporting_currency=reporting_currency,
        decimal_places=decimal_places,
        **rate_args,
    )
    return _frames(backend, lines, out, _first_rows(customer_codes, n), customer=customer, line_id=line_id,
                   day_count=day_count, decimal_places=decimal_places, exact=exact)


def _rate_args(rates: Any) -> Dict[str, Any]:
    """The rate table's columns for the native call (rates as exact text)."""
    if rates is None:
        return {}
    _frame_kind(rates, "rates")
    rate_cur = _get(rates, "currency", "currency")
    rate_days = _days("date", _get(rates, "date", "date"))
    rate_val = _get(rates, "rate", "rate")
    assert rate_cur is not None and rate_val is not None
    return {
        "rate_currencies": [str(c) for c in rate_cur.tolist()],
        "rate_days": rate_days,
        "rate_values": [repr(v) if isinstance(v, float) else str(v) for v in rate_val.tolist()],
    }


def _first_rows(codes: np.ndarray, n: int) -> np.ndarray:
    """The input row where each code first appears."""
    count = int(codes.max()) + 1 if len(codes) else 0
    first_row = np.zeros(count, dtype=np.int64)
    first_row[codes[::-1]] = np.arange(n - 1, -1, -1)
    return first_row


def _frames(backend: str, lines: Any, out: Dict[str, Any], first_row: np.ndarray, *, customer: str, line_id: str,
            day_count: str, decimal_places: int, exact: bool) -> "Normalised":
    """The :class:`Normalised` of the native result ``out``: customer ids and line ids taken from the input by row."""
    places = decimal_places
    m, o, p, a = out["mrr"], out["one_time"], out["pauses"], out["audit"]
    rules = [day_count, "trial", "issue_month", "one_time"]

    def who(codes: np.ndarray) -> Any:
        return _take(lines, customer, first_row[codes.astype(np.int64)])

    def audit() -> Any:
        return _build(backend, {
            "line_id": _take(lines, line_id, a["row"].astype(np.int64)), "customer_id": who(a["customer"]),
            "period": _month_start(a["period"]), "amount": _money(a["units"], places, exact),
            "recurring": a["recurring"], "rule": (a["rule"].astype(np.int64), rules),
        })

    return Normalised(
        mrr=_build(backend, {
            "customer_id": who(m["customer"]), "period": _month_start(m["period"]),
            "mrr": _money(m["units"], places, exact), "status": (m["status"].astype(np.int64), list(_STATUS)),
        }),
        one_time=_build(backend, {
            "customer_id": who(o["customer"]), "period": _month_start(o["period"]),
            "amount": _money(o["units"], places, exact),
        }),
        pauses=_build(backend, {
            "customer_id": who(p["customer"]), "first_period": _month_start(p["first_period"]),
            "periods": p["periods"],
        }),
        audit=audit,
        reporting_currency=str(out["reporting_currency"]),
    )

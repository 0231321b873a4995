"""Column normalisation and input checks shared by the Python modules (glue only, no formulas)."""

from __future__ import annotations

import datetime as _dt
import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Literal, Optional, Tuple

import numpy as np
import numpy.typing as npt

from ._ltv import InvalidInputError, LtvError

FloatArray = npt.NDArray[np.float64]

if TYPE_CHECKING:  # type aliases for the annotations only (stubtest cannot compare a Literal alias at runtime)
    # The formula options, as the core spells them (`as_str` / `FromStr` of its option enums).
    _ChurnBasis = Literal["logo", "gross_revenue", "net_revenue"]
    _Timing = Literal["start_of_period", "end_of_period", "end_of_period_survivors"]
    _RatePeriod = Literal["monthly", "annual"]
    _Errors = Literal["raise", "nan"]
    _MrrMetric = Literal[
        "ending_mrr", "gross_mrr_churn", "net_mrr_churn", "net_revenue_retention", "gross_revenue_retention", "quick_ratio"
    ]


def is_pandas(x: Any) -> bool:
    """Any pandas object (DataFrame, Series, Index, extension array), without importing pandas."""
    return type(x).__module__.startswith("pandas")


def is_polars(x: Any) -> bool:
    """Any polars object, without importing polars."""
    return type(x).__module__.startswith("polars")


def has_pandas() -> bool:
    """Whether pandas is installed (an optional dependency)."""
    try:
        import pandas  # type: ignore[import-untyped, unused-ignore]  # noqa: F401
    except ImportError:
        return False
    return True


def invalid_input(field: str, value: Any, row: Optional[int], allowed: str) -> InvalidInputError:
    """An :class:`InvalidInputError` worded and attributed like the Rust ones, for a check made in Python
    (a missing label, an unparseable period) before the data reaches Rust."""
    from . import _ltv

    return _ltv._invalid_input_error(field, str(value), row, allowed)


class MissingColumnError(InvalidInputError, KeyError):
    """A column named by a keyword argument is not in the frame: an :class:`ltv.InvalidInputError` (so an
    :class:`ltv.LtvError` and a ``ValueError``) and a ``KeyError``. ``.field`` is the keyword that maps the
    column, ``.value`` the column name given, ``.columns`` the frame's columns, ``.kind`` ``"missing_column"``.

    Raised by every function that reads a table by column names (:func:`ltv.frame.saas_ltv`,
    :func:`ltv.cohort.cohort_table`, :func:`ltv.leads.segment_table`, ...) when a name is not among the frame's
    columns; the message lists them and says which keyword to pass. ``except KeyError`` and ``except
    ltv.InvalidInputError`` both catch it.

    Examples
    --------
    >>> import pandas as pd, ltv.cohort
    >>> ltv.cohort.cohort_table(pd.DataFrame({"cust_id": [1], "period": ["2024-01"], "revenue": [1.0]}))
    Traceback (most recent call last):
    ...
    ltv.MissingColumnError: customer: column 'customer_id' is not in the frame (columns: ['cust_id', 'period', 'revenue']); pass customer='<column>'
    """

    __module__ = "ltv"
    field: str
    value: str
    kind: str
    row: Optional[int]
    columns: List[Any]

    __str__ = BaseException.__str__  # the message as written, not KeyError's repr of it


def missing_column(field: str, name: Any, columns: Any, hint: Optional[str] = None) -> MissingColumnError:
    """A :class:`MissingColumnError`: column ``name``, asked for by keyword ``field``, is not among ``columns``;
    ``hint`` says how to map it (default ``pass field='<column>'``)."""
    names = list(columns)
    listed = repr(names) if len(names) <= 30 else f"{names[:30]!r} and {len(names) - 30} more"
    hint = hint or f"pass {field}='<column>'"
    err = MissingColumnError(f"{field}: column {name!r} is not in the frame (columns: {listed}); {hint}")
    err.field, err.value, err.kind, err.row, err.columns = field, str(name), "missing_column", None, names
    return err


def _is_pandas(x: Any) -> bool:
    """A pandas object with an index (a Series or DataFrame), whose index the result keeps."""
    return is_pandas(x) and hasattr(x, "index")


def is_pyarrow(x: Any) -> bool:
    """A pyarrow Array or ChunkedArray, without importing pyarrow."""
    return type(x).__module__.startswith("pyarrow")


def column(name: str, x: Any) -> FloatArray:
    """One input as a contiguous 1-D float64 array (length 1 for a scalar, broadcast by the kernel)."""
    return np.ascontiguousarray(float_column(name, x), dtype=np.float64)


def _type_error(name: str, what: str) -> TypeError:
    return TypeError(f"{name}: expected a number or a column of numbers, got {what}")


# Scalars that numpy or float() would read as a number but that are not amounts: their imaginary part,
# epoch offset or unit would be dropped silently.
_NOT_REAL = (complex, np.complexfloating, np.datetime64, np.timedelta64, _dt.date, _dt.time, _dt.timedelta)


def _scalar(name: str, x: Any) -> FloatArray:
    """One real number (int, float, Decimal, numeric string, numpy number) as a length-1 array."""
    try:
        value = float(x)
    except ValueError:
        raise TypeError(f"{name}: expected a number, got {x!r}") from None
    except OverflowError:  # an int beyond the float range
        raise invalid_input(name, shown(x), None, "a number within the float64 range (magnitude below 1.8e308)")
    if math.isinf(value) and not _spells_infinity(x):
        # A finite int, Decimal or string beyond the float range: not the infinity it would become.
        raise invalid_input(name, shown(x), None, "a number within the float64 range (magnitude below 1.8e308)")
    return np.array([value], dtype=np.float64)


def number(name: str, x: Any) -> float:
    """One real number argument (an option such as ``prior_strength``) as a float: the checks of
    :func:`float_column` for a scalar; a column, ``None``, a bool or a complex number is a ``TypeError`` naming
    ``name``. NaN and infinities pass through for the Rust check that names them."""
    if isinstance(x, (Decimal, int, float, str, np.number)) and not isinstance(x, (bool, np.bool_, *_NOT_REAL)):
        return float(float_column(name, x)[0])
    raise TypeError(f"{name}: expected a number, got {type(x).__name__}")


def whole(name: str, x: Any) -> int:
    """One whole-number argument (``periods``) as an int: ints and numpy integers only (``__index__``); a
    float, bool, string or ``None`` is a ``TypeError`` naming ``name``."""
    if isinstance(x, (bool, np.bool_, np.ndarray)) or not hasattr(type(x), "__index__"):
        raise TypeError(f"{name}: expected a whole number (int), got {type(x).__name__}")
    try:
        return int(x.__index__())
    except (TypeError, ValueError):  # an __index__ that refuses this value
        raise TypeError(f"{name}: expected a whole number (int), got {type(x).__name__}") from None


def option(name: str, x: Any, allowed: Tuple[str, ...]) -> str:
    """An option argument (``time_unit="week"``) as a str for Rust: a non-string is a ``TypeError`` naming
    ``name`` and its values, a string with a lone surrogate an :class:`InvalidInputError` naming ``name``
    (Rust then checks the value itself)."""
    values = ", ".join(repr(a) for a in allowed)
    if not isinstance(x, str):
        raise TypeError(f"{name}: expected one of {values}, got {type(x).__name__}")
    try:
        x.encode("utf-8")
    except UnicodeEncodeError:
        raise invalid_input(name, shown(ascii(x)), None, f"one of {values}") from None
    return x


def _spells_infinity(x: Any) -> bool:
    if isinstance(x, (float, np.floating)):
        return True
    if isinstance(x, Decimal):
        return x.is_infinite()
    return isinstance(x, str) and x.strip().lstrip("+-").lower() in ("inf", "infinity")


def shown(x: Any) -> str:
    """A value as an error message shows it: at most 80 characters (a longer one cut, with its length)."""
    text = str(x)
    return text if len(text) <= 80 else f"{text[:60]}... ({len(text)} characters)"


def _objects(name: str, values: Any) -> FloatArray:
    """A list or object array element by element: numbers (None and NaN are missing values, a bad row);
    booleans, complex numbers, dates, strings and nested sequences are a TypeError naming the row."""
    out = np.empty(len(values), dtype=np.float64)
    for row, v in enumerate(values):
        if v is None:
            out[row] = np.nan
            continue
        if isinstance(v, (bool, np.bool_)) or isinstance(v, _NOT_REAL) or not isinstance(v, (int, float, Decimal, np.number)):
            raise TypeError(f"{name}: expected numbers, got {type(v).__name__} {shown(repr(v))} at row {row}")
        try:
            out[row] = float(v)
        except OverflowError:
            raise invalid_input(name, shown(v), row, "a number within the float64 range (magnitude below 1.8e308)")
        if math.isinf(out[row]) and not _spells_infinity(v):
            raise invalid_input(name, shown(v), row, "a number within the float64 range (magnitude below 1.8e308)")
    return out


def float_column(name: str, x: Any) -> FloatArray:
    """One input as a 1-D float64 array, contiguous or not (length 1 for a scalar, broadcast by the kernel).

    float64 data is passed through without a copy wherever its memory allows: numpy arrays (strided views
    and read-only arrays included: the Rust engine reads a strided view chunk by chunk), pandas and polars
    Series and pyarrow arrays without nulls. Other numeric dtypes are converted once. Missing values (None,
    pandas NA, polars and arrow nulls, masked values) become NaN, a bad row (:class:`ltv.NotFiniteError`
    naming the field and row).

    Values that are not real numbers are a ``TypeError`` naming ``name``, never read as numbers: booleans
    (alone, as a column or mixed into a list), complex numbers, dates, datetimes and durations (numpy, pandas,
    polars, arrow), strings inside a column, nested lists, mappings and sets, and whole DataFrames. An int or
    Decimal beyond the float64 range is an :class:`ltv.InvalidInputError`, not an infinity.
    """
    if x is None or isinstance(x, (bool, np.bool_)):
        raise _type_error(name, type(x).__name__)
    if isinstance(x, _NOT_REAL):
        raise _type_error(name, type(x).__name__)
    if isinstance(x, Decimal) and x.is_nan():
        # float() refuses a signalling NaN; every NaN is a missing value (a bad row).
        return np.array([np.nan], dtype=np.float64)
    if isinstance(x, (int, float, Decimal, str, np.number)):
        return _scalar(name, x)
    if _is_pandas(x):
        arr = _pandas_column(name, x)
    elif is_polars(x):
        arr = _polars_column(name, x)
    elif is_pyarrow(x):
        arr = _pyarrow_column(name, x)
    elif isinstance(x, (bytes, bytearray, dict, set, frozenset)) or hasattr(x, "keys"):  # mappings and sets
        raise _type_error(name, type(x).__name__)
    else:
        arr = _array_column(name, x)
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1:
        raise TypeError(f"{name}: expected a 1-D column, got an array of {arr.ndim} dimensions")
    # No copy for float64 in native byte order, contiguous or not.
    return np.asarray(arr, dtype=np.float64)


def _pandas_column(name: str, x: Any) -> FloatArray:
    if hasattr(x, "columns"):  # a DataFrame: which column was meant is not ours to guess
        raise TypeError(f"{name}: expected one column (a Series), got a DataFrame; pass df[{name!r}]")
    dtype = x.dtype
    kind = getattr(dtype, "kind", "O")
    if kind == "b":  # numpy bool and the nullable "boolean" dtype
        raise TypeError(f"{name}: expected numbers, got a boolean column")
    if kind in "iuf" and getattr(dtype, "name", "") != "category":
        if dtype == np.float64:  # numpy-backed float64: a view of the Series' memory
            return np.asarray(x.to_numpy())
        return np.asarray(x.to_numpy(dtype=np.float64, na_value=np.nan))
    if kind == "O" and str(dtype) == "object":
        return _objects(name, x.to_numpy())
    raise TypeError(f"{name}: expected numbers, got a column of {dtype}")


def _polars_column(name: str, x: Any) -> FloatArray:
    if hasattr(x, "columns"):
        raise TypeError(f"{name}: expected one column (a Series), got a DataFrame; pass df[{name!r}]")
    dtype = x.dtype
    if not dtype.is_numeric():  # Boolean, Date, Datetime, Duration, String, List, ...
        raise TypeError(f"{name}: expected numbers, got a column of {dtype}")
    return np.asarray(x.cast(float).to_numpy())  # zero-copy for Float64 without nulls; nulls become NaN


def _array_column(name: str, x: Any) -> FloatArray:
    if isinstance(x, np.ma.MaskedArray):
        if x.dtype.kind not in "iuf":
            raise TypeError(f"{name}: expected numbers, got a masked array of {x.dtype}")
        return np.asarray(np.ma.filled(x.astype(np.float64), np.nan))
    if isinstance(x, np.ndarray):
        arr = x
    else:
        if isinstance(x, (list, tuple)):
            return _objects(name, x) if _needs_elementwise(x) else _array_column(name, np.asarray(x))
        try:
            arr = np.asarray(x)
        except (TypeError, ValueError):
            raise _type_error(name, type(x).__name__) from None
    kind = arr.dtype.kind
    if kind in "iuf":
        return arr
    if kind == "b":
        raise TypeError(f"{name}: expected numbers, got a boolean array")
    if kind == "O":
        if arr.ndim != 1:
            raise TypeError(f"{name}: expected a 1-D column of numbers, got an object array of {arr.ndim} dimensions")
        return _objects(name, arr)
    raise TypeError(f"{name}: expected numbers, got an array of {arr.dtype}")


def _needs_elementwise(values: Any) -> bool:
    """Whether a list holds anything numpy would silently read as a number or reshape: a bool, a complex
    number, a date, a string, a nested sequence, None, or an int beyond int64."""
    for v in values:
        if type(v) is float:
            continue
        if type(v) is int:
            if -(2**63) <= v < 2**63:
                continue
            return True
        if not isinstance(v, np.number) or isinstance(v, (np.bool_, np.complexfloating)):
            return True
    return False


def _pyarrow_column(name: str, x: Any) -> FloatArray:
    """A pyarrow Array or ChunkedArray as float64: zero-copy for one float64 chunk without nulls."""
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    if pa.types.is_boolean(x.type):
        raise TypeError(f"{name}: expected numbers, got a boolean column")
    if not (pa.types.is_integer(x.type) or pa.types.is_floating(x.type) or pa.types.is_decimal(x.type)):
        raise TypeError(f"{name}: expected numbers, got an array of {x.type}")
    if x.type != pa.float64():
        x = x.cast(pa.float64())
    if isinstance(x, pa.ChunkedArray):
        if x.num_chunks == 1:
            x = x.chunk(0)
        else:
            return np.asarray(x.to_numpy(), dtype=np.float64)
    # Nulls become NaN (a copy); without nulls this is a view of the arrow buffer.
    return np.asarray(x.to_numpy(zero_copy_only=False), dtype=np.float64)


def check_column(name: str, x: Any) -> None:
    """A column argument of labels or dates (customer ids, periods): a sequence, array or Series. A string
    (which would be read character by character), bytes, a mapping, a set, a scalar, ``None`` or a whole
    DataFrame is a ``TypeError`` naming ``name``."""
    if hasattr(x, "columns") and (is_pandas(x) or is_polars(x)):
        raise TypeError(f"{name}: expected one column (a Series), got a DataFrame; pass df[{name!r}]")
    if isinstance(x, (str, bytes, bytearray, dict, set, frozenset)) or hasattr(x, "keys") and not is_pandas(x):
        raise TypeError(f"{name}: expected a column (a list, array or Series), got {type(x).__name__}")
    if not hasattr(x, "__len__") or isinstance(x, np.ndarray) and x.ndim != 1:
        what = f"an array of {x.ndim} dimensions" if isinstance(x, np.ndarray) else type(x).__name__
        raise TypeError(f"{name}: expected a 1-D column (a list, array or Series), got {what}")


def values_of(x: Any) -> Any:
    """A column's values as numpy; a polars dtype numpy lacks (Int128, nested) as an object array of its values."""
    if is_polars(x):
        try:
            return x.to_numpy()
        except Exception:  # noqa: BLE001 - polars refuses the conversion: read the Python values instead
            return np.array(x.to_list(), dtype=object)
    return x.to_numpy() if hasattr(x, "to_numpy") else x


def check_labels(field: str, values: Any) -> None:
    """Labels (ids, segments) of an object column must be strings or numbers: a list, dict or other
    unhashable or unprintable value is a ``TypeError`` naming ``field`` and the row."""
    for row, v in enumerate(values):
        if not (v is None or isinstance(v, (str, int, float, np.number, bool, np.bool_, Decimal, _dt.date, np.datetime64))):
            raise TypeError(f"{field}: expected labels (strings, numbers or dates), got {type(v).__name__} at row {row}")


def check_distinct(labels: List[str], uniques: Any, codes: Any, field: str) -> None:
    """Two distinct labels that print the same (``1`` and ``"1"``) would be two rows with one name: an error."""
    if len(set(labels)) == len(labels):
        return
    seen: Dict[str, int] = {}
    for code, text in enumerate(labels):
        if text in seen:
            row = int(np.argmax(codes == code))
            first, second = uniques[seen[text]], uniques[code]
            raise invalid_input(field, f"{second!r}", row,
                                f"labels that differ as text ({first!r} and {second!r} both read {text!r})")
        seen[text] = code


def renamed(err: LtvError, field: str, to: str) -> LtvError:
    """``err`` with its field ``field`` called ``to`` (a kernel's parameter name, as the caller spelled it)."""
    if getattr(err, "field", None) != field:
        return err
    out = type(err)(str(err).replace(field, to, 1))
    for attr in ("value", "kind", "row"):
        setattr(out, attr, getattr(err, attr, None))
    setattr(out, "field", to)
    return out


def check_text(field: str, labels: Any, rows: Any) -> None:
    """Labels that reach Rust as text must be valid Unicode: a string with a lone surrogate (``"\\ud800"``)
    is an :class:`ltv.InvalidInputError` naming ``field`` and the row (``rows[i]`` for ``labels[i]``)."""
    for i, label in enumerate(labels):
        if isinstance(label, str):
            try:
                label.encode("utf-8")
            except UnicodeEncodeError:
                raise invalid_input(field, shown(ascii(label)), int(rows[i]), "text that is valid Unicode") from None


def pandas_index(inputs: Dict[str, Any]) -> Optional[Any]:
    """The shared index of the pandas Series among ``inputs``, else ``None``.

    A length-1 Series is a scalar broadcast over the others (like a length-1 array), so its index is the
    result's only when no longer Series is given. Longer Series must share one index.
    """
    index, index_name = None, ""
    for name, x in inputs.items():
        if not (_is_pandas(x) and not hasattr(x, "columns")):
            continue
        if index is None or (len(index) == 1 and len(x.index) != 1):
            index, index_name = x.index, name
        elif len(x.index) != 1 and not index.equals(x.index):
            raise invalid_input(
                name, f"a Series indexed {shown(list(x.index))}", None, f"the index of {index_name}; align the columns first"
            )
    return index


def apply(
    name: str,
    kernel: Callable[..., FloatArray],
    columns: Dict[str, Any],
    options: Tuple[Any, ...],
    errors: _Errors,
    parallel: Optional[bool],
) -> Any:
    """Normalise ``columns``, run ``kernel(*columns, *options, errors, parallel)``, keep a pandas index."""
    index = pandas_index(columns)
    arrays = [float_column(k, v) for k, v in columns.items()]
    try:
        out = kernel(*arrays, *options, errors, parallel is not False)
    except LtvError as err:
        row = getattr(err, "row", None)
        if index is None or row is None:
            raise
        label = index[row]
        if isinstance(label, np.generic):  # np.int64(20) -> 20, for the message and .label
            label = label.item()
        message = str(err).split(": ", 1)[1]
        relabelled = type(err)(f"row {row} (index {label!r}): {message}")
        for attr in ("field", "value", "kind", "row"):
            setattr(relabelled, attr, getattr(err, attr, None))
        setattr(relabelled, "label", label)
        raise relabelled from None
    if index is not None:
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        if len(out) != len(index):
            if len(index) == 1:  # a length-1 Series broadcast over longer plain columns: no index to keep
                return out
            out = np.broadcast_to(out, (len(index),)).copy()
        return pd.Series(out, index=index, name=name, copy=False)  # the output array itself, not a copy
    return out

"""Column normalisation and input checks shared by the Python modules (glue only, no formulas)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Dict, Literal, Optional, Tuple

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


def _is_pandas(x: Any) -> bool:
    """A pandas object with an index (a Series or DataFrame), whose index the result keeps."""
    return is_pandas(x) and hasattr(x, "index")


def is_pyarrow(x: Any) -> bool:
    """A pyarrow Array or ChunkedArray, without importing pyarrow."""
    return type(x).__module__.startswith("pyarrow")


def column(name: str, x: Any) -> FloatArray:
    """One input as a contiguous 1-D float64 array (length 1 for a scalar, broadcast by the kernel)."""
    return np.ascontiguousarray(float_column(name, x), dtype=np.float64)


def float_column(name: str, x: Any) -> FloatArray:
    """One input as a 1-D float64 array, contiguous or not (length 1 for a scalar, broadcast by the kernel).

    float64 data is passed through without a copy wherever its memory allows: numpy arrays (strided views
    and read-only arrays included: the Rust engine reads a strided view chunk by chunk), pandas and polars
    Series and pyarrow arrays without nulls. Other dtypes are converted once. Missing values (pandas NA,
    polars and arrow nulls, masked values) become NaN, a bad row (:class:`ltv.NotFiniteError` naming the
    field and row).
    """
    if x is None or isinstance(x, (bool, np.bool_)):
        raise TypeError(f"{name}: expected a number or a column of numbers, got {type(x).__name__}")
    if isinstance(x, Decimal) and x.is_nan():
        # float() refuses a signalling NaN; every NaN is a missing value (a bad row).
        return np.array([np.nan], dtype=np.float64)
    if isinstance(x, (int, float, Decimal, str, np.number)):
        try:
            return np.array([float(x)], dtype=np.float64)
        except ValueError:
            raise TypeError(f"{name}: expected a number, got {x!r}") from None
    if _is_pandas(x):
        if getattr(x.dtype, "kind", None) == "b":  # numpy bool and the nullable "boolean" dtype
            raise TypeError(f"{name}: expected numbers, got a boolean column")
        if x.dtype == np.float64:  # numpy-backed float64: a view of the Series' memory
            arr = x.to_numpy()
        else:
            arr = x.to_numpy(dtype=np.float64, na_value=np.nan)
    elif is_polars(x):
        if str(x.dtype) == "Boolean":
            raise TypeError(f"{name}: expected numbers, got a boolean column")
        arr = x.cast(float).to_numpy()  # zero-copy for Float64 without nulls; nulls become NaN
    elif is_pyarrow(x):
        arr = _pyarrow_column(name, x)
    else:
        if isinstance(x, np.ma.MaskedArray):
            x = np.ma.filled(x.astype(np.float64), np.nan)
        arr = np.asarray(x)
        if arr.dtype.kind == "b":
            raise TypeError(f"{name}: expected numbers, got a boolean array")
        if arr.dtype.kind not in "iuf":
            try:
                arr = arr.astype(np.float64)
            except (TypeError, ValueError):
                raise TypeError(f"{name}: expected numbers, got an array of {arr.dtype}") from None
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1:
        raise ValueError(f"{name}: expected a 1-D column, got {arr.ndim} dimensions")
    # No copy for float64 in native byte order, contiguous or not.
    return np.asarray(arr, dtype=np.float64)


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


def pandas_index(inputs: Dict[str, Any]) -> Optional[Any]:
    """The shared index of the pandas Series among ``inputs`` (they must agree), else ``None``."""
    index = None
    for name, x in inputs.items():
        if _is_pandas(x):
            if index is None:
                index = x.index
            elif not index.equals(x.index):
                raise ValueError(f"{name}: its index differs from the other columns' index; align them first")
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
            out = np.broadcast_to(out, (len(index),)).copy()
        return pd.Series(out, index=index, name=name, copy=False)  # the output array itself, not a copy
    return out

"""Purchase histories in and predictions out (glue only, no formulas).

The models read one row per customer: ``frequency`` (repeat purchases ``x``), ``recency`` (time of the last
repeat purchase since the first, ``t_x``), ``age`` (time from the first purchase to the end of observation,
``T``) and optionally ``weight`` (customers sharing the row). They come either as the one positional
argument, a pandas or polars frame with columns of those names (``T`` is accepted for ``age`` when there is
no ``age`` column, as lifetimes names it), or as keyword columns (numbers, lists, numpy arrays, pandas or
polars Series). Results come back as the input came: a float for scalar inputs, a float64 numpy array for
arrays and lists, a pandas Series (index kept) for pandas input, a polars Series for polars input.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from .._columns import FloatArray, is_pandas, is_polars
from .._columns import float_column as float_column  # re-exported: the models read columns through _data
from .._columns import invalid_input, missing_column

#: The marker for "every input was a scalar": the result is a float.
SCALAR = "scalar"


def _is_frame(x: Any) -> bool:
    return (is_pandas(x) or is_polars(x)) and hasattr(x, "columns")


def _column_names(data: Any) -> List[str]:
    return [str(c) for c in data.columns]


def _pick(data: Any, name: str, aliases: Tuple[str, ...] = ()) -> Any:
    names = _column_names(data)
    for n in (name,) + aliases:
        if n in names:
            return data[n]
    return None


def _like(values: List[Any]) -> Any:
    for v in values:
        if v is not None and (is_pandas(v) or is_polars(v)):
            return v
    if all(v is None or _is_scalar(v) for v in values):
        return SCALAR
    return None


def _is_scalar(v: Any) -> bool:
    """Whether ``v`` is one value, without asking numpy to build an array of it (a ragged nested list is a
    ValueError there): the column check (``float_column``) then names what is wrong with ``v``."""
    if isinstance(v, (list, tuple, dict, set, frozenset)):
        return False
    try:
        return bool(np.ndim(v) == 0)
    except (TypeError, ValueError):
        return False


def columns(
    data: Any,
    frequency: Any,
    recency: Any,
    age: Any,
    weight: Any = None,
    extra: Optional[Dict[str, Any]] = None,
    *,
    histories: bool = True,
) -> Tuple[Dict[str, Optional[FloatArray]], Any]:
    """The named inputs as contiguous float64 arrays (length 1 for a scalar: broadcast in Rust), and what
    the result should look like (:data:`SCALAR`, a pandas / polars object, or ``None`` for an array)."""
    extra = dict(extra or {})
    if data is not None:
        if not _is_frame(data):
            raise TypeError(
                f"data: expected a pandas or polars DataFrame with columns frequency, recency, age, got {type(data).__name__}"
            )
        if any(v is not None for v in (frequency, recency, age, weight)):
            raise TypeError("data: give either a frame or the frequency, recency, age columns, not both")
        got = {"frequency": _pick(data, "frequency"), "recency": _pick(data, "recency"), "age": _pick(data, "age", ("T",))}
        if histories:
            for name, v in got.items():
                if v is None:
                    raise missing_column(name, name, _column_names(data), f"name the column {name!r} or pass {name}=<values>")
        got["weight"] = _pick(data, "weight")
        like: Any = data
    else:
        got = {"frequency": frequency, "recency": recency, "age": age, "weight": weight}
        if histories:
            for name in ("frequency", "recency", "age"):
                if got[name] is None:
                    raise TypeError(f"{name}: missing (give a frame or the frequency, recency, age columns)")
        like = _like([got[k] for k in ("frequency", "recency", "age")] + list(extra.values()))
    out: Dict[str, Optional[FloatArray]] = {}
    for name, v in list(got.items()) + list(extra.items()):
        if v is None:
            out[name] = None
        else:
            out[name] = np.ascontiguousarray(float_column(name, v), dtype=np.float64)
    return out, like


def customer_codes(x: Any) -> "np.ndarray[Any, np.dtype[np.int64]]":
    """A transaction log's customer column as contiguous int64 codes >= 0 (any integer dtype: numpy, pandas,
    polars, a sequence), for the spend simulator; ids of another type are a ``TypeError`` (factorize them)."""
    arr = x.to_numpy() if (is_pandas(x) or is_polars(x)) else np.asarray(x)
    if arr.ndim != 1 or arr.dtype.kind not in "iu":
        raise TypeError(
            f"customer: expected a column of integer customer codes (as simulate_transactions returns them; "
            f"factorize other ids first), got {type(x).__name__} of dtype {arr.dtype} and {arr.ndim} dimension(s)"
        )
    if arr.size and (arr.min() < 0 or (arr.dtype.kind == "u" and arr.max() > np.iinfo(np.int64).max)):
        row = int(np.argmax(arr < 0)) if arr.min() < 0 else int(np.argmax(arr > np.iinfo(np.int64).max))
        raise invalid_input("customer", arr[row].item(), row, "a customer code in [0, 2**63 - 1]")
    return np.ascontiguousarray(arr, dtype=np.int64)


def output(values: FloatArray, like: Any, name: str) -> Any:
    """``values`` shaped like the input: a float, an array, or a pandas / polars Series."""
    if isinstance(like, str) and like == SCALAR:
        if values.shape == (1,):
            return float(values[0])
        return values
    if like is not None and is_pandas(like):
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        index = like.index if len(like) == len(values) else None
        return pd.Series(values, index=index, name=name)
    if like is not None and is_polars(like):
        import polars as pl  # type: ignore[import-not-found, unused-ignore]

        return pl.Series(name, values)
    return values


def summary(params: Dict[str, float], std_err: Dict[str, Optional[float]]) -> Any:
    """The fit's estimates as a pandas DataFrame: index = parameter; estimate, std_err, lower_95, upper_95
    (estimate -/+ 1.959964 std_err; NaN where there is no standard error)."""
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    z = 1.959963984540054
    rows = []
    for name, value in params.items():
        se = std_err.get(name)
        s = float("nan") if se is None else se
        rows.append((value, s, value - z * s, value + z * s))
    frame = pd.DataFrame(rows, index=list(params), columns=["estimate", "std_err", "lower_95", "upper_95"])
    frame.index.name = "parameter"
    return frame


def spend_columns(
    data: Any, frequency: Any, monetary_value: Any, weight: Any = None
) -> Tuple[Dict[str, Optional[FloatArray]], Any]:
    """As :func:`columns`, for the spend model's ``frequency``, ``monetary_value`` and ``weight``."""
    if data is not None:
        if not _is_frame(data):
            raise TypeError(
                f"data: expected a pandas or polars DataFrame with columns frequency, monetary_value, got {type(data).__name__}"
            )
        if any(v is not None for v in (frequency, monetary_value, weight)):
            raise TypeError("data: give either a frame or the frequency, monetary_value columns, not both")
        got = {"frequency": _pick(data, "frequency"), "monetary_value": _pick(data, "monetary_value")}
        for name, v in got.items():
            if v is None:
                raise missing_column(name, name, _column_names(data), f"name the column {name!r} or pass {name}=<values>")
        got["weight"] = _pick(data, "weight")
        like: Any = data
    else:
        got = {"frequency": frequency, "monetary_value": monetary_value, "weight": weight}
        for name in ("frequency", "monetary_value"):
            if got[name] is None:
                raise TypeError(f"{name}: missing (give a frame or the frequency, monetary_value columns)")
        like = _like([frequency, monetary_value])
    out = {k: None if v is None else np.ascontiguousarray(float_column(k, v), dtype=np.float64) for k, v in got.items()}
    return out, like

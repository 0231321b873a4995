"""Discrete-time purchase histories in (the BG/BB's ``frequency``, ``recency``, ``periods``): glue only.

As :mod:`ltv.purchase._data` for the continuous-time models, with ``periods`` (transaction opportunities
``n``; a frame's ``n_periods`` column, lifetimes' name, is accepted when there is no ``periods``) in place of
``age``. Results are shaped by :func:`ltv.purchase._data.output`.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

import numpy as np

from .._columns import FloatArray, float_column
from .._columns import missing_column
from ._data import _column_names, _is_frame, _like, _pick


def columns(
    data: Any,
    frequency: Any,
    recency: Any,
    periods: Any,
    weight: Any = None,
    extra: Optional[Dict[str, Any]] = None,
    *,
    histories: bool = True,
) -> Tuple[Dict[str, Optional[FloatArray]], Any]:
    """The named inputs as contiguous float64 arrays (length 1 for a scalar), and the result's shape."""
    extra = dict(extra or {})
    if data is not None:
        if not _is_frame(data):
            raise TypeError(
                "data: expected a pandas or polars DataFrame with columns frequency, recency, periods, "
                f"got {type(data).__name__}"
            )
        if any(v is not None for v in (frequency, recency, periods, weight)):
            raise TypeError("data: give either a frame or the frequency, recency, periods columns, not both")
        got = {
            "frequency": _pick(data, "frequency"),
            "recency": _pick(data, "recency"),
            "periods": _pick(data, "periods", ("n_periods",)),
        }
        if histories:
            for name, v in got.items():
                if v is None:
                    raise missing_column(name, name, _column_names(data), f"name the column {name!r} or pass {name}=<values>")
        got["weight"] = _pick(data, "weight", ("weights",))
        like: Any = data
    else:
        got = {"frequency": frequency, "recency": recency, "periods": periods, "weight": weight}
        if histories:
            for name in ("frequency", "recency", "periods"):
                if got[name] is None:
                    raise TypeError(f"{name}: missing (give a frame or the frequency, recency, periods columns)")
        like = _like([got[k] for k in ("frequency", "recency", "periods")] + list(extra.values()))
    out: Dict[str, Optional[FloatArray]] = {}
    for name, v in list(got.items()) + list(extra.items()):
        out[name] = None if v is None else np.ascontiguousarray(float_column(name, v), dtype=np.float64)
    return out, like

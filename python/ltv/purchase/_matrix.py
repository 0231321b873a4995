"""Frequency/recency matrices: a purchase model's P(alive) and conditional expected purchases over a grid of
histories, one row per ``frequency`` (0, 1, ..., ``max_frequency``) and one column per ``recency`` (0, 1, ...,
``max_recency``), all at one ``age``.

Every cell is the model's own vectorised prediction (one native call for the whole grid); Python only builds
the grid. Cells that are not a possible history are NaN: ``frequency = 0`` with ``recency > 0`` (no repeat
purchase, no time of the last one) and, for BG/BB, ``frequency > recency`` or ``frequency > 0`` with
``recency = 0`` (``x`` transactions need ``x`` opportunities, the last at ``recency``). lifetimes'
``conditional_probability_alive_matrix`` / ``plot_frequency_recency_matrix`` fill those cells with the formula
anyway; here they are left blank.

lifetimes' ``conditional_probability_alive_matrix(max_frequency, max_recency)`` is
``probability_alive_matrix(model, max_frequency=..., max_recency=..., age=max_recency)``, and its expected
purchases matrix for a horizon ``t`` is ``expected_purchases_matrix(model, t=t, ...)`` with the same grid.
"""

from __future__ import annotations

import math
from typing import Any, Optional, Tuple, Union

import numpy as np
import numpy.typing as npt

from .._ltv import (
    BgBbFit,
    BgBbModel,
    BgNbdFit,
    BgNbdModel,
    MbgNbdFit,
    MbgNbdModel,
    ParetoNbdFit,
    ParetoNbdModel,
)
from .._columns import invalid_input, shown
from . import _data

__all__ = ["MAX_MATRIX_CELLS", "probability_alive_matrix", "expected_purchases_matrix"]

MatrixModel = Union[
    BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit, BgBbModel, BgBbFit
]

#: The most cells one matrix may have, ``(max_frequency + 1) * (max_recency + 1)``; checked before any work.
MAX_MATRIX_CELLS = 1_000_000

_Grid = Tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.bool_]]


def _is_discrete(model: Any) -> bool:
    return isinstance(model, (BgBbModel, BgBbFit))


def _whole(field: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{field}: expected a number, got {type(value).__name__}")
    v = float(value)
    if not (math.isfinite(v) and v >= 0 and v == int(v)):
        raise invalid_input(field, shown(value), None, "a whole number >= 0")
    return int(v)


def _defaults(
    model: Any, data: Any, max_frequency: Any, max_recency: Any, age: Any, periods: Any
) -> Tuple[int, int, float]:
    discrete = _is_discrete(model)
    if discrete and age is not None:
        raise TypeError("age: BG/BB counts time in periods (opportunities); give periods=")
    if not discrete and periods is not None:
        raise TypeError("periods: only for BG/BB; give age= (the customers' age) for this model")
    size = periods if discrete else age
    size_name = "periods" if discrete else "age"
    if data is not None:
        if not _data._is_frame(data):
            raise TypeError(f"data: expected a pandas or polars frame, got {type(data).__name__}")
        if max_frequency is None:
            max_frequency = float(np.max(_data.float_column("frequency", _data._pick(data, "frequency"))))
        if size is None:
            aliases = ("n",) if discrete else ("T",)
            size = float(np.max(_data.float_column(size_name, _data._pick(data, size_name, aliases))))
    if size is None:
        raise TypeError(f"{size_name}: missing (give {size_name}= or a summary frame to take its largest)")
    if max_frequency is None:
        raise TypeError("max_frequency: missing (give max_frequency= or a summary frame to take its largest)")
    if isinstance(size, bool) or not isinstance(size, (int, float, np.integer, np.floating)):
        raise TypeError(f"{size_name}: expected a number, got {type(size).__name__}")
    size_value = float(size)
    if discrete:
        _whole(size_name, size)
    if not (math.isfinite(size_value) and size_value >= 0):
        raise invalid_input(size_name, shown(size), None, "a finite number >= 0")
    f_max = _whole("max_frequency", max_frequency)
    r_max = math.floor(size_value) if max_recency is None else _whole("max_recency", max_recency)
    if r_max > size_value:
        raise invalid_input("max_recency", shown(max_recency), None, f"at most {size_name} = {size!r}")
    cells = (f_max + 1) * (r_max + 1)
    if cells > MAX_MATRIX_CELLS:
        raise invalid_input(
            "max_frequency", f"{f_max} (a {f_max + 1} x {r_max + 1} grid of {cells} cells)", None,
            f"a grid of at most MAX_MATRIX_CELLS = {MAX_MATRIX_CELLS} cells",
        )
    return f_max, r_max, size_value


def _grid(f_max: int, r_max: int, discrete: bool) -> _Grid:
    frequency, recency = np.meshgrid(
        np.arange(f_max + 1, dtype=np.float64), np.arange(r_max + 1, dtype=np.float64), indexing="ij"
    )
    possible = (frequency > 0) | (recency == 0)
    if discrete:
        possible &= (frequency <= recency) & ((frequency == 0) == (recency == 0))
    return frequency, recency, possible


def _frame(values: npt.NDArray[np.float64], f_max: int, r_max: int) -> Any:
    try:
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        return values
    index = pd.Index(range(f_max + 1), name="frequency")
    columns = pd.Index(range(r_max + 1), name="recency")
    return pd.DataFrame(values, index=index, columns=columns)


def _matrix(model: Any, data: Any, max_frequency: Any, max_recency: Any, age: Any, periods: Any, predict: Any) -> Any:
    f_max, r_max, size = _defaults(model, data, max_frequency, max_recency, age, periods)
    frequency, recency, possible = _grid(f_max, r_max, _is_discrete(model))
    values = np.full(frequency.shape, np.nan)
    f, r = frequency[possible], recency[possible]
    values[possible] = np.asarray(predict(f, r, np.full(f.shape, size)), dtype=np.float64)
    return _frame(values, f_max, r_max)


def probability_alive_matrix(
    model: MatrixModel,
    data: Any = None,
    *,
    max_frequency: Optional[int] = None,
    max_recency: Optional[int] = None,
    age: Optional[float] = None,
    periods: Optional[int] = None,
) -> Any:
    """P(alive) of a customer with ``frequency`` repeat purchases, the last at ``recency``, at ``age``, for
    every ``frequency`` in ``0..=max_frequency`` (rows) and ``recency`` in ``0..=max_recency`` (columns).

    Each cell is the model's ``probability_alive`` (Fader, Hardie & Lee 2005 for BG/NBD), one
    native call for the whole grid; impossible histories are NaN (see the module notes). A summary frame
    ``data`` supplies the largest frequency and age as defaults, as lifetimes'
    ``conditional_probability_alive_matrix`` does from the fitted data.

    Parameters
    ----------
    model : BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit, BgBbModel or BgBbFit
        The purchase model.
    data : pandas.DataFrame or polars.DataFrame, optional
        A summary frame (columns ``frequency`` and ``age`` / ``T``, or ``periods`` / ``n`` for BG/BB) whose
        largest values are the defaults of ``max_frequency`` and ``age`` (``periods``).
    max_frequency : int, optional
        The last row, a whole number >= 0.
    max_recency : int, optional
        The last column, a whole number in [0, ``age``]; default the whole part of ``age`` (or ``periods``).
    age : float, optional
        The customers' age (first purchase to the end of observation), in the model's time unit, finite and
        >= 0; not for BG/BB.
    periods : int, optional
        BG/BB only: the transaction opportunities, a whole number >= 1.

    Returns
    -------
    pandas.DataFrame or numpy.ndarray
        Probabilities in [0, 1] (NaN for impossible histories): a DataFrame with index ``frequency`` and columns
        ``recency``, or a 2-D array when pandas is not installed.

    Raises
    ------
    InvalidInputError
        A negative or fractional ``max_frequency`` / ``max_recency``, a ``max_recency`` above ``age``, a grid
        of more than ``MAX_MATRIX_CELLS`` (1,000,000) cells (``.field`` names it).
    TypeError
        ``age`` for BG/BB or ``periods`` for the others, a missing ``age`` / ``max_frequency`` without
        ``data``, a ``data`` that is not a frame, or values that are not numbers.

    Examples
    --------
    >>> from ltv.purchase import BgNbdModel, probability_alive_matrix
    >>> m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> grid = probability_alive_matrix(m, max_frequency=2, max_recency=39, age=39)
    >>> grid.shape, float(grid.loc[0, 0]), round(float(grid.loc[2, 39]), 3), round(float(grid.loc[2, 5]), 3)
    ((3, 40), 1.0, 0.812, 0.123)
    >>> bool(grid.loc[2, 5] == m.probability_alive(frequency=2, recency=5, age=39)), bool(grid.isna().loc[0, 1])
    (True, True)

    With ``t_x = T`` the BG/NBD's P(alive) is ``1 / (1 + a / (b + x - 1))``: for ``x = 2``,
    ``1 / (1 + 0.793 / 3.426) = 0.812``.
    """

    def predict(f: Any, r: Any, a: Any) -> Any:
        if isinstance(model, (BgBbModel, BgBbFit)):
            return model.probability_alive(frequency=f, recency=r, periods=a)
        return model.probability_alive(frequency=f, recency=r, age=a)

    return _matrix(model, data, max_frequency, max_recency, age, periods, predict)


def expected_purchases_matrix(
    model: MatrixModel,
    data: Any = None,
    *,
    t: float,
    max_frequency: Optional[int] = None,
    max_recency: Optional[int] = None,
    age: Optional[float] = None,
    periods: Optional[int] = None,
) -> Any:
    """The expected purchases in the next ``t`` of a customer with ``frequency`` repeat purchases, the last at
    ``recency``, at ``age``, over the grid of :func:`probability_alive_matrix`.

    Each cell is the model's conditional expectation (``conditional_expected_purchases``, Fader, Hardie &
    Lee 2005 for BG/NBD; ``conditional_expected_transactions`` for BG/BB, where ``t`` and ``periods``
    count opportunities), one native call for the whole grid; impossible histories are NaN.

    Parameters
    ----------
    model : BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit, BgBbModel or BgBbFit
        The purchase model.
    data : pandas.DataFrame or polars.DataFrame, optional
        A summary frame whose largest values are the defaults of ``max_frequency`` and ``age`` (``periods``).
    t : float
        The horizon, in the model's time unit (a whole number of opportunities for BG/BB), >= 0.
    max_frequency : int, optional
        The last row, a whole number >= 0.
    max_recency : int, optional
        The last column, a whole number in [0, ``age``]; default the whole part of ``age`` (or ``periods``).
    age : float, optional
        The customers' age, in the model's time unit, finite and >= 0; not for BG/BB.
    periods : int, optional
        BG/BB only: the transaction opportunities, a whole number >= 1.

    Returns
    -------
    pandas.DataFrame or numpy.ndarray
        Expected purchases (NaN for impossible histories): a DataFrame with index ``frequency`` and columns
        ``recency``, or a 2-D array when pandas is not installed.

    Raises
    ------
    InvalidInputError
        A bad ``t``, a negative or fractional ``max_frequency`` / ``max_recency``, a ``max_recency`` above
        ``age``, a grid of more than ``MAX_MATRIX_CELLS`` cells (``.field`` names it).
    TypeError
        ``age`` for BG/BB or ``periods`` for the others, a missing ``age`` / ``max_frequency`` without
        ``data``, a ``data`` that is not a frame, or values that are not numbers.

    Examples
    --------
    >>> from ltv.purchase import BgNbdModel, expected_purchases_matrix
    >>> m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> grid = expected_purchases_matrix(m, t=39, max_frequency=3, age=39)
    >>> grid.shape, round(float(grid.loc[0, 0]), 3), round(float(grid.loc[3, 39]), 3)
    ((4, 40), 0.195, 2.031)
    >>> bool(grid.loc[3, 39] == m.conditional_expected_purchases(t=39, frequency=3, recency=39, age=39))
    True
    """

    def predict(f: Any, r: Any, a: Any) -> Any:
        if isinstance(model, (BgBbModel, BgBbFit)):
            return model.conditional_expected_transactions(t=t, frequency=f, recency=r, periods=a)
        return model.conditional_expected_purchases(t=t, frequency=f, recency=r, age=a)

    return _matrix(model, data, max_frequency, max_recency, age, periods, predict)

"""Predictions for every row of a Spark DataFrame with the Rust kernels, on Arrow batches (``mapInArrow``):
:func:`score` (the purchase and spend models) and :func:`columns` (the ``ltv.vec`` formulas).

The function shipped to the executors carries the model as its JSON file (``to_json``) and rebuilds it
there; the executors need ``ltv`` installed. ``errors="null"``: a batch that fails is redone row by row and
each bad row gets nulls in the output columns (the other rows keep their values), so one bad row does not
fail the job; ``errors="raise"`` fails the job with the :class:`ltv.LtvError`'s message.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, List, Literal, Optional, Sequence, Tuple, Union

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

Output = Union[
    Literal["probability_alive"],
    Literal["conditional_expected_purchases"],
    Literal["probability_of_no_purchase"],
    Literal["probability_alive_at"],
    Literal["customer_log_likelihood"],
    Literal["conditional_expected_spend"],
    Literal["customer_value"],
    Literal["conditional_expected_transactions"],
    Literal["probability_of_no_transaction"],
]
"""A prediction :func:`score` can add (the model method of that name; ``customer_value`` is
:func:`ltv.purchase.customer_value`)."""

Errors = Union[Literal["raise"], Literal["null"]]
"""What a bad row does: fail the job, or get nulls."""

OUTPUTS = (
    "probability_alive",
    "conditional_expected_purchases",
    "probability_of_no_purchase",
    "probability_alive_at",
    "customer_log_likelihood",
    "conditional_expected_spend",
    "customer_value",
    "conditional_expected_transactions",
    "probability_of_no_transaction",
)
_WITH_T = ("conditional_expected_purchases", "probability_of_no_purchase", "probability_alive_at",
           "conditional_expected_transactions", "probability_of_no_transaction")
#: The BG/BB's outputs (discrete time: transactions in opportunities).
_DISCRETE_OUTPUTS = ("probability_alive", "conditional_expected_transactions", "probability_of_no_transaction",
                     "probability_alive_at", "customer_log_likelihood")
_CLASSES = {c.__name__: c for c in (BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit,
                                    GammaGammaModel, GammaGammaFit, BgBbModel, BgBbFit)}
_DISCRETE_CLASSES: Tuple[type, ...] = (BgBbModel, BgBbFit)
_SPEND_CLASSES: Tuple[type, ...] = (GammaGammaModel, GammaGammaFit)


def _with_customer(err: Exception, cols: Dict[str, Any], customer: Optional[str]) -> Exception:
    """``err`` of a batch, its message led by the customer of its row (``customer_id = 42: ...``) when the batch
    has the ``customer`` column and the error names a row: a batch's row number means nothing in a Spark job.
    The same class and attributes, plus ``.customer``."""
    row = getattr(err, "row", None)
    if customer is None or customer not in cols or not isinstance(row, int) or not 0 <= row < len(cols[customer]):
        return err
    who = cols[customer][row]
    who = who.item() if isinstance(who, np.generic) else who
    try:
        named = type(err)(f"{customer} = {who!r}: {err}")
    except TypeError:  # an error class that does not take a message alone
        return err
    named.__dict__.update(getattr(err, "__dict__", {}))
    named.customer = who  # type: ignore[attr-defined]
    return named


def _map_batches(
    df: Any, names: Sequence[str], compute: Callable[[Dict[str, Any]], Dict[str, Any]], errors: str,
    customer: Optional[str] = None,
) -> Any:
    """``df`` with ``names`` appended (doubles), ``compute`` mapping a batch's columns (numpy) to them; with
    ``errors="raise"`` a bad row's error names its ``customer`` (a column of ``df``, or ``None``)."""
    from pyspark.sql import types as T

    if errors not in ("raise", "null"):
        raise invalid_input("errors", repr(errors), None, "'raise' or 'null'")
    for name in names:
        if name in df.columns:
            raise invalid_input(name, "already a column", None, f"an output name not among the frame's columns ({list(df.columns)})")
    schema = T.StructType(list(df.schema.fields) + [T.StructField(n, T.DoubleType(), True) for n in names])
    outputs = list(names)

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

        from ltv import LtvError

        for batch in batches:
            cols = {n: batch.column(i).to_numpy(zero_copy_only=False) for i, n in enumerate(batch.schema.names)}
            try:
                results = {n: pa.array(np.asarray(v, dtype=np.float64)) for n, v in compute(cols).items()}
            except (LtvError, TypeError, ValueError) as err:
                if errors == "raise":
                    named = _with_customer(err, cols, customer)
                    if named is err:
                        raise
                    raise named from err
                per_row: Dict[str, List[Optional[float]]] = {n: [] for n in outputs}
                for row in range(batch.num_rows):
                    try:
                        one = compute({n: c[row:row + 1] for n, c in cols.items()})
                        values: Dict[str, Optional[float]] = {n: float(np.asarray(one[n], dtype=np.float64).reshape(-1)[0]) for n in outputs}
                    except (LtvError, TypeError, ValueError):
                        values = dict.fromkeys(outputs)
                    for n in outputs:
                        per_row[n].append(values[n])
                results = {n: pa.array(v, type=pa.float64()) for n, v in per_row.items()}
            arrays = list(batch.columns) + [results[n] for n in outputs]
            yield pa.RecordBatch.from_arrays(arrays, names=batch.schema.names + outputs)

    return df.mapInArrow(run, schema)


def score(
    summary: Any,
    model: Any,
    *,
    outputs: Sequence[Output] = ("probability_alive", "conditional_expected_purchases"),
    horizon: Optional[float] = None,
    spend_model: Any = None,
    horizon_months: int = 12,
    discount_rate: float = 0.01,
    time_unit: str = "week",
    margin: float = 1.0,
    errors: Errors = "raise",
    customer: Optional[str] = None,
) -> Any:
    """``summary`` with one double column per output, computed on Arrow batches with the native kernels
    (lazy; the schema names every output column).

    ``model``: a BG/NBD, MBG/NBD or Pareto/NBD model or fit (reads ``frequency``, ``recency``, ``age``), or
    a Gamma-Gamma model or fit (reads ``frequency``, ``monetary_value``; outputs
    ``conditional_expected_spend``, ``customer_log_likelihood``), or a BG/BB model or fit (reads ``frequency``,
    ``recency``, ``periods`` or lifetimes' ``n_periods``; outputs ``probability_alive``,
    ``conditional_expected_transactions``, ``probability_of_no_transaction``, ``probability_alive_at``,
    ``customer_log_likelihood``). ``horizon`` is the ``t`` of ``conditional_expected_purchases``,
    ``probability_of_no_purchase``, ``probability_alive_at`` and the BG/BB's two, in the model's time unit
    (opportunities for the BG/BB). ``customer_value`` needs ``spend_model`` (and a ``monetary_value`` column) and takes
    ``horizon_months``, ``discount_rate`` (monthly), ``time_unit``, ``margin`` as
    :func:`ltv.purchase.customer_value`.

    Parameters
    ----------
    summary : pyspark.sql.DataFrame
        The customers: ``frequency``, ``recency``, ``age`` (in the model's time unit), ``frequency``,
        ``recency``, ``periods`` (BG/BB) or ``frequency``, ``monetary_value`` (money units); other columns are
        kept.
    model : BgNbdModel, BgNbdFit, MbgNbdModel, MbgNbdFit, ParetoNbdModel, ParetoNbdFit, BgBbModel, BgBbFit, \
GammaGammaModel or GammaGammaFit
        The model that scores (shipped to the executors as its JSON file).
    outputs : sequence of {"probability_alive", "conditional_expected_purchases", "probability_of_no_purchase", \
"probability_alive_at", "customer_log_likelihood", "conditional_expected_spend", "customer_value", \
"conditional_expected_transactions", "probability_of_no_transaction"}
        The columns to add (default ``probability_alive`` and ``conditional_expected_purchases``).
    horizon : float, optional
        The ``t`` of the outputs that take one, in the model's time unit.
    spend_model : GammaGammaModel or GammaGammaFit, optional
        The spend model of ``customer_value``.
    horizon_months : int
        ``customer_value``'s horizon in months.
    discount_rate : float
        ``customer_value``'s monthly discount rate (fraction, e.g. 0.01).
    time_unit : str
        ``customer_value``: the model's time unit (``"week"``, ``"day"``, ...).
    margin : float
        ``customer_value``'s profit margin (fraction in [0, 1]).
    errors : {"raise", "null"}
        A bad row fails the job (``"raise"``) or gets nulls in the output columns (``"null"``).
    customer : str or None, default None
        The column of ``summary`` that names each customer: with ``errors="raise"`` the error of a bad row
        starts with it (``customer_id = 42: invalid recency ...``), as the row number of an Arrow batch means
        nothing in a Spark job. ``None``: ``"customer_id"`` when ``summary`` has that column (the name
        :func:`rfm_summary` writes by default).

    Returns
    -------
    pyspark.sql.DataFrame
        ``summary`` with one double column per output (lazy).

    Raises
    ------
    TypeError
        A ``model`` that is not a purchase or Gamma-Gamma model or fit, a missing ``horizon``, or
        ``customer_value`` without a Gamma-Gamma ``spend_model``.
    InvalidInputError
        An unknown output or one the model does not give, an unknown ``errors``, or an output name already
        among the columns; with ``errors="raise"`` a bad row fails the job with the native error's message,
        led by the row's customer.
    MissingColumnError
        A ``customer`` column that is not in ``summary``.

    Examples
    --------
    >>> from ltv.spark import score
    >>> from ltv.purchase import BgNbdModel
    >>> m = BgNbdModel(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> summary = spark.createDataFrame([(2.0, 30.43, 38.86), (-1.0, 0.0, 38.86)], ["frequency", "recency", "age"])
    >>> rows = score(summary, m, outputs=["conditional_expected_purchases"], horizon=39, errors="null").collect()
    >>> round(rows[0].conditional_expected_purchases, 3), rows[1].conditional_expected_purchases
    (1.226, None)
    """
    name = type(model).__name__
    if name not in _CLASSES or not isinstance(model, _CLASSES[name]):
        raise TypeError(f"model: expected a purchase or Gamma-Gamma model or fit, got {name}")
    wanted = list(outputs)
    for out in wanted:
        if out not in OUTPUTS:
            raise invalid_input("outputs", repr(out), None, f"one of {', '.join(OUTPUTS)}")
    is_spend = isinstance(model, _SPEND_CLASSES)
    is_discrete = isinstance(model, _DISCRETE_CLASSES)
    if is_spend:
        allowed: Tuple[str, ...] = ("conditional_expected_spend", "customer_log_likelihood")
    elif is_discrete:
        allowed = _DISCRETE_OUTPUTS
    else:
        bg_bb_only = ("conditional_expected_transactions", "probability_of_no_transaction")
        allowed = tuple(o for o in OUTPUTS if o != "conditional_expected_spend" and o not in bg_bb_only)
    for out in wanted:
        if out not in allowed:
            raise invalid_input("outputs", repr(out), None, f"for a {name}: one of {', '.join(allowed)}")
    if horizon is None and any(o in _WITH_T for o in wanted):
        raise TypeError("horizon: missing (the t of " + ", ".join(o for o in wanted if o in _WITH_T) + ")")
    if "customer_value" in wanted and not isinstance(spend_model, _SPEND_CLASSES):
        raise TypeError("spend_model: customer_value needs a Gamma-Gamma model or fit (and a monetary_value column)")
    text, spend = model.to_json(), None if spend_model is None else (type(spend_model).__name__, spend_model.to_json())
    with_t = _WITH_T
    value_options: Dict[str, Any] = dict(horizon_months=horizon_months, discount_rate=discount_rate, time_unit=time_unit, margin=margin)

    def compute(cols: Dict[str, Any]) -> Dict[str, Any]:
        from ltv import purchase  # classes are looked up on the executor: only strings travel

        m: Any = getattr(purchase, name).from_json(text)
        if is_spend:
            args = {"frequency": cols["frequency"], "monetary_value": cols["monetary_value"]}
            return {o: getattr(m, o)(**args) for o in wanted}
        if is_discrete:
            periods = cols["periods"] if "periods" in cols else cols["n_periods"]
            hist = {"frequency": cols["frequency"], "recency": cols["recency"], "periods": periods}
        else:
            hist = {"frequency": cols["frequency"], "recency": cols["recency"], "age": cols["age"]}
        out: Dict[str, Any] = {}
        for o in wanted:
            if o == "customer_value":
                assert spend is not None
                s: Any = getattr(purchase, spend[0]).from_json(spend[1])
                out[o] = purchase.customer_value(m, **hist, monetary_value=cols["monetary_value"], spend_model=s,
                                                 **value_options)
            elif o in with_t:
                out[o] = getattr(m, o)(t=horizon, **hist)
            else:
                out[o] = getattr(m, o)(**hist)
        return out

    if customer is not None and customer not in summary.columns:
        raise missing_column("customer", customer, summary.columns, "pass customer='<column>', the column naming each customer")
    who = customer if customer is not None else ("customer_id" if "customer_id" in summary.columns else None)
    return _map_batches(summary, wanted, compute, errors, who)


def columns(df: Any, formula: str, *, output: Optional[str] = None, errors: Errors = "raise", **inputs: Any) -> Any:
    """``df`` with the ``ltv.vec`` formula ``formula`` (``"saas_ltv"``, ``"discounted_ltv"`` ...) as a new
    double column ``output`` (default: the formula's name), on Arrow batches. Each input is the name of a
    column of ``df`` or a constant (a number, or an option such as ``churn_basis``).

    Parameters
    ----------
    df : pyspark.sql.DataFrame
        The frame to add the column to.
    formula : str
        The name of an ``ltv.vec`` function (e.g. ``"saas_ltv"``).
    output : str, optional
        The new column's name (default: ``formula``).
    errors : {"raise", "null"}
        A bad row fails the job (``"raise"``) or gets a null (``"null"``).
    **inputs
        The formula's keyword arguments (in its units, e.g. ``monthly_churn`` a fraction per month): a column
        name of ``df`` or a constant.

    Returns
    -------
    pyspark.sql.DataFrame
        ``df`` with the double column ``output`` (lazy).

    Raises
    ------
    InvalidInputError
        A ``formula`` not in ``ltv.vec``, an unknown ``errors``, an ``output`` already among the columns; with
        ``errors="raise"`` a bad row fails the job with the formula's error message.

    Examples
    --------
    >>> from ltv.spark import columns
    >>> df = spark.createDataFrame([(500.0, 0.03), (500.0, 0.0)], ["arpu", "churn"])
    >>> rows = columns(df, "saas_ltv", arpu="arpu", gross_margin=0.8, monthly_churn="churn", errors="null").collect()
    >>> round(rows[0].saas_ltv, 2), rows[1].saas_ltv
    (13333.33, None)
    """
    from .. import vec

    if formula not in vec.__all__:
        raise invalid_input("formula", repr(formula), None, f"one of ltv.vec's formulas ({', '.join(vec.__all__)})")
    named = {k: v for k, v in inputs.items() if isinstance(v, str) and v in df.columns}
    fixed = {k: v for k, v in inputs.items() if k not in named}
    out_name = output or formula

    def compute(cols: Dict[str, Any]) -> Dict[str, Any]:
        from ltv import vec as v

        args = {k: np.asarray(cols[c], dtype=np.float64) for k, c in named.items()}
        return {out_name: getattr(v, formula)(**args, **fixed, parallel=False)}

    return _map_batches(df, [out_name], compute, errors)

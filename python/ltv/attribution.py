"""Multi-touch attribution: the conversions and value of journeys credited to the channels they touched,
under eight models side by side (``ltv_core::attribution``).

``touchpoints`` has one row per touch (journey id, timestamp, channel, optional cost); ``outcomes`` one row
per journey (journey id, converted, value). Both are pandas or polars frames (or dicts of columns, read as
pandas); the result's frames are of the same library. Column names are keywords. Values are exact: each
journey's value is split to the cent (or to the value's finer scale) by largest remainder, so its credits sum
exactly to it under every model; ``Decimal`` values in give ``Decimal`` credits out, floats give floats.

>>> import pandas as pd, ltv.attribution
>>> touchpoints = pd.DataFrame({
...     "journey": ["j1", "j1", "j1", "j2", "j2", "j3", "j4", "j4", "j5"],
...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-01", "2024-01-08",
...                                  "2024-01-01", "2024-01-01", "2024-01-08", "2024-01-01"]),
...     "channel": ["ads", "email", "direct", "ads", "direct", "email", "ads", "email", "direct"],
... })
>>> outcomes = pd.DataFrame({"journey": ["j1", "j2", "j3", "j4", "j5"],
...                          "converted": [True, True, True, False, True],
...                          "value": [100.0, 50.0, 30.0, 0.0, 20.0]})
>>> result = ltv.attribution.attribute(touchpoints, outcomes, models=["first_touch", "linear", "markov", "shapley"])
>>> result.value_table()
  channel  first_touch  linear  markov  shapley
0     ads        150.0   58.34   63.64    58.34
1  direct         20.0   78.33   81.82    78.33
2   email         30.0   63.33   54.54    63.33
>>> round(result.removal_effects["direct"], 4)
0.75
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

from . import _ltv
from ._ltv import LtvError
from ._columns import (
    check_distinct, check_labels, check_text, column, invalid_input, is_polars, missing_column, number, shown,
    values_of, whole,
)

__all__ = ["Attribution", "Model", "MODELS", "attribute"]

# Written as a Union of one-string Literals, which is the same type (see ltv.leads.RankBy).
Model = Union[
    Literal["first_touch"],
    Literal["last_touch"],
    Literal["last_non_direct"],
    Literal["linear"],
    Literal["time_decay"],
    Literal["position_based"],
    Literal["markov"],
    Literal["shapley"],
]
"""An attribution model (``ltv_core::attribution::AttributionModel``)."""

MODELS: Tuple[str, ...] = (
    "first_touch", "last_touch", "last_non_direct", "linear", "time_decay", "position_based", "markov", "shapley"
)
"""Every model, in the order of the default ``models``."""

_NS_PER_DAY = 86_400_000_000_000


class Attribution:
    """What :func:`attribute` returns: the channel table, per-journey credits on request, and the Markov fit.

    Every model's credits sum exactly to ``conversions`` and ``value`` (values split to the cent by largest
    remainder). :meth:`value_table` and :meth:`conversions_table` put the models side by side, one column each;
    :meth:`lead_table` turns one model's credits into lead LTV per channel. ``repr()`` shows the totals,
    ``_repr_html_()`` the totals and the value credited per channel and model.

    Examples
    --------
    >>> import pandas as pd, ltv.attribution
    >>> tp = pd.DataFrame({"journey": [1, 1, 2], "timestamp": [0, 7, 0], "channel": ["ads", "email", "ads"]})
    >>> out = pd.DataFrame({"journey": [1, 2], "converted": [1, 1], "value": [10.0, 20.0]})
    >>> result = ltv.attribution.attribute(tp, out, models=["first_touch", "linear", "markov"])
    >>> result
    Attribution(models=['first_touch', 'linear', 'markov'], channels=2, conversions=2, value=30.00)
    >>> result.removal_effects
    {'ads': 1.0, 'email': 0.5}
    """

    def __init__(self, raw: Dict[str, Any], channels: Any, journeys: Optional[Any]) -> None:
        self.models: List[str] = list(raw["models"])
        """The models, in the order asked."""
        self.channels = channels
        """One row per channel: ``channel``, ``touchpoints``, ``journeys`` (touching it), ``cost``, and per model
        ``<model>_conversions`` and ``<model>_value`` (a frame of the input's library)."""
        self.journeys = journeys
        """With ``per_journey=True``: one row per (journey, channel it touched) with the same model columns;
        else ``None``. Markov's per-journey credits split each journey over its own channels by their removal
        effects (its channel totals split the grand totals)."""
        self.conversions: int = raw["conversions"]
        """Converted journeys: what every model's conversions sum to."""
        self.value: Decimal = raw["value"]
        """Total value: what every model's values sum to, exactly."""
        self.conversion_probability: Optional[float] = raw["conversion_probability"]
        """The Markov chain's probability of conversion from the start (when Markov was asked)."""
        effects = raw["removal_effects"]
        names = list(raw["channels"]["channel"])
        self.removal_effects: Optional[Dict[str, float]] = None if effects is None else dict(zip(names, effects))
        """Each channel's Markov removal effect, ``1 - P(conversion without it) / P(conversion)``."""
        self._leads: Dict[str, Dict[str, Any]] = raw["leads"]

    def lead_table(self, model: Model) -> Any:
        """Each channel's lead value under ``model`` (``Attribution::channel_values``): ``leads`` (journeys that
        touched it), ``conversions`` and ``value`` credited, ``cost``, ``lead_ltv`` = value / leads,
        ``cost_per_lead`` and ``ltv_cpl`` = value / cost (missing when the cost is 0), and the ``model``.

        Parameters
        ----------
        model : {"first_touch", "last_touch", "last_non_direct", "linear", "time_decay", "position_based", "markov", "shapley"}
            One of the models computed (:attr:`models`).

        Returns
        -------
        pandas.DataFrame or polars.DataFrame
            One row per channel: ``channel``, ``leads``, ``conversions``, ``value`` (in the value's currency),
            ``cost``, ``lead_ltv``, ``cost_per_lead``, ``ltv_cpl`` and ``model``.

        Raises
        ------
        InvalidInputError
            ``model`` is not one of the models computed (the message lists them).

        Examples
        --------
        >>> import pandas as pd, ltv.attribution
        >>> tp = pd.DataFrame({"journey": ["a", "b"], "timestamp": [0, 0], "channel": ["ads", "ads"], "cost": [50.0, 50.0]})
        >>> out = pd.DataFrame({"journey": ["a", "b"], "converted": [1, 0], "value": [1000.0, 0.0]})
        >>> table = ltv.attribution.attribute(tp, out, models=["linear"], cost="cost").lead_table("linear")
        >>> table[["channel", "leads", "value", "lead_ltv", "cost_per_lead", "ltv_cpl", "model"]]
          channel  leads   value  lead_ltv  cost_per_lead  ltv_cpl   model
        0     ads      2  1000.0     500.0           50.0     10.0  linear
        """
        if model not in self.models:
            raise invalid_input("model", repr(model), None, "one of the models computed: " + ", ".join(self.models))
        ch = self.channels
        lead = self._leads[model]
        cols = {
            "channel": ch["channel"],
            "leads": ch["journeys"],
            "conversions": ch[f"{model}_conversions"],
            "value": ch[f"{model}_value"],
            "cost": ch["cost"],
            "lead_ltv": lead["lead_ltv"],
            "cost_per_lead": lead["cost_per_lead"],
            "ltv_cpl": lead["ltv_cpl"],
            "model": [model] * len(ch),
        }
        if is_polars(ch):
            return _out(ch, {k: (v.to_list() if hasattr(v, "to_list") else v) for k, v in cols.items()})
        return _out(ch, {k: (v.to_numpy() if hasattr(v, "to_numpy") else v) for k, v in cols.items()})

    def value_table(self) -> Any:
        """The value credited: ``channel`` and one column per model.

        Returns
        -------
        pandas.DataFrame or polars.DataFrame
            One row per channel; each model's column sums exactly to :attr:`value` (``Decimal`` credits for
            ``Decimal`` values, floats for floats).

        Examples
        --------
        >>> import pandas as pd, ltv.attribution
        >>> tp = pd.DataFrame({"journey": [1, 1, 2], "timestamp": [0, 7, 0], "channel": ["ads", "email", "ads"]})
        >>> out = pd.DataFrame({"journey": [1, 2], "converted": [1, 1], "value": [10.0, 20.0]})
        >>> ltv.attribution.attribute(tp, out, models=["first_touch", "linear", "markov"]).value_table()
          channel  first_touch  linear  markov
        0     ads         30.0    25.0    20.0
        1   email          0.0     5.0    10.0
        """
        return self._select("value")

    def conversions_table(self) -> Any:
        """The conversions credited: ``channel`` and one column per model.

        Returns
        -------
        pandas.DataFrame or polars.DataFrame
            One row per channel; each model's column sums to :attr:`conversions` (fractions of a conversion
            where a model splits a journey).

        Examples
        --------
        >>> import pandas as pd, ltv.attribution
        >>> tp = pd.DataFrame({"journey": [1, 1, 2], "timestamp": [0, 7, 0], "channel": ["ads", "email", "ads"]})
        >>> out = pd.DataFrame({"journey": [1, 2], "converted": [1, 1], "value": [10.0, 20.0]})
        >>> table = ltv.attribution.attribute(tp, out, models=["first_touch", "linear"]).conversions_table()
        >>> table.values.tolist()
        [['ads', 2.0, 1.5], ['email', 0.0, 0.5]]
        """
        return self._select("conversions")

    def _select(self, what: str) -> Any:
        cols = ["channel"] + [f"{m}_{what}" for m in self.models]
        table = self.channels.select(cols) if is_polars(self.channels) else self.channels[cols]
        mapping = {f"{m}_{what}": m for m in self.models}
        return table.rename(mapping) if is_polars(table) else table.rename(columns=mapping)

    def __repr__(self) -> str:
        return f"Attribution(models={self.models}, channels={len(self.channels)}, conversions={self.conversions}, value={self.value})"

    def _repr_html_(self) -> str:
        """The totals and the value credited per channel and model as HTML (Jupyter)."""
        from . import _html

        rows: List[Tuple[str, Any]] = [("models", ", ".join(self.models)), ("channels", len(self.channels)),
                                       ("conversions", self.conversions), ("value", self.value)]
        if self.conversion_probability is not None:
            rows.append(("markov conversion_probability", f"{self.conversion_probability:.6g}"))
        return _html.figures("Attribution", rows) + "<p>value credited</p>" + _html.frame(self.value_table())


def _models(models: Any) -> List[str]:
    """``models`` as names of :data:`MODELS` (one name alone is a list of one)."""
    if isinstance(models, str):
        models = [models]
    if not isinstance(models, (list, tuple)):
        raise TypeError(f"models: expected a list of model names, got {type(models).__name__}")
    for m in models:
        if not isinstance(m, str):
            raise TypeError(f"models: expected model names (str), got {type(m).__name__}")
        if m not in MODELS:
            raise invalid_input("models", shown(ascii(m)), None, "'" + "', '".join(MODELS) + "'")
    return list(models)


def _text(name: str, x: Any) -> str:
    """A text option that reaches Rust: a ``str`` of valid Unicode."""
    if not isinstance(x, str):
        raise TypeError(f"{name}: expected a str, got {type(x).__name__}")
    try:
        x.encode("utf-8")
    except UnicodeEncodeError:
        raise invalid_input(name, shown(ascii(x)), None, "text that is valid Unicode") from None
    return x


def _share(name: str, x: Any) -> str:
    """A position-based share as exact decimal text (a float by its shortest repr)."""
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, float, np.floating, np.integer, Decimal, str)):
        raise TypeError(f"{name}: expected a number or decimal text, got {type(x).__name__}")
    return _text(name, str(x))


def _as_frame(df: Any, name: str) -> Any:
    if (is_polars(df) or hasattr(df, "iloc")) and hasattr(df, "columns"):  # a frame, not a Series
        return df
    if isinstance(df, Mapping):
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        try:
            return pd.DataFrame(dict(df))
        except (TypeError, ValueError) as err:
            raise TypeError(f"{name}: expected a dict of equal-length columns ({err})") from None
    raise TypeError(f"{name}: expected a pandas or polars DataFrame (or a dict of columns), got {type(df).__name__}")


def _get(df: Any, key: str, name: str) -> Any:
    if name not in df.columns:
        raise missing_column(key, name, df.columns)
    return df[name]


def _values(series: Any) -> npt.NDArray[Any]:
    return np.asarray(values_of(series))


def _factorize(field: str, values: Any, texts: bool = True) -> Tuple[Any, Optional[List[str]], npt.NDArray[np.int64]]:
    """Sorted distinct labels (by value, or by text when the types do not sort), their text (``None`` with
    ``texts=False`` when the labels are numbers or strings: :func:`_label_texts` makes them on demand), and each
    row's code; a missing label (None, NaN) is an error naming the row (0-based, within ``values``). Labels are
    checked per distinct value; only a bad one scans the rows, to name the first row that holds it."""
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    dtype = getattr(values, "dtype", None)
    objects = dtype is None or dtype == object
    uniques: Any
    try:
        codes, uniq = pd.factorize(values, sort=True)
        uniques = uniq
    except TypeError:  # labels of mixed types (1 and "a") do not sort: order by the text
        if objects:  # an unhashable or unprintable label is a TypeError naming the row
            check_labels(field, values)
        codes, uniq = pd.factorize(values, sort=False)
        order = np.argsort(np.array([str(u) for u in uniq], dtype=object), kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        codes = np.where(codes < 0, codes, rank[np.maximum(codes, 0)])
        uniques = [uniq[i] for i in order]
    codes = np.asarray(codes)
    if (codes < 0).any():
        raise invalid_input(field, "missing", int(np.argmax(codes < 0)), "a label")
    if objects:
        try:
            check_labels(field, uniques)
        except TypeError:
            check_labels(field, values)  # names the first row holding the bad label
            raise
    kind = getattr(getattr(uniq, "dtype", None), "kind", None) or np.asarray(uniq).dtype.kind
    numeric = kind in "iufb"
    strings = not numeric and (kind == "U" or isinstance(getattr(uniq, "dtype", None), pd.StringDtype)
                               or all(type(u) is str for u in uniques))
    if numeric or strings:
        if strings and getattr(getattr(uniq, "dtype", None), "storage", None) != "pyarrow":  # arrow text is UTF-8
            try:
                "".join(uniques).encode("utf-8")
            except UnicodeEncodeError:
                check_text(field, list(uniques), range(len(uniques)))
        # Distinct numbers print distinctly (repr round-trips) and distinct strings are distinct texts.
        return uniques, (_label_texts(uniques) if texts else None), np.ascontiguousarray(codes, dtype=np.int64)
    text_list = [str(u) for u in uniques]
    try:
        "".join(text_list).encode("utf-8")
    except UnicodeEncodeError:
        check_text(field, text_list, range(len(text_list)))
    check_distinct(text_list, uniques, codes, field)  # other labels (1 and "1") may print alike
    return uniques, text_list, np.ascontiguousarray(codes, dtype=np.int64)


def _label_texts(uniques: Any) -> List[str]:
    """The text of each distinct label (numbers by their repr)."""
    kind = getattr(getattr(uniques, "dtype", None), "kind", None) or np.asarray(uniques).dtype.kind
    if kind in "iufb":
        return [str(t) for t in np.asarray(uniques).astype(str).tolist()]
    return [str(u) for u in uniques]


def _take(uniques: Any, codes: Any) -> List[Any]:
    """The labels of ``codes`` as Python values."""
    if hasattr(uniques, "take"):
        return list(uniques.take(np.asarray(codes, dtype=np.int64)))
    return [uniques[i] for i in codes]


def _days(field: str, series: Any) -> Tuple[npt.NDArray[np.float64], Optional[bool]]:
    """Timestamps as days since 1970-01-01 UTC, and whether they carry a timezone (``None`` for numbers of
    days): datetimes (NaT is NaN, an error naming the row in Rust), timezone-aware ones converted to UTC first
    (pandas ``datetime64[ns, tz]``, polars ``Datetime(time_zone=...)``, ``datetime`` objects with ``tzinfo``),
    or numbers of days. A column mixing naive and aware datetimes is an error naming it and the first row
    that differs from the first timestamp."""
    aware: Optional[bool] = None
    if is_polars(series) and getattr(series.dtype, "time_zone", None) is not None:
        series, aware = series.dt.convert_time_zone("UTC").dt.replace_time_zone(None), True
    elif getattr(getattr(series, "dtype", None), "tz", None) is not None:  # pandas datetime64[ns, tz]
        series, aware = series.dt.tz_convert(None), True
    values = _values(series)
    if values.dtype == object and len(values) and all(isinstance(v, (_dt.date, np.datetime64)) or v is None for v in values):
        values, aware = _utc_objects(field, values)
    if np.issubdtype(values.dtype, np.datetime64):
        ns = values.astype("datetime64[ns]")
        days = ns.astype(np.int64).astype(np.float64) / _NS_PER_DAY
        days[np.isnat(ns)] = np.nan
        return np.ascontiguousarray(days), bool(aware)
    if getattr(values.dtype, "tz", None) is not None or str(values.dtype).startswith("datetime64"):
        raise TypeError(f"{field}: unsupported timestamp dtype {values.dtype}")
    return column(field, series), None


def _utc_objects(field: str, values: Any) -> Tuple[npt.NDArray[Any], bool]:
    """``date`` / ``datetime`` / ``datetime64`` objects as ``datetime64[ns]`` (aware ones in UTC) and whether they
    were aware; naive and aware ones mixed is an error naming ``field`` and the first row that differs."""
    first: Optional[bool] = None
    for row, v in enumerate(values):
        if v is None:
            continue
        tz = isinstance(v, _dt.datetime) and v.tzinfo is not None and v.utcoffset() is not None
        if first is None:
            first = tz
        elif tz != first:
            shown_v = shown(v)
            raise invalid_input(field, shown_v, row, "timestamps that all carry a timezone or none do (naive and "
                                "timezone-aware mixed)")
    if not first:
        return np.array(values, dtype="datetime64[ns]"), False
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    return pd.to_datetime(pd.Series(values, dtype=object), utc=True).dt.tz_convert(None).to_numpy(), True


def _money(field: str, series: Any) -> Tuple[npt.NDArray[np.float64], Optional[List[str]]]:
    """A money column as floats, or, for ``Decimal`` objects, as their text (exact); missing is NaN / ""."""
    values = _values(series)
    if values.dtype == object and any(isinstance(v, Decimal) for v in values):
        text = ["" if v is None or (isinstance(v, (float, Decimal)) and v != v) else str(v) for v in values]
        return np.zeros(len(values)), text
    if is_polars(series) and str(series.dtype).startswith("Decimal"):
        return np.zeros(len(values)), ["" if v is None else str(v) for v in series.to_list()]
    return column(field, series), None


def _converted(series: Any) -> npt.NDArray[np.float64]:
    values = _values(series)
    if values.dtype == object:
        return column("outcomes.converted", [float(v) if isinstance(v, (bool, np.bool_)) else v for v in values])
    if values.dtype.kind == "b":
        return np.ascontiguousarray(values.astype(np.float64))
    return column("outcomes.converted", values)  # numbers only: complex, dates and durations are a TypeError


def _out(like: Any, columns: Dict[str, Any]) -> Any:
    if is_polars(like):
        import polars as pl

        return pl.DataFrame(columns, strict=False)
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    return pd.DataFrame(columns)


def attribute(
    touchpoints: Any,
    outcomes: Any,
    *,
    models: Sequence[Model] = MODELS,  # type: ignore[assignment]
    journey: str = "journey",
    timestamp: str = "timestamp",
    channel: str = "channel",
    cost: Optional[str] = None,
    converted: str = "converted",
    value: str = "value",
    conversion_time: Optional[str] = None,
    costs: Optional[Mapping[str, Union[float, Decimal, str]]] = None,
    direct_channel: str = "direct",
    half_life_days: float = 7.0,
    first_share: Union[float, Decimal, str] = "0.4",
    last_share: Union[float, Decimal, str] = "0.4",
    decimals: int = 2,
    per_journey: bool = False,
) -> Attribution:
    """Credits every journey's conversion and value to its channels under each of ``models``.

    - ``models``: any of :data:`MODELS` (all by default): ``first_touch``, ``last_touch``, ``last_non_direct``
      (skips ``direct_channel``; an all-direct journey credits direct), ``linear``, ``time_decay``
      (``half_life_days``, measured back from the conversion), ``position_based`` (``first_share`` and
      ``last_share``, 40/20/40 by default; one touch gets 100 %, two touches split first:last), ``markov``
      (first-order removal effect, Anderl et al. 2016) and ``shapley`` (simplified Shapley value over channel
      sets, Zhao et al. 2018: exact for any number of channels).
    - ``timestamp``: datetimes, or numbers of days; ``conversion_time`` (optional, same kind): no touchpoint
      may come after it. ``cost`` (optional) a touchpoint cost column; ``costs`` extra spend per channel.
    - ``decimals``: the least decimal places of the credited value (2: cents).

    Errors name the table and row (``touchpoints.timestamp``, ``outcomes.value``, ``costs.channel``, ...):
    NaN timestamps, touchpoints after the conversion, journeys with no touchpoints or no outcome, duplicate
    outcomes, negative values or costs, a value on a journey that did not convert, unknown channels in costs.

    Parameters
    ----------
    touchpoints : pandas.DataFrame, polars.DataFrame or dict of columns
        One row per touch: the ``journey``, ``timestamp`` and ``channel`` columns (and ``cost``, when named).
    outcomes : pandas.DataFrame, polars.DataFrame or dict of columns
        One row per journey: the ``journey``, ``converted`` and ``value`` columns (and ``conversion_time``).
    models : sequence of str, default MODELS
        The models computed, in the order of the output columns.
    journey : str, default "journey"
        The journey id column of both tables.
    timestamp : str, default "timestamp"
        The touchpoints' time column: datetimes, or numbers of days. Timezone-aware datetimes (pandas
        ``datetime64[ns, tz]``, polars ``Datetime(time_zone=...)``, aware ``datetime`` objects) are compared in
        UTC; naive and aware values mixed in one column, or aware touchpoints with a naive ``conversion_time``
        (or the reverse), are an :class:`ltv.InvalidInputError` naming the column and row.
    channel : str, default "channel"
        The touchpoints' channel column.
    cost : str or None, default None
        The touchpoints' cost column (>= 0, in the value's currency); ``None``: no touchpoint cost.
    converted : str, default "converted"
        The outcomes' column saying whether each journey converted (booleans or 0 / 1).
    value : str, default "value"
        The outcomes' value column (>= 0; 0 on a journey that did not convert), floats or ``Decimal``.
    conversion_time : str or None, default None
        The outcomes' conversion time column (the kind of ``timestamp``); ``None``: each journey's last touch.
    costs : mapping of str to number or None, default None
        Extra spend per channel (channels that have touchpoints), added to their touchpoint costs.
    direct_channel : str, default "direct"
        The channel that ``last_non_direct`` skips.
    half_life_days : float, default 7
        ``time_decay``: a touch this many days before the conversion gets half the weight of one at it, > 0.
    first_share, last_share : float, Decimal or str, default "0.4"
        ``position_based``: the shares of the first and the last touch (fractions, summing to at most 1).
    decimals : int, default 2
        The least decimal places of the credited values (2: cents).
    per_journey : bool, default False
        Also return each journey's credits (:attr:`Attribution.journeys`).

    Returns
    -------
    Attribution
        ``.channels`` (one row per channel and per model ``<model>_conversions`` and ``<model>_value``),
        ``.journeys``, ``.conversions``, ``.value``, the Markov ``.removal_effects`` and
        ``.conversion_probability``; ``.value_table()``, ``.conversions_table()``, ``.lead_table(model)``.

    Raises
    ------
    InvalidInputError
        An unknown model, NaN timestamps, a touchpoint after the conversion, a journey with no touchpoints or
        no outcome, duplicate outcomes, a negative value or cost, a value on a journey that did not convert, an
        unknown channel in ``costs``, a bad share or half-life (the field names the table and column).
    MissingColumnError
        A named column not in its table (also a ``KeyError``).
    TypeError
        A table that is not a DataFrame or a dict of columns.

    Examples
    --------
    >>> import pandas as pd, ltv.attribution
    >>> tp = pd.DataFrame({"journey": [1, 1], "timestamp": [0, 7], "channel": ["ads", "email"]})
    >>> out = pd.DataFrame({"journey": [1], "converted": [1], "value": [10.0]})
    >>> ltv.attribution.attribute(tp, out, models=["time_decay", "position_based"]).value_table()
      channel  time_decay  position_based
    0     ads        3.33             5.0
    1   email        6.67             5.0
    """
    tps, outs = _as_frame(touchpoints, "touchpoints"), _as_frame(outcomes, "outcomes")
    names = _models(models)
    half_life = number("half_life_days", half_life_days)
    places = whole("decimals", decimals)
    if not 0 <= places <= 28:
        raise invalid_input("decimals", shown(places), None, "0 to 28 decimal places")
    shares = [_share("first_share", first_share), _share("last_share", last_share)]
    direct = _text("direct_channel", direct_channel)
    if not isinstance(per_journey, (bool, np.bool_)):
        raise TypeError(f"per_journey: expected a bool, got {type(per_journey).__name__}")
    if costs is not None and not isinstance(costs, Mapping):
        raise TypeError(f"costs: expected a mapping of channel to spend, got {type(costs).__name__}")
    # One factorisation of the outcomes' and the touchpoints' journey ids: a touchpoint whose journey has no
    # outcome gets a code of its own, which the core reports naming the touchpoint row.
    out_ids, tp_ids = _get(outs, "journey", journey), _get(tps, "journey", journey)
    both: Any
    if is_polars(out_ids) or is_polars(tp_ids):
        a, b = _values(out_ids), _values(tp_ids)
        try:
            both = np.concatenate([a, b])
        except (TypeError, ValueError):
            both = np.concatenate([a.astype(object), b.astype(object)])
    else:
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        both = pd.concat([out_ids, tp_ids], ignore_index=True)
    try:
        journey_uniques, journey_texts, codes = _factorize("outcomes.journey", both, texts=False)
    except LtvError as err:
        row = getattr(err, "row", None)
        if row is None or row < len(out_ids):
            raise
        raise invalid_input("touchpoints.journey", "missing", row - len(out_ids), "a label") from None
    if journey_texts is not None:
        journey_texts = [shown(t) for t in journey_texts]  # journey texts only name journeys in messages
    out_journey, tp_journey = codes[: len(out_ids)].copy(), codes[len(out_ids):].copy()
    tp_channels = _get(tps, "channel", channel)
    channel_uniques, channel_texts, tp_channel = _factorize(
        "touchpoints.channel", _values(tp_channels) if is_polars(tp_channels) else tp_channels
    )
    if channel_texts is None:  # texts=True makes them; for the type checker
        channel_texts = _label_texts(channel_uniques)
    tp_time, tp_aware = _days("touchpoints.timestamp", _get(tps, "timestamp", timestamp))
    if cost is None:
        tp_cost, tp_cost_text = None, None
    else:
        tp_cost, tp_cost_text = _money("touchpoints.cost", _get(tps, "cost", cost))
    out_value, out_value_text = _money("outcomes.value", _get(outs, "value", value))
    if conversion_time is None:
        out_time = None
    else:
        out_time, out_aware = _days("outcomes.conversion_time", _get(outs, "conversion_time", conversion_time))
        if tp_aware is not None and out_aware is not None and tp_aware != out_aware:
            said = "timezone-aware" if out_aware else "naive"
            raise invalid_input("outcomes.conversion_time", f"{said} timestamps", None,
                                "timestamps like touchpoints.timestamp's (both timezone-aware or both naive)")
    cost_channel: List[int] = []
    cost_value: List[str] = []
    index = {t: i for i, t in enumerate(channel_texts)}
    for row, (name, amount) in enumerate((costs or {}).items()):
        if str(name) not in index:
            raise invalid_input("costs.channel", repr(name), row, "a channel that has touchpoints")
        cost_channel.append(index[str(name)])
        if isinstance(amount, (bool, np.bool_)) or not isinstance(amount, (int, float, np.number, Decimal, str)):
            raise TypeError(f"costs: expected a number or decimal text per channel, got {type(amount).__name__} for {name!r}")
        cost_value.append(_text("costs", str(amount)))
    as_decimal = out_value_text is not None
    args = (
        tp_journey, tp_time, tp_channel, tp_cost, tp_cost_text,
        out_journey, _converted(_get(outs, "converted", converted)), out_value, out_value_text, out_time,
        cost_channel, cost_value, names, direct, half_life, shares[0], shares[1],
        places, bool(per_journey), as_decimal,
    )
    try:  # journey labels only name journeys in messages: made when there is one to show
        raw = _ltv._attribution(channel_texts, journey_texts, len(journey_uniques), *args)
    except LtvError:
        if journey_texts is not None:
            raise
        labels = [shown(t) for t in _label_texts(journey_uniques)]
        raw = _ltv._attribution(channel_texts, labels, len(journey_uniques), *args)
    channels = _out(tps, {"channel": [channel_uniques[i] for i in range(len(channel_uniques))], **{
        k: v for k, v in raw["channels"].items() if k != "channel"}})
    journeys = None
    if raw["journeys"] is not None:
        pj = raw["journeys"]
        cols: Dict[str, Any] = {
            "journey": _take(journey_uniques, pj["journey"]),
            "channel": [channel_uniques[i] for i in pj["channel"]],
        }
        cols.update({k: v for k, v in pj.items() if k not in ("journey", "channel")})
        journeys = _out(tps, cols)
    return Attribution(raw, channels, journeys)

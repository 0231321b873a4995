"""Period spellings -> calendar days (conversion only: the period arithmetic is ``ltv_core::cohort::PeriodUnit``).

Each accepted string is read as the first day of what it names and how fine it is (a day, an ISO week, a
month, a quarter or a year). A string coarser than the unit (a month for weekly cohorts) is an error.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Dict, Optional, Tuple

from ._columns import invalid_input, shown

ACCEPTED_FORMS = (
    "a day '2024-03-15' ('2024/03/15', '2024-03-15 00:00:00'), a week '2024-W11', a month '2024-03' ('2024-3', "
    "'2024/03', 'Mar 2024'), a quarter '2024Q1' ('2024-Q1', 'Q1 2024'), a year '2024', a date, or a period index"
)
"""What a period may be, as error messages list it."""

_FINENESS = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}
_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")]
    )
    for name in names
}
_TIME = r"(?:[ t](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:z|[+-]\d{2}:?\d{2})?)?"
_DAY = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})" + _TIME)
_MONTH = re.compile(r"(\d{4})[-/](\d{1,2})")
_NAMED_MONTH = re.compile(r"([a-z]{3,9})\.?[ \-/]?(\d{4})|(\d{4})[ \-/]([a-z]{3,9})")
_WEEK = re.compile(r"(\d{4})-?w(\d{2})")
_QUARTER = re.compile(r"(\d{4})[ \-]?q([1-4])|q([1-4])[ \-/]?(\d{4})")
_YEAR = re.compile(r"\d{4}")

_Parsed = Tuple[_dt.date, str]


def _read(text: str) -> Optional[_Parsed]:
    """``(first day, fineness)`` of a period string, ``None`` when it is none of the accepted forms (or names
    a day that does not exist)."""
    s = text.strip().lower()
    try:
        if m := _DAY.fullmatch(s):
            return _dt.date(int(m[1]), int(m[3]), int(m[4])), "day"
        if m := _MONTH.fullmatch(s):
            return _dt.date(int(m[1]), int(m[2]), 1), "month"
        if m := _NAMED_MONTH.fullmatch(s):
            name, year = (m[1], m[2]) if m[1] else (m[4], m[3])
            return (_dt.date(int(year), _MONTHS[name], 1), "month") if name in _MONTHS else None
        if m := _WEEK.fullmatch(s):
            return _dt.date.fromisocalendar(int(m[1]), int(m[2]), 1), "week"
        if m := _QUARTER.fullmatch(s):
            year, quarter = (m[1], m[2]) if m[1] else (m[4], m[3])
            return _dt.date(int(year), 3 * int(quarter) - 2, 1), "quarter"
        if _YEAR.fullmatch(s):
            return _dt.date(int(s), 1, 1), "year"
    except ValueError:  # month 13, 2023-02-29, week 54, year 0
        return None
    return None


def day_of(text: str, unit: str, field: str, row: int) -> int:
    """The day (days since 1970-01-01) a period string starts on, checked against ``unit``.

    >>> day_of("Mar 2024", "month", "period", 0), day_of("2024-03-01 00:00:00", "day", "period", 0)
    (19783, 19783)
    """
    parsed = _read(text)
    if parsed is None:
        raise cannot_parse(field, text, row)
    first, fineness = parsed
    if _FINENESS[fineness] > _FINENESS.get(unit, 0) or (fineness == "week" and unit != "week"):
        raise invalid_input(field, repr(shown(text)), row,
                            f"a period no coarser than unit={unit!r}: {text.strip()!r} is a {fineness}")
    return (first - _dt.date(1970, 1, 1)).days


def cannot_parse(field: str, value: Any, row: Optional[int]) -> Exception:
    """An :class:`ltv.InvalidInputError` saying ``value`` cannot be parsed, with the accepted forms."""
    shown_value = repr(shown(value)) if isinstance(value, str) else shown(repr(value))
    err = invalid_input(field, shown_value, row, ACCEPTED_FORMS)
    where = f"row {row}: " if row is not None else ""
    out = type(err)(f"{where}{field} = {shown_value}: cannot parse: expected {ACCEPTED_FORMS}")
    for attr in ("field", "value", "kind", "row"):
        setattr(out, attr, getattr(err, attr, None))
    return out


def start_day(value: Any) -> Optional[int]:
    """The first day (days since 1970-01-01) of a cohort as a user names it when referring back to one: any
    accepted period string, a date or datetime, a pandas Timestamp or Period, a numpy datetime64; ``None``
    for anything else (an integer, an unparseable string)."""
    if isinstance(value, str):
        parsed = _read(value)
        return None if parsed is None else (parsed[0] - _dt.date(1970, 1, 1)).days
    if hasattr(value, "start_time") and not isinstance(value, _dt.date):  # a pandas Period
        value = value.start_time
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return (value - _dt.date(1970, 1, 1)).days
    if type(value).__name__ == "datetime64":
        import numpy as np

        return None if np.isnat(value) else int(value.astype("datetime64[D]").astype(np.int64))
    return None


def cohort_rows(labels: Any, cohort: Any) -> list[int]:
    """The rows of ``labels`` (a table's cohort column) that are cohort ``cohort``: equal labels, else labels
    starting on the same day as ``cohort`` (``"Jan 2024"`` finds the cohort ``2024-01-01``)."""
    rows = [i for i, label in enumerate(labels) if _same(label, cohort)]
    if rows:
        return rows
    day = start_day(cohort)
    return [] if day is None else [i for i, label in enumerate(labels) if start_day(label) == day]


def _same(label: Any, cohort: Any) -> bool:
    if isinstance(label, str) != isinstance(cohort, str):  # a string is compared by the day it names
        return False
    try:
        return bool(label == cohort)
    except (TypeError, ValueError):
        return False


_ISO_DATETIME = re.compile(r"\s*(\d{4}-\d{2}-\d{2})[ T](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?\s*")


def days_of(texts: list[str], rows: list[int], unit: str, field: str) -> list[int]:
    """:func:`day_of` for each text; ISO datetimes without an offset (``"2014-03-08 00:00:00"``, one distinct
    string per second of a transaction log) are read once per distinct date."""
    by_date: Dict[str, int] = {}
    out = []
    for text, row in zip(texts, rows):
        m = _ISO_DATETIME.fullmatch(text)
        if m is None:
            out.append(day_of(text, unit, field, row))
            continue
        day = by_date.get(m[1])
        if day is None:
            day = by_date[m[1]] = day_of(text, unit, field, row)  # the full text, for its error message
        out.append(day)
    return out

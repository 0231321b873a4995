"""Generates tests/vectors/rfm/cases.json: transaction logs and their RFM summaries / calibration-holdout
splits, computed by a plain-Python reference (datetime, dicts and sets; independent of the Rust engine's
counting sort). Run from the repository root: python3 tests/vectors/rfm/generate.py

Conventions (those of ltv_models::RfmOptions): a period of k units on a grid fixed at the epoch (days since
1970-01-01, ISO weeks since Monday 1969-12-29, months since 1970-01, hours since the epoch) divided by k;
purchases in one period merged (values summed); times are differences of period indices; fractional:
merged per day, times = days / (k or 7k). Observation and calibration ends are inclusive of their period.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
MONDAY0 = date(1969, 12, 29)


def seconds(text: str) -> int:
    dt = datetime.fromisoformat(text)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return int((dt - EPOCH).total_seconds())


def period(text: str, unit: str, k: int, fractional: bool) -> int:
    dt = datetime.fromisoformat(text)
    d = dt.date()
    days = (d - EPOCH.date()).days
    if fractional:
        return days
    if unit == "hour":
        base = seconds(text) // 3600
    elif unit == "day":
        base = days
    elif unit == "week":
        base = (d - timedelta(days=d.weekday()) - MONDAY0).days // 7
    else:
        base = (d.year - 1970) * 12 + d.month - 1
    return base // k


def period_start_seconds(p: int, unit: str, k: int, fractional: bool) -> int:
    if fractional:
        return p * 86400
    first = p * k
    if unit == "hour":
        return first * 3600
    if unit == "day":
        return first * 86400
    if unit == "week":
        return ((MONDAY0 + timedelta(weeks=first)) - EPOCH.date()).days * 86400
    year, month = 1970 + first // 12, first % 12 + 1
    return (date(year, month, 1) - EPOCH.date()).days * 86400


def scale(unit: str, k: int, fractional: bool) -> float:
    if not fractional:
        return 1.0
    return 7.0 * k if unit == "week" else float(k)


def per_customer(rows, unit, k, fractional):
    """customer -> {period: summed value} (value 0 when there are no values)."""
    out: dict = {}
    for c, t, v in rows:
        p = period(t, unit, k, fractional)
        out.setdefault(c, {})
        out[c][p] = out[c].get(p, 0.0) + (0.0 if v is None else v)
    return out


def summary(customers, end, opts, has_value, after):
    unit, k, frac = opts["unit"], opts["unit_multiple"], opts["fractional"]
    s = scale(unit, k, frac)
    res = {k_: [] for k_ in ("customer", "frequency", "recency", "age", "monetary_value", "first_period_start_seconds")}
    for c in sorted(customers):
        periods = sorted(customers[c])
        first, last = periods[0], periods[-1]
        x = len(periods) - 1
        res["customer"].append(c)
        res["frequency"].append(float(x))
        t_x, age = (last - first) / s, (end - first) / s
        res["recency"].append(t_x if opts["recency"] == "since_first" else (end - last) / s)
        res["age"].append(age)
        repeat_total = sum(customers[c][p] for p in periods[1:])
        res["monetary_value"].append(repeat_total / x if x else 0.0)
        res["first_period_start_seconds"].append(period_start_seconds(first, unit, k, frac))
    if not has_value:
        res["monetary_value"] = None
    res["rows_after_observation_end"] = after
    return res


def rfm_case(name, rows, opts, observation_end=None):
    unit, k, frac = opts["unit"], opts["unit_multiple"], opts["fractional"]
    has_value = any(v is not None for _, _, v in rows)
    end = period(observation_end, unit, k, frac) if observation_end else max(period(t, unit, k, frac) for _, t, _ in rows)
    kept = [r for r in rows if period(r[1], unit, k, frac) <= end]
    expected = summary(per_customer(kept, unit, k, frac), end, opts, has_value, len(rows) - len(kept))
    return {
        "name": name,
        **columns(rows, has_value),
        "options": {**opts, "observation_end": observation_end, "observation_end_seconds": seconds(observation_end) if observation_end else None},
        "expected": expected,
    }


def holdout_case(name, rows, opts, calibration_end, observation_end):
    unit, k, frac = opts["unit"], opts["unit_multiple"], opts["fractional"]
    has_value = any(v is not None for _, _, v in rows)
    cal, end = period(calibration_end, unit, k, frac), period(observation_end, unit, k, frac)
    kept = [r for r in rows if period(r[1], unit, k, frac) <= end]
    groups = per_customer(kept, unit, k, frac)
    calib = {c: {p: v for p, v in g.items() if p <= cal} for c, g in groups.items()}
    first_in_holdout = sum(1 for g in calib.values() if not g)
    calib = {c: g for c, g in calib.items() if g}
    expected = summary(calib, cal, opts, has_value, len(rows) - len(kept))
    hf, hm = [], []
    for c in sorted(calib):
        hold = {p: v for p, v in groups[c].items() if p > cal}
        hf.append(float(len(hold)))
        hm.append(sum(hold.values()) / len(hold) if hold else 0.0)
    expected.update(
        holdout_frequency=hf,
        holdout_monetary_value=hm if has_value else None,
        holdout_duration=(end - cal) / scale(unit, k, frac),
        customers_first_in_holdout=first_in_holdout,
    )
    return {
        "name": name,
        **columns(rows, has_value),
        "options": dict(opts),
        "calibration_end": calibration_end,
        "calibration_end_seconds": seconds(calibration_end),
        "observation_end": observation_end,
        "observation_end_seconds": seconds(observation_end),
        "expected": expected,
    }


def columns(rows, has_value):
    return {
        "customer": [c for c, _, _ in rows],
        "time": [t for _, t, _ in rows],
        "time_seconds": [seconds(t) for _, t, _ in rows],
        "value": [v for _, _, v in rows] if has_value else None,
    }


def options(unit="day", k=1, fractional=False, recency="since_first"):
    return {"unit": unit, "unit_multiple": k, "fractional": fractional, "recency": recency}


def random_log(rng, n_customers, n_rows, start, span_days, with_time=False, with_value=True):
    rows = []
    for _ in range(n_rows):
        c = rng.randrange(n_customers) * 3 + 1
        d = start + timedelta(days=rng.randrange(span_days))
        if with_time:
            t = datetime(d.year, d.month, d.day, rng.randrange(24), rng.randrange(60)).isoformat()
        else:
            t = d.isoformat()
        v = rng.randrange(0, 400) / 4 if with_value else None
        rows.append((c, t, v))
    return rows


def main() -> None:
    rng = random.Random(20260211)
    worked = [
        (1, "2015-02-01", None), (1, "2015-02-06", None), (2, "2015-01-01", None),
        (3, "2015-01-01", None), (3, "2015-01-02", None), (3, "2015-01-05", None),
    ]
    cases = [rfm_case("worked_check_daily", worked, options(), "2015-02-07")]
    cases.append(rfm_case("worked_check_since_last", worked, options(recency="since_last"), "2015-02-07"))
    base = random_log(rng, 40, 300, date(2023, 11, 20), 200)
    for unit, k, frac in [("day", 1, False), ("day", 3, False), ("week", 1, False), ("week", 2, False),
                          ("month", 1, False), ("month", 3, False), ("week", 1, True), ("day", 7, True)]:
        cases.append(rfm_case(f"random_{unit}_x{k}{'_fractional' if frac else ''}", base, options(unit, k, frac)))
    cases.append(rfm_case("random_week_end_before_last_rows", base, options("week"), "2024-04-30"))
    cases.append(rfm_case("random_month_since_last", base, options("month", recency="since_last"), "2024-06-15"))
    hourly = random_log(rng, 10, 120, date(2024, 2, 27), 4, with_time=True)
    cases.append(rfm_case("hourly", hourly, options("hour")))
    cases.append(rfm_case("hourly_x6_end", hourly, options("hour", 6), "2024-03-01T11:59:00"))
    cases.append(rfm_case("no_values", random_log(rng, 15, 60, date(1969, 12, 1), 90, with_value=False), options("week")))
    holdouts = [
        holdout_case("holdout_daily", base, options(), "2024-03-31", "2024-06-06"),
        holdout_case("holdout_weekly_fractional", base, options("week", 1, True), "2024-03-31", "2024-06-06"),
        holdout_case("holdout_monthly", base, options("month"), "2024-02-15", "2024-05-15"),
        holdout_case("holdout_weekly_x2_since_last", base, options("week", 2, recency="since_last"), "2024-01-10", "2024-06-06"),
        holdout_case("holdout_hourly", hourly, options("hour"), "2024-02-28T12:00:00", "2024-03-01T06:00:00"),
    ]
    errors = [
        {"name": "missing_customer", "customer": [1, None, 2], "time": ["2024-01-01", "2024-01-02", "2024-01-03"],
         "value": [1.0, 2.0, 3.0], "field": "customer", "row": 1},
        {"name": "missing_time", "customer": [1, 1, 2], "time": ["2024-01-01", None, "2024-01-03"],
         "value": None, "field": "time", "row": 1},
        {"name": "negative_value", "customer": [1, 1, 2], "time": ["2024-01-01", "2024-01-02", "2024-01-03"],
         "value": [1.0, 2.0, -3.0], "field": "value", "row": 2},
        {"name": "nan_value", "customer": [1, 1, 2], "time": ["2024-01-01", "2024-01-02", "2024-01-03"],
         "value": [1.0, None, 3.0], "field": "value", "row": 1},
        {"name": "observation_end_before_first_purchase", "customer": [1, 2], "time": ["2024-01-05", "2024-01-03"],
         "value": None, "observation_end": "2024-01-02", "field": "observation_end", "row": None},
        {"name": "calibration_end_after_observation_end", "customer": [1, 2], "time": ["2024-01-05", "2024-01-03"],
         "value": None, "calibration_end": "2024-01-06", "observation_end": "2024-01-05", "field": "calibration_end", "row": None},
        {"name": "calibration_end_before_first_purchase", "customer": [1, 2], "time": ["2024-01-05", "2024-01-03"],
         "value": None, "calibration_end": "2024-01-01", "observation_end": "2024-01-05", "field": "calibration_end", "row": None},
    ]
    for e in errors:
        e["time_seconds"] = [None if t is None else seconds(t) for t in e["time"]]
        for key in ("observation_end", "calibration_end"):
            if key in e:
                e[key + "_seconds"] = seconds(e[key])
    out = {
        "about": "RFM summaries from transaction logs; expected values from the plain-Python reference in generate.py. "
        "time_seconds: seconds since 1970-01-01 UTC; value null in error cases = NaN.",
        "rfm_summary": cases,
        "calibration_holdout": holdouts,
        "errors": errors,
    }
    path = Path(__file__).with_name("cases.json")
    path.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {path}: {len(cases)} summaries, {len(holdouts)} splits, {len(errors)} error cases")


if __name__ == "__main__":
    main()

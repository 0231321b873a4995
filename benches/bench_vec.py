"""Vectorised SaaS LTV against numpy, every ltv.vec formula against its bare numpy expression, and scalar
call overhead against pure Python and `decimal`.

Run: .venv/bin/python benches/bench_vec.py [--rows 10000000] [--repeat 7] [--only saas_ltv,lead_value]

Side by side, in one run, on the same inputs:
  * ltv.vec.saas_ltv          validated (ranges, zero churn, NaN), one fused Rust pass, threads on
  * ltv.vec.saas_ltv serial   the same with parallel=False
  * numpy bare                arpu * margin / churn, no validation at all
  * numpy validated           the same checks written in numpy, then the formula
and the peak extra memory of each (tracemalloc; the output alone is rows x 8 bytes), the same with a scalar
gross margin (broadcast), then a table of EVERY formula of ltv.vec (validated, serial and threaded) against
its bare numpy expression (no validation), then per-call time of ltv.saas_ltv (exact Decimal) against a pure-Python float function and against
Python's decimal module. Prints medians and ratios; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import timeit
import tracemalloc
from decimal import Decimal
from typing import Any, Callable, Dict, Optional, Tuple

import numpy as np

import ltv


def make_inputs(rows: int) -> Dict[str, np.ndarray]:
    rng = np.random.default_rng(42)
    return {
        "arpu": rng.uniform(10.0, 2_000.0, rows),
        "gross_margin": rng.uniform(0.5, 0.95, rows),
        "monthly_churn": rng.uniform(0.005, 0.1, rows),
    }


def numpy_bare(arpu: np.ndarray, gross_margin: np.ndarray, monthly_churn: np.ndarray) -> np.ndarray:
    return arpu * gross_margin / monthly_churn


def numpy_validated(arpu: np.ndarray, gross_margin: np.ndarray, monthly_churn: np.ndarray) -> np.ndarray:
    for name, col in (("arpu", arpu), ("gross_margin", gross_margin), ("monthly_churn", monthly_churn)):
        if not np.isfinite(col).all():
            raise ValueError(f"{name}: not finite")
    if (arpu < 0).any():
        raise ValueError("arpu < 0")
    if ((gross_margin < 0) | (gross_margin > 1)).any():
        raise ValueError("gross_margin outside [0, 1]")
    if ((monthly_churn < 0) | (monthly_churn > 1)).any():
        raise ValueError("monthly_churn outside [0, 1]")
    if (monthly_churn == 0).any():
        raise ValueError("monthly_churn == 0")
    out = arpu * gross_margin / monthly_churn
    if not np.isfinite(out).all():
        raise ValueError("overflow")
    return out


def ltv_parallel(arpu: np.ndarray, gross_margin: np.ndarray, monthly_churn: np.ndarray) -> np.ndarray:
    return ltv.vec.saas_ltv(arpu=arpu, gross_margin=gross_margin, monthly_churn=monthly_churn)


def ltv_serial(arpu: np.ndarray, gross_margin: np.ndarray, monthly_churn: np.ndarray) -> np.ndarray:
    return ltv.vec.saas_ltv(arpu=arpu, gross_margin=gross_margin, monthly_churn=monthly_churn, parallel=False)


def ltv_serial_scalar_margin(arpu: np.ndarray, gross_margin: np.ndarray, monthly_churn: np.ndarray) -> np.ndarray:
    return ltv.vec.saas_ltv(arpu=arpu, gross_margin=0.8, monthly_churn=monthly_churn, parallel=False)


def numpy_bare_scalar_margin(arpu: np.ndarray, gross_margin: np.ndarray, monthly_churn: np.ndarray) -> np.ndarray:
    return arpu * 0.8 / monthly_churn


SCALAR_MARGIN: Dict[str, Callable[..., np.ndarray]] = {
    "ltv.vec.saas_ltv (scalar margin, serial)": ltv_serial_scalar_margin,
    "numpy bare (scalar margin)": numpy_bare_scalar_margin,
}

CANDIDATES: Dict[str, Callable[..., np.ndarray]] = {
    "ltv.vec.saas_ltv (validated, threads)": ltv_parallel,
    "ltv.vec.saas_ltv (validated, serial)": ltv_serial,
    "numpy bare (no validation)": numpy_bare,
    "numpy validated": numpy_validated,
}


def median_seconds(fn: Callable[[], object], repeat: int, number: int = 1) -> float:
    return statistics.median(timeit.repeat(fn, repeat=repeat, number=number)) / number


def peak_extra_mib(fn: Callable[[], object]) -> float:
    """Peak memory allocated during one call, by tracemalloc. numpy reports its array buffers to tracemalloc,
    and ltv.vec allocates its output as a numpy array, so both sides are measured the same way."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    out = fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del out
    return (peak - base) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--only", help="comma-separated formula names for the per-formula table")
    args = parser.parse_args()

    inputs = make_inputs(args.rows)
    reference = numpy_bare(**inputs)
    output_mb = reference.nbytes / 2**20
    print(f"ltv {ltv.__version__}, numpy {np.__version__}, {os.cpu_count()} CPUs, {args.rows:,} rows, "
          f"median of {args.repeat}; output array = {output_mb:.1f} MiB\n")

    results: Dict[str, Dict[str, float]] = {}
    for name, fn in CANDIDATES.items():
        out = fn(**inputs)
        assert np.allclose(out, reference, rtol=1e-12), name  # same numbers
        seconds = median_seconds(lambda: fn(**inputs), args.repeat)
        results[name] = {"median_ms": seconds * 1e3, "peak_extra_mib": peak_extra_mib(lambda: fn(**inputs))}
    bare = results["numpy bare (no validation)"]["median_ms"]
    print(f"{'vectorised SaaS LTV':<40} {'median ms':>10} {'vs numpy bare':>14} {'peak extra MiB':>15}")
    for name, r in results.items():
        r["ratio_to_numpy_bare"] = r["median_ms"] / bare
        print(f"{name:<40} {r['median_ms']:>10.1f} {r['ratio_to_numpy_bare']:>13.2f}x {r['peak_extra_mib']:>15.1f}")

    print()
    sm: Dict[str, Dict[str, float]] = {}
    for name, fn in SCALAR_MARGIN.items():
        out = fn(**inputs)
        seconds = median_seconds(lambda: fn(**inputs), args.repeat)
        sm[name] = {"median_ms": seconds * 1e3, "peak_extra_mib": peak_extra_mib(lambda: fn(**inputs))}
    sm_bare = sm["numpy bare (scalar margin)"]["median_ms"]
    print(f"{'SaaS LTV, scalar gross margin':<40} {'median ms':>10} {'vs numpy bare':>14} {'peak extra MiB':>15}")
    for name, r in sm.items():
        r["ratio_to_numpy_bare"] = r["median_ms"] / sm_bare
        print(f"{name:<40} {r['median_ms']:>10.1f} {r['ratio_to_numpy_bare']:>13.2f}x {r['peak_extra_mib']:>15.1f}")
        results[name] = r

    print()
    only = set(args.only.split(",")) if args.only else None
    results["formulas"] = formula_table(args.rows, args.repeat, only)  # type: ignore[assignment]

    print()
    number = 20_000
    scalar = {
        "ltv.saas_ltv (exact Decimal, validated)": lambda: ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03),
        "pure Python float a*m/c": lambda: _py_float(500, 0.8, 0.03),
        "Python decimal a*m/c": lambda: _py_decimal(500, 0.8, 0.03),
    }
    print(f"{'scalar call':<40} {'median ns':>10} {'vs ltv':>14}")
    timings = {name: median_seconds(fn, args.repeat, number) * 1e9 for name, fn in scalar.items()}
    base = timings["ltv.saas_ltv (exact Decimal, validated)"]
    for name, ns in timings.items():
        print(f"{name:<40} {ns:>10.0f} {ns / base:>13.2f}x")
        results[name] = {"median_ns": ns}

    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=2)


def formula_cases(rows: int) -> Dict[str, Tuple[Dict[str, Any], Callable[..., Any], Callable[..., Any]]]:
    """Per formula: valid inputs, the ltv.vec call (kwargs + parallel) and the bare numpy expression."""
    rng = np.random.default_rng(7)

    def u(lo: float, hi: float) -> np.ndarray:
        return rng.uniform(lo, hi, rows)

    def whole(lo: int, hi: int) -> np.ndarray:
        return rng.integers(lo, hi, rows).astype(np.float64)

    v = ltv.vec
    money, frac, churn = u(10.0, 2_000.0), u(0.5, 0.95), u(0.005, 0.1)
    mrr = {"starting_mrr": u(1e4, 2e4), "new": u(0, 1e3), "expansion": u(0, 1e3), "contraction": u(0, 1e3),
           "churned": u(0, 1e3), "reactivation": u(0, 1e3)}

    def m_exp(**k: Any) -> Tuple[Any, ...]:
        return k["starting_mrr"], k["new"], k["expansion"], k["contraction"], k["churned"], k["reactivation"]

    lead = {"customer_ltv": money, "conversion_rate": frac, "months_to_close": u(0, 24)}
    cases: Dict[str, Tuple[Dict[str, Any], Callable[..., Any], Callable[..., Any]]] = {
        "purchase_ltv": (
            {"average_purchase_value": money, "purchase_frequency": u(1, 12), "customer_lifespan": u(1, 5),
             "gross_margin": frac},
            v.purchase_ltv, lambda average_purchase_value, purchase_frequency, customer_lifespan, gross_margin:
            average_purchase_value * purchase_frequency * customer_lifespan * gross_margin),
        "subscription_ltv": ({"average_monthly_revenue": money, "lifespan_months": u(1, 60)},
                             v.subscription_ltv, lambda average_monthly_revenue, lifespan_months:
                             average_monthly_revenue * lifespan_months),
        "lifespan_from_churn": ({"monthly_churn": churn}, v.lifespan_from_churn, lambda monthly_churn: 1.0 / monthly_churn),
        "saas_ltv": ({"arpu": money, "gross_margin": frac, "monthly_churn": churn}, v.saas_ltv,
                     lambda arpu, gross_margin, monthly_churn: arpu * gross_margin / monthly_churn),
        "saas_ltv (scalar margin)": ({"arpu": money, "gross_margin": 0.8, "monthly_churn": churn}, v.saas_ltv,
                                     lambda arpu, gross_margin, monthly_churn: arpu * gross_margin / monthly_churn),
        "monthly_churn_from_annual": ({"annual_churn": u(0.05, 0.6)}, v.monthly_churn_from_annual,
                                      lambda annual_churn: 1.0 - (1.0 - annual_churn) ** (1.0 / 12.0)),
        "annual_to_monthly_rate": ({"annual_rate": u(0.0, 0.3)}, v.annual_to_monthly_rate,
                                   lambda annual_rate: (1.0 + annual_rate) ** (1.0 / 12.0) - 1.0),
        "discounted_ltv": ({"monthly_margin": money, "monthly_churn": churn, "annual_discount_rate": u(0.0, 0.3)},
                           v.discounted_ltv, _np_discounted),
        "retention_cltv": ({"revenue": money, "gross_margin": frac, "retention": u(0.5, 0.95),
                            "discount_rate": u(0.0, 0.3), "periods": 36, "period": "monthly"},
                           v.retention_cltv, _np_retention),
        "ltv_cac_ratio": ({"ltv": money, "cac": u(10, 900)}, v.ltv_cac_ratio, lambda ltv, cac: ltv / cac),
        "ltv_cac_band": ({"ratio": u(0, 8)}, v.ltv_cac_band,
                         lambda ratio: np.where(ratio < 3, 0.0, np.where(ratio > 5, 2.0, 1.0))),
        "max_cac": ({"ltv": money, "target_ratio": u(1, 5)}, v.max_cac, lambda ltv, target_ratio: ltv / target_ratio),
        "cac_payback_months": ({"cac": money, "arpu": money, "gross_margin": frac}, v.cac_payback_months,
                               lambda cac, arpu, gross_margin: cac / (arpu * gross_margin)),
        "lead_ltv": ({"customer_ltv": money, "conversion_rate": frac}, v.lead_ltv,
                     lambda customer_ltv, conversion_rate: customer_ltv * conversion_rate),
        "net_lead_ltv": ({"customer_ltv": money, "conversion_rate": frac, "cac": u(0, 50), "nurture_cost": u(0, 5),
                          "time_factor": u(0.5, 1.5)}, v.net_lead_ltv,
                         lambda customer_ltv, conversion_rate, cac, nurture_cost, time_factor:
                         customer_ltv * conversion_rate - (cac + nurture_cost) * time_factor),
        "present_value_lead_ltv": (dict(lead), v.present_value_lead_ltv, _np_present_value),
        "lead_value": ({**lead, "days_since_engagement": u(0, 365)}, v.lead_value,
                       lambda days_since_engagement, **kw: np.where(days_since_engagement >= 180, 0.0,
                                                                    _np_present_value(**kw))),
        "campaign_value": ({"leads": whole(0, 10_000), "lead_ltv": money}, v.campaign_value,
                           lambda leads, lead_ltv: leads * lead_ltv),
        "bid_cap": ({"lead_ltv": money, "target_ratio": u(1, 5)}, v.bid_cap,
                    lambda lead_ltv, target_ratio: lead_ltv / target_ratio),
        "logo_churn_rate": ({"customers_at_start": whole(100, 1000), "customers_lost": whole(0, 100)},
                            v.logo_churn_rate, lambda customers_at_start, customers_lost: customers_lost / customers_at_start),
        "ending_mrr": (mrr, v.ending_mrr, lambda **k: (lambda s, n, e, c, ch, r: s + n + e + r - c - ch)(*m_exp(**k))),
        "gross_mrr_churn": (mrr, v.gross_mrr_churn, lambda **k: (lambda s, n, e, c, ch, r: (ch + c) / s)(*m_exp(**k))),
        "net_mrr_churn": (mrr, v.net_mrr_churn,
                          lambda **k: (lambda s, n, e, c, ch, r: (ch + c - e - r) / s)(*m_exp(**k))),
        "net_revenue_retention": (mrr, v.net_revenue_retention,
                                  lambda **k: (lambda s, n, e, c, ch, r: (s - ch - c + e + r) / s)(*m_exp(**k))),
        "gross_revenue_retention": (mrr, v.gross_revenue_retention,
                                    lambda **k: (lambda s, n, e, c, ch, r: (s - ch - c) / s)(*m_exp(**k))),
        "quick_ratio": (mrr, v.quick_ratio, lambda **k: (lambda s, n, e, c, ch, r: (n + e + r) / (ch + c))(*m_exp(**k))),
    }
    return cases


def _np_discounted(monthly_margin: Any, monthly_churn: Any, annual_discount_rate: Any) -> Any:
    d = (1.0 + annual_discount_rate) ** (1.0 / 12.0) - 1.0
    return monthly_margin * (1.0 + d) / (monthly_churn + d)


def _np_retention(revenue: Any, gross_margin: Any, retention: Any, discount_rate: Any, periods: int, period: str) -> Any:
    m, c, d = revenue * gross_margin, 1.0 - retention, discount_rate
    q = retention / (1.0 + d)
    return m * ((1.0 - q**periods) * (1.0 + d) / (c + d))


def _np_present_value(customer_ltv: Any, conversion_rate: Any, months_to_close: Any) -> Any:
    expected = customer_ltv * conversion_rate
    return np.where(months_to_close <= 12, expected, expected / 1.1 ** (months_to_close / 12.0))


def formula_table(rows: int, repeat: int, only: Optional[set]) -> Dict[str, Dict[str, float]]:
    """Every ltv.vec formula, validated, serial and threaded, against its bare numpy expression."""
    table: Dict[str, Dict[str, float]] = {}
    print(f"{'formula':<28} {'ltv serial ms':>14} {'ltv threaded ms':>16} {'numpy ms':>9} {'ratio':>7} "
          f"{'ltv peak MiB':>13} {'numpy peak MiB':>15}")
    for name, (kwargs, vec_fn, np_fn) in formula_cases(rows).items():
        if only and name.split(" ")[0] not in only:
            continue
        def serial() -> Any:
            return vec_fn(**kwargs, parallel=False)

        def threaded() -> Any:
            return vec_fn(**kwargs, parallel=True)

        def bare() -> Any:
            return np_fn(**kwargs)

        if name != "ltv_cac_band":  # the band is a label array; its numpy side computes the codes
            assert np.allclose(serial(), bare(), rtol=1e-9), name
        r = {
            "ltv_serial_ms": median_seconds(serial, repeat) * 1e3,
            "ltv_threaded_ms": median_seconds(threaded, repeat) * 1e3,
            "numpy_ms": median_seconds(bare, repeat) * 1e3,
            "ltv_peak_mib": peak_extra_mib(serial),
            "numpy_peak_mib": peak_extra_mib(bare),
        }
        r["ratio"] = r["ltv_serial_ms"] / r["numpy_ms"]
        table[name] = r
        print(f"{name:<28} {r['ltv_serial_ms']:>14.1f} {r['ltv_threaded_ms']:>16.1f} {r['numpy_ms']:>9.1f} "
              f"{r['ratio']:>6.2f}x {r['ltv_peak_mib']:>13.1f} {r['numpy_peak_mib']:>15.1f}")
    return table


def _py_float(arpu: float, margin: float, churn: float) -> float:
    return arpu * margin / churn


def _py_decimal(arpu: float, margin: float, churn: float) -> Decimal:
    return Decimal(str(arpu)) * Decimal(str(margin)) / Decimal(str(churn))


if __name__ == "__main__":
    main()

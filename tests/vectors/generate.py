#!/usr/bin/env python3
"""Regenerates tests/vectors/*.json: cross-language test vectors for ltv-core (Rust) and ltv (Python).

Every expected value is computed here, independently of the Rust code, with Python's ``decimal`` module at
40 significant digits. Where a closed form is what the library implements, the value is computed another way
(an explicit sum of the first n terms, the ``m / (1 - q)`` form of a geometric series) so that an algebra slip
in the library cannot be copied into its own expectations.

Format of a case (see also the ``description`` of each file):

- ``function``: the Python API name (``saas_ltv``, ``MrrMovements.quick_ratio``, ...).
- ``inputs``: keyword arguments. Decimal inputs are JSON strings, integer counts JSON integers, enums
  snake_case strings. An omitted input takes the API default.
- ``expected``: a decimal string, a bool, or an object for struct results. With ``places``, both sides are
  rounded to that many decimal places with banker's rounding (ROUND_HALF_EVEN / ``Decimal::round_dp``)
  before comparing; without it the comparison is numeric equality (0.20 == 0.2).
- ``error``: ``{"kind": LtvError::kind(), "field": LtvError::field(), "message": Display (optional)}``.
- ``f64_only: true``: the inputs hold a non-finite float (``"NaN"``, ``"inf"``, ``"-inf"``) that a Decimal cannot
  hold; run the case only on the float (f64) path. Python passes these inputs as ``float``.
- ``decimal_only: true``: the inputs need more precision than a float has; skip the float (f64) path.
- ``note``: a comment.

Every case without ``f64_only`` or ``decimal_only`` also runs through the float (f64) instantiation of the same
formula, which must agree with the Decimal result within 1e-9 relative (or fail with the same error kind and
field; a Decimal ``overflow`` may succeed in f64).

Run ``python3 tests/vectors/generate.py`` from the repository root; it rewrites the JSON files in place.
"""

from __future__ import annotations

import json
import pathlib
from decimal import ROUND_HALF_EVEN, Context, Decimal, Inexact, localcontext

D = Decimal
PREC = 40
DECIMAL_MAX = "79228162514264337593543950335"
HERE = pathlib.Path(__file__).resolve().parent


def ctx40() -> Context:
    return Context(prec=PREC)


def exact(fn):
    """Evaluates ``fn`` at 40 digits and insists the result is exact."""
    with localcontext(Context(prec=PREC, traps=[Inexact])):
        return +fn()


def approx(fn):
    with localcontext(ctx40()):
        return +fn()


def fmt(x: Decimal) -> str:
    """A plain (non-exponent) string for a Decimal, trailing zeros removed."""
    if x == 0:
        return "0"
    with localcontext(ctx40()):
        return format(x.normalize(), "f")


def rounded(x: Decimal, places: int) -> str:
    q = D(1).scaleb(-places)
    # Refuse values within 1e-20 (relative to the last place) of a rounding midpoint: the 28-digit
    # implementation could land on either side.
    with localcontext(ctx40()):
        scaled = x.scaleb(places)
        frac = abs(scaled - scaled.to_integral_value(rounding="ROUND_FLOOR"))
        assert abs(frac - D("0.5")) > D("1e-15"), f"{x} is too close to a rounding midpoint at {places} places"
        r = x.quantize(q, rounding=ROUND_HALF_EVEN)
    return format(r, "f")


def ok(name, function, inputs, value, places=None, note=None):
    case = {"name": name, "function": function, "inputs": inputs}
    if isinstance(value, (bool, dict)):
        case["expected"] = value
    elif places is None:
        case["expected"] = fmt(value)
    else:
        case["expected"] = rounded(value, places)
    if places is not None:
        case["places"] = places
    if note:
        case["note"] = note
    return case


def err(name, function, inputs, kind, field, message=None, f64_only=False, note=None, decimal_only=False):
    e = {"kind": kind, "field": field}
    if message is not None:
        e["message"] = message
    case = {"name": name, "function": function, "inputs": inputs, "error": e}
    if f64_only:
        case["f64_only"] = True
    if decimal_only:
        case["decimal_only"] = True
    if note:
        case["note"] = note
    return case


# Messages (the Display of LtvError), spelled out here so that Rust and Python print the same words.
def msg_invalid(field, value, allowed, suggestion=None):
    s = f"{field} = {value} is out of range: expected {allowed}"
    if suggestion is not None:
        s += f"; did you mean {suggestion}?"
    return s


def msg_zero_churn(field):
    return (
        f"{field} = 0: with zero churn the expected lifetime is infinite and the undiscounted LTV is unbounded; "
        "value it with a discount rate (discounted_ltv) or a finite horizon (horizon_months)"
    )


def msg_negative_net(field, value):
    return (
        f"{field} = {value} is net negative churn (expansion outweighs churn): the simple formula cannot value it; "
        "use discounted_ltv with a horizon (horizon_months), or a cohort-based LTV"
    )


def msg_divergent(field, value):
    return (
        f"{field} = {value} makes the discounted sum diverge (retention >= 1 + discount rate); "
        "give a finite horizon (horizon_months)"
    )


def msg_overflow(field):
    return f"{field}: the result overflows the number range (about 7.9e28 for Decimal); check the input's scale"


def msg_undefined(field, reason):
    return f"{field} is undefined: {reason}"


def msg_not_finite(field, value):
    return f"{field} = {value} is not a finite number"


FRACTION = "a fraction in [0, 1]"
CHURN = "a churn rate in [0, 1]"
NET_CHURN = "a net revenue churn rate in [-1, 1]"
NON_NEG = "a value >= 0"
POSITIVE = "a value > 0"
DISCOUNT = "a discount rate in [0, 1] per period"


def write(name, description, cases):
    names = [c["name"] for c in cases]
    dupes = {n for n in names if names.count(n) > 1}
    assert not dupes, dupes
    path = HERE / f"{name}.json"
    with path.open("w", encoding="utf-8") as f:
        json.dump({"description": description, "cases": cases}, f, indent=2, ensure_ascii=False)
        f.write("\n")


# ---------------------------------------------------------------------------------------------------------
# Reference formulas (40 digits).


def twelfth_root(x: Decimal) -> Decimal:
    with localcontext(ctx40()):
        return (x.ln() / 12).exp()


def geometric_sum(m, c, d, timing, n=None):
    """Sum of the payments m x survival / discount over periods, by timing. ``n=None`` is the perpetuity,
    computed as m / (1 - q) (the textbook form); a finite ``n`` is an explicit loop over the n payments."""
    with localcontext(ctx40()):
        r = 1 - c
        one_d = 1 + d
        if n is None:
            q = r / one_d
            assert q < 1
            start = m / (1 - q)
            if timing == "start_of_period":
                return start
            if timing == "end_of_period":
                return start / one_d
            return m * q / (1 - q)
        total = D(0)
        for t in range(n):
            if timing == "start_of_period":
                total += m * r**t / one_d**t
            elif timing == "end_of_period":
                total += m * r**t / one_d ** (t + 1)
            else:
                total += m * r ** (t + 1) / one_d ** (t + 1)
        return total


# ---------------------------------------------------------------------------------------------------------


def saas():
    f = "saas_ltv"
    cases = [
        ok("saas worked example EUR 500 80% 3%", f, {"arpu": "500", "gross_margin": "0.8", "monthly_churn": "0.03"},
           approx(lambda: D(500) * D("0.8") / D("0.03")), 2),
        ok("saas worked example to 20 places", f, {"arpu": "500", "gross_margin": "0.8", "monthly_churn": "0.03"},
           approx(lambda: D(500) * D("0.8") / D("0.03")), 20),
        ok("saas halving churn to 1.5% doubles LTV", f,
           {"arpu": "500", "gross_margin": "0.8", "monthly_churn": "0.015"},
           approx(lambda: D(500) * D("0.8") / D("0.015")), 2),
        ok("saas revenue LTV with margin 1", f, {"arpu": "500", "gross_margin": "1", "monthly_churn": "0.04"},
           exact(lambda: D(500) / D("0.04"))),
        ok("saas zero margin is zero", f, {"arpu": "500", "gross_margin": "0", "monthly_churn": "0.04"}, D(0)),
        ok("saas zero arpu is zero", f, {"arpu": "0", "gross_margin": "0.8", "monthly_churn": "0.04"}, D(0)),
        ok("saas churn 1 is one month", f, {"arpu": "123.45", "gross_margin": "0.6", "monthly_churn": "1"},
           exact(lambda: D("123.45") * D("0.6"))),
        ok("saas gross revenue churn basis", f,
           {"arpu": "500", "gross_margin": "0.8", "monthly_churn": "0.02", "churn_basis": "gross_revenue"},
           exact(lambda: D(500) * D("0.8") / D("0.02"))),
        ok("saas positive net revenue churn", f,
           {"arpu": "500", "gross_margin": "0.8", "monthly_churn": "0.01", "churn_basis": "net_revenue"},
           exact(lambda: D(500) * D("0.8") / D("0.01"))),
        ok("saas explicit logo basis", f,
           {"arpu": "99", "gross_margin": "0.75", "monthly_churn": "0.025", "churn_basis": "logo"},
           exact(lambda: D(99) * D("0.75") / D("0.025"))),
        ok("saas cents and thirds", f, {"arpu": "49.99", "gross_margin": "0.85", "monthly_churn": "0.07"},
           approx(lambda: D("49.99") * D("0.85") / D("0.07")), 10),
        ok("saas largest decimal arpu with churn 1", f,
           {"arpu": DECIMAL_MAX, "gross_margin": "1", "monthly_churn": "1"}, D(DECIMAL_MAX)),
        err("saas churn typed as percent 3", f, {"arpu": "500", "gross_margin": "0.8", "monthly_churn": "3"},
            "invalid_input", "monthly_churn", msg_invalid("monthly_churn", "3", CHURN, "0.03")),
        err("saas gross margin typed as percent 80", f, {"arpu": "500", "gross_margin": "80", "monthly_churn": "0.03"},
            "invalid_input", "gross_margin", msg_invalid("gross_margin", "80", FRACTION, "0.80")),
        err("saas churn above 100 has no suggestion", f,
            {"arpu": "500", "gross_margin": "0.8", "monthly_churn": "150"},
            "invalid_input", "monthly_churn", msg_invalid("monthly_churn", "150", CHURN)),
        err("saas negative logo churn", f, {"arpu": "500", "gross_margin": "0.8", "monthly_churn": "-0.01"},
            "invalid_input", "monthly_churn", msg_invalid("monthly_churn", "-0.01", CHURN)),
        err("saas zero churn", f, {"arpu": "500", "gross_margin": "0.8", "monthly_churn": "0"},
            "zero_churn", "monthly_churn", msg_zero_churn("monthly_churn")),
        err("saas zero gross revenue churn", f,
            {"arpu": "500", "gross_margin": "0.8", "monthly_churn": "0", "churn_basis": "gross_revenue"},
            "zero_churn", "monthly_churn"),
        err("saas net negative churn", f,
            {"arpu": "500", "gross_margin": "0.8", "monthly_churn": "-0.01", "churn_basis": "net_revenue"},
            "negative_net_churn", "monthly_churn", msg_negative_net("monthly_churn", "-0.01")),
        err("saas zero net churn", f,
            {"arpu": "500", "gross_margin": "0.8", "monthly_churn": "0", "churn_basis": "net_revenue"},
            "negative_net_churn", "monthly_churn", msg_negative_net("monthly_churn", "0")),
        err("saas net churn below -1", f,
            {"arpu": "500", "gross_margin": "0.8", "monthly_churn": "-1.5", "churn_basis": "net_revenue"},
            "invalid_input", "monthly_churn", msg_invalid("monthly_churn", "-1.5", NET_CHURN)),
        err("saas negative arpu", f, {"arpu": "-1", "gross_margin": "0.8", "monthly_churn": "0.03"},
            "invalid_input", "arpu", msg_invalid("arpu", "-1", NON_NEG)),
        err("saas negative gross margin", f, {"arpu": "500", "gross_margin": "-0.2", "monthly_churn": "0.03"},
            "invalid_input", "gross_margin", msg_invalid("gross_margin", "-0.2", FRACTION)),
        err("saas overflow with huge arpu and tiny churn", f,
            {"arpu": DECIMAL_MAX, "gross_margin": "1", "monthly_churn": "0.0000001"},
            "overflow", "saas_ltv", msg_overflow("saas_ltv"),
            note="f64 shares Decimal's range, so the float path overflows too"),
        err("saas NaN churn", f, {"arpu": "500", "gross_margin": "0.8", "monthly_churn": "NaN"},
            "not_finite", "monthly_churn", msg_not_finite("monthly_churn", "NaN"), f64_only=True),
        err("saas infinite arpu", f, {"arpu": "inf", "gross_margin": "0.8", "monthly_churn": "0.03"},
            "not_finite", "arpu", msg_not_finite("arpu", "inf"), f64_only=True),
    ]
    g = "monthly_churn_from_annual"
    cases += [
        ok("annual churn 30% to monthly", g, {"annual_churn": "0.30"}, approx(lambda: 1 - twelfth_root(D("0.7"))), 6),
        ok("annual churn 30% to monthly, 20 places", g, {"annual_churn": "0.30"},
           approx(lambda: 1 - twelfth_root(D("0.7"))), 20),
        ok("annual churn 50% to monthly", g, {"annual_churn": "0.5"}, approx(lambda: 1 - twelfth_root(D("0.5"))), 20),
        ok("annual churn 0 is 0 monthly", g, {"annual_churn": "0"}, D(0)),
        ok("annual churn 1 is 1 monthly", g, {"annual_churn": "1"}, D(1)),
        ok("annual net revenue churn -20% (NRR 120%)", g, {"annual_churn": "-0.2", "churn_basis": "net_revenue"},
           approx(lambda: 1 - twelfth_root(D("1.2"))), 20),
        err("annual churn typed as percent 30", g, {"annual_churn": "30"},
            "invalid_input", "annual_churn", msg_invalid("annual_churn", "30", CHURN, "0.30")),
        err("annual logo churn negative", g, {"annual_churn": "-0.2"},
            "invalid_input", "annual_churn", msg_invalid("annual_churn", "-0.2", CHURN)),
    ]
    write("saas", "SaaS LTV = ARPU x gross margin / monthly churn, and annual-to-monthly churn by compounding, "
          "1 - (1 - a)^(1/12). Expected values computed with Python decimal at 40 digits by "
          "tests/vectors/generate.py.", cases)


def subscription():
    f = "subscription_ltv"
    cases = [
        ok("subscription worked example 1000 x 24", f, {"average_monthly_revenue": "1000", "lifespan_months": "24"},
           D(24000)),
        ok("subscription fractional months", f, {"average_monthly_revenue": "49.99", "lifespan_months": "2.5"},
           exact(lambda: D("49.99") * D("2.5"))),
        ok("subscription zero months", f, {"average_monthly_revenue": "1000", "lifespan_months": "0"}, D(0)),
        ok("subscription zero revenue", f, {"average_monthly_revenue": "0", "lifespan_months": "36"}, D(0)),
        err("subscription negative months", f, {"average_monthly_revenue": "1000", "lifespan_months": "-1"},
            "invalid_input", "lifespan_months", msg_invalid("lifespan_months", "-1", NON_NEG)),
        err("subscription negative revenue", f, {"average_monthly_revenue": "-0.01", "lifespan_months": "12"},
            "invalid_input", "average_monthly_revenue", msg_invalid("average_monthly_revenue", "-0.01", NON_NEG)),
        err("subscription overflow", f, {"average_monthly_revenue": DECIMAL_MAX, "lifespan_months": "2"},
            "overflow", "subscription_ltv", msg_overflow("subscription_ltv")),
        err("subscription infinite months", f, {"average_monthly_revenue": "1000", "lifespan_months": "inf"},
            "not_finite", "lifespan_months", msg_not_finite("lifespan_months", "inf"), f64_only=True),
    ]
    g = "lifespan_from_churn"
    cases += [
        ok("lifespan worked example 1 / 0.05", g, {"monthly_churn": "0.05"}, D(20)),
        ok("lifespan 1 / 0.03", g, {"monthly_churn": "0.03"}, approx(lambda: 1 / D("0.03")), 2),
        ok("lifespan 1 / 0.03 to 20 places", g, {"monthly_churn": "0.03"}, approx(lambda: 1 / D("0.03")), 20),
        ok("lifespan churn 1 is one month", g, {"monthly_churn": "1"}, D(1)),
        ok("lifespan gross revenue basis", g, {"monthly_churn": "0.04", "churn_basis": "gross_revenue"}, D(25)),
        ok("lifespan positive net churn", g, {"monthly_churn": "0.02", "churn_basis": "net_revenue"}, D(50)),
        err("lifespan zero churn", g, {"monthly_churn": "0"}, "zero_churn", "monthly_churn",
            msg_zero_churn("monthly_churn")),
        err("lifespan net negative churn", g, {"monthly_churn": "-0.02", "churn_basis": "net_revenue"},
            "negative_net_churn", "monthly_churn", msg_negative_net("monthly_churn", "-0.02")),
        err("lifespan churn typed as percent 5", g, {"monthly_churn": "5"}, "invalid_input", "monthly_churn",
            msg_invalid("monthly_churn", "5", CHURN, "0.05")),
    ]
    write("subscription", "Subscription LTV = average monthly revenue x lifespan in months; lifespan = 1 / monthly "
          "churn. Expected values computed with Python decimal at 40 digits by tests/vectors/generate.py.", cases)


def purchase():
    f = "purchase_ltv"
    base = {"average_purchase_value": "50", "purchase_frequency": "4", "customer_lifespan": "5"}
    cases = [
        ok("purchase worked example 50 x 4 x 5", f, dict(base), D(1000)),
        ok("purchase worked example with 30% margin", f, dict(base, gross_margin="0.3"), D(300)),
        ok("purchase fractional frequency and lifespan", f,
           {"average_purchase_value": "72.40", "purchase_frequency": "2.5", "customer_lifespan": "3.2",
            "gross_margin": "0.45"},
           exact(lambda: D("72.40") * D("2.5") * D("3.2") * D("0.45"))),
        ok("purchase margin 1 equals revenue", f, dict(base, gross_margin="1"), D(1000)),
        ok("purchase margin 0 is zero", f, dict(base, gross_margin="0"), D(0)),
        ok("purchase zero frequency", f, dict(base, purchase_frequency="0"), D(0)),
        ok("purchase zero lifespan", f, dict(base, customer_lifespan="0"), D(0)),
        err("purchase negative frequency", f, dict(base, purchase_frequency="-1"), "invalid_input",
            "purchase_frequency", msg_invalid("purchase_frequency", "-1", NON_NEG)),
        err("purchase negative lifespan", f, dict(base, customer_lifespan="-5"), "invalid_input",
            "customer_lifespan", msg_invalid("customer_lifespan", "-5", NON_NEG)),
        err("purchase negative purchase value", f, dict(base, average_purchase_value="-50"), "invalid_input",
            "average_purchase_value", msg_invalid("average_purchase_value", "-50", NON_NEG)),
        err("purchase margin typed as percent 30", f, dict(base, gross_margin="30"), "invalid_input",
            "gross_margin", msg_invalid("gross_margin", "30", FRACTION, "0.30")),
        err("purchase overflow", f,
            {"average_purchase_value": DECIMAL_MAX, "purchase_frequency": "12", "customer_lifespan": "10"},
            "overflow", "purchase_ltv", msg_overflow("purchase_ltv")),
        err("purchase NaN frequency", f, dict(base, purchase_frequency="NaN"), "not_finite", "purchase_frequency",
            msg_not_finite("purchase_frequency", "NaN"), f64_only=True),
    ]
    write("purchase", "Purchase LTV = average purchase value x purchase frequency x customer lifespan (x gross "
          "margin). Expected values computed with Python decimal at 40 digits by tests/vectors/generate.py.", cases)


NRR_MONTHLY_CHURN = None


def nrr_monthly_churn() -> str:
    """1 - 1.2^(1/12): the monthly net churn of a net revenue retention of 120 %/yr, to 28 digits."""
    with localcontext(Context(prec=28)):
        return format(1 - D("1.2") ** (D(1) / D(12)), "f")


def discounted():
    f = "discounted_ltv"
    d_m = D("0.00797414")
    base = {"monthly_margin": "80", "monthly_churn": "0.05", "monthly_discount_rate": "0.00797414"}
    cases = []
    for timing in ["start_of_period", "end_of_period", "end_of_period_survivors"]:
        cases.append(ok(f"discounted worked example {timing}", f, dict(base, timing=timing),
                        geometric_sum(D(80), D("0.05"), d_m, timing), 2))
    cases.append(ok("discounted worked example default timing is start", f, dict(base),
                    geometric_sum(D(80), D("0.05"), d_m, "start_of_period"), 2))
    d_a = twelfth_root(D("1.1")) - 1
    for timing in ["start_of_period", "end_of_period", "end_of_period_survivors"]:
        cases.append(ok(f"discounted worked example annual 10% {timing}", f,
                        {"monthly_margin": "80", "monthly_churn": "0.05", "annual_discount_rate": "0.10",
                         "timing": timing},
                        geometric_sum(D(80), D("0.05"), d_a, timing), 2))
    cases.append(ok("discounted annual 10% start to 15 places", f,
                    {"monthly_margin": "80", "monthly_churn": "0.05", "annual_discount_rate": "0.10"},
                    geometric_sum(D(80), D("0.05"), d_a, "start_of_period"), 15))
    nrr = nrr_monthly_churn()
    nrr_inputs = {"monthly_margin": "80", "monthly_churn": nrr, "churn_basis": "net_revenue",
                  "annual_discount_rate": "0.10", "horizon_months": 60, "timing": "start_of_period"}
    cases.append(ok("discounted NRR 120%/yr over 60 months", f, nrr_inputs,
                    geometric_sum(D(80), D(nrr), d_a, "start_of_period", 60), 2))
    cases.append(ok("discounted NRR 120%/yr over 60 months to 15 places", f, nrr_inputs,
                    geometric_sum(D(80), D(nrr), d_a, "start_of_period", 60), 15))
    cases.append(ok("discounted NRR 120%/yr over 60 months end of period survivors", f,
                    dict(nrr_inputs, timing="end_of_period_survivors"),
                    geometric_sum(D(80), D(nrr), d_a, "end_of_period_survivors", 60), 10))
    no_h = {k: v for k, v in nrr_inputs.items() if k != "horizon_months"}
    cases.append(err("discounted NRR 120%/yr without horizon diverges", f, no_h, "divergent", "monthly_churn",
                     msg_divergent("monthly_churn", nrr)))
    cases += [
        ok("discounted cents example 17.95 0.5% 1%", f,
           {"monthly_margin": "17.95", "monthly_churn": "0.005", "monthly_discount_rate": "0.01"},
           geometric_sum(D("17.95"), D("0.005"), D("0.01"), "start_of_period"), 2),
        ok("discounted zero discount equals m / c", f,
           {"monthly_margin": "80", "monthly_churn": "0.05", "monthly_discount_rate": "0"}, D(1600)),
        ok("discounted zero discount end of period equals m / c", f,
           {"monthly_margin": "80", "monthly_churn": "0.05", "monthly_discount_rate": "0", "timing": "end_of_period"},
           D(1600)),
        ok("discounted zero discount survivors equals m (1 - c) / c", f,
           {"monthly_margin": "80", "monthly_churn": "0.05", "monthly_discount_rate": "0",
            "timing": "end_of_period_survivors"}, D(1520)),
        ok("discounted zero churn valued by the discount rate", f,
           {"monthly_margin": "100", "monthly_churn": "0", "monthly_discount_rate": "0.01"},
           exact(lambda: D(100) * D("1.01") / D("0.01"))),
        ok("discounted churn 1 start of period is one payment", f,
           {"monthly_margin": "80", "monthly_churn": "1", "monthly_discount_rate": "0.01"}, D(80)),
        ok("discounted churn 1 survivors is zero", f,
           {"monthly_margin": "80", "monthly_churn": "1", "monthly_discount_rate": "0.01",
            "timing": "end_of_period_survivors"}, D(0)),
        ok("discounted horizon 0 is zero", f, dict(base, horizon_months=0), D(0)),
        ok("discounted horizon 1 start is one payment", f, dict(base, horizon_months=1), D(80)),
        ok("discounted horizon 1 end of period", f, dict(base, horizon_months=1, timing="end_of_period"),
           geometric_sum(D(80), D("0.05"), d_m, "end_of_period", 1), 20),
        ok("discounted horizon 12 start", f, dict(base, horizon_months=12),
           geometric_sum(D(80), D("0.05"), d_m, "start_of_period", 12), 15),
        ok("discounted horizon 36 end of period", f, dict(base, horizon_months=36, timing="end_of_period"),
           geometric_sum(D(80), D("0.05"), d_m, "end_of_period", 36), 15),
        ok("discounted horizon 36 survivors", f, dict(base, horizon_months=36, timing="end_of_period_survivors"),
           geometric_sum(D(80), D("0.05"), d_m, "end_of_period_survivors", 36), 15),
        ok("discounted horizon beyond i32 equals the perpetuity", f, dict(base, horizon_months=3_000_000_000),
           geometric_sum(D(80), D("0.05"), d_m, "start_of_period"), 15,
           note="q^n underflows: (0.95 / 1.00797414)^3e9 is far below 1e-40; f64 takes powf for n > i32::MAX"),
        ok("discounted zero churn zero discount with horizon is m x n", f,
           {"monthly_margin": "80", "monthly_churn": "0", "monthly_discount_rate": "0", "horizon_months": 24},
           D(1920)),
        ok("discounted net churn equal to minus discount with horizon", f,
           {"monthly_margin": "10", "monthly_churn": "-0.01", "churn_basis": "net_revenue",
            "monthly_discount_rate": "0.01", "horizon_months": 12},
           D(120), note="retention 1.01 = 1 + d: every payment is worth exactly m"),
        ok("discounted net churn -1 with horizon", f,
           {"monthly_margin": "1", "monthly_churn": "-1", "churn_basis": "net_revenue",
            "monthly_discount_rate": "0", "horizon_months": 10},
           D(2**10 - 1)),
        ok("discounted gross revenue basis", f,
           {"monthly_margin": "80", "monthly_churn": "0.05", "churn_basis": "gross_revenue",
            "monthly_discount_rate": "0.00797414"},
           geometric_sum(D(80), D("0.05"), d_m, "start_of_period"), 2),
        err("discounted zero churn zero discount diverges", f,
            {"monthly_margin": "80", "monthly_churn": "0", "monthly_discount_rate": "0"},
            "divergent", "monthly_churn", msg_divergent("monthly_churn", "0")),
        err("discounted net churn -0.01 at 0.5% monthly diverges", f,
            {"monthly_margin": "80", "monthly_churn": "-0.01", "churn_basis": "net_revenue",
             "monthly_discount_rate": "0.005"},
            "divergent", "monthly_churn", msg_divergent("monthly_churn", "-0.01")),
        err("discounted annual rate typed as percent 10", f,
            {"monthly_margin": "80", "monthly_churn": "0.05", "annual_discount_rate": "10"},
            "invalid_input", "annual_discount_rate", msg_invalid("annual_discount_rate", "10", DISCOUNT, "0.10")),
        err("discounted negative monthly discount rate", f,
            {"monthly_margin": "80", "monthly_churn": "0.05", "monthly_discount_rate": "-0.01"},
            "invalid_input", "monthly_discount_rate", msg_invalid("monthly_discount_rate", "-0.01", DISCOUNT)),
        err("discounted negative margin", f,
            {"monthly_margin": "-80", "monthly_churn": "0.05", "monthly_discount_rate": "0.01"},
            "invalid_input", "monthly_margin", msg_invalid("monthly_margin", "-80", NON_NEG)),
        err("discounted churn typed as percent 5", f,
            {"monthly_margin": "80", "monthly_churn": "5", "monthly_discount_rate": "0.01"},
            "invalid_input", "monthly_churn", msg_invalid("monthly_churn", "5", CHURN, "0.05")),
        err("discounted overflow", f,
            {"monthly_margin": DECIMAL_MAX, "monthly_churn": "0.5", "monthly_discount_rate": "0"},
            "overflow", "discounted_ltv", msg_overflow("discounted_ltv")),
        err("discounted infinite discount rate", f,
            {"monthly_margin": "80", "monthly_churn": "0.05", "monthly_discount_rate": "inf"},
            "not_finite", "monthly_discount_rate", msg_not_finite("monthly_discount_rate", "inf"), f64_only=True),
    ]
    g = "annual_to_monthly_rate"
    cases += [
        ok("annual 10% to monthly", g, {"annual_rate": "0.10"}, d_a, 8),
        ok("annual 10% to monthly to 20 places", g, {"annual_rate": "0.10"}, d_a, 20),
        ok("annual 100% to monthly", g, {"annual_rate": "1"}, twelfth_root(D(2)) - 1, 20),
        ok("annual 0 to monthly", g, {"annual_rate": "0"}, D(0)),
        err("annual rate typed as percent 10", g, {"annual_rate": "10"}, "invalid_input", "annual_rate",
            msg_invalid("annual_rate", "10", DISCOUNT, "0.10")),
        err("annual rate negative", g, {"annual_rate": "-0.5"}, "invalid_input", "annual_rate",
            msg_invalid("annual_rate", "-0.5", DISCOUNT)),
    ]
    write("discounted", "Discounted LTV: present value of a monthly margin m kept with monthly retention 1 - c at "
          "the monthly discount rate d (an annual rate a is (1 + a)^(1/12) - 1), by payment timing, with an "
          "optional horizon in months; and annual_to_monthly_rate. Exactly one of annual_discount_rate and "
          "monthly_discount_rate is given. Expected values computed with Python decimal at 40 digits by "
          "tests/vectors/generate.py (perpetuities as m / (1 - q), horizons as explicit sums).", cases)


def retention_sum(rev, gm, ret, d, n, timing):
    with localcontext(ctx40()):
        m = rev * gm
        total = D(0)
        if timing == "start_of_period":
            for t in range(n):
                total += m * ret**t / (1 + d) ** t
        elif timing == "end_of_period":
            for t in range(n):
                total += m * ret**t / (1 + d) ** (t + 1)
        else:
            for t in range(1, n + 1):
                total += m * ret**t / (1 + d) ** t
        return total


def retention():
    f = "retention_cltv"
    base = {"revenue": "1000", "gross_margin": "0.3", "retention": "0.8", "discount_rate": "0.10", "periods": 3}
    cases = [
        ok("retention worked example 3 years", f, dict(base),
           retention_sum(D(1000), D("0.3"), D("0.8"), D("0.1"), 3, "start_of_period"), 2),
        ok("retention worked example explicit annual start", f, dict(base, period="annual", timing="start_of_period"),
           retention_sum(D(1000), D("0.3"), D("0.8"), D("0.1"), 3, "start_of_period"), 20),
        ok("retention worked example end of period", f, dict(base, timing="end_of_period"),
           retention_sum(D(1000), D("0.3"), D("0.8"), D("0.1"), 3, "end_of_period"), 20),
        ok("retention worked example survivors", f, dict(base, timing="end_of_period_survivors"),
           retention_sum(D(1000), D("0.3"), D("0.8"), D("0.1"), 3, "end_of_period_survivors"), 20),
        ok("retention 10 years", f, dict(base, periods=10),
           retention_sum(D(1000), D("0.3"), D("0.8"), D("0.1"), 10, "start_of_period"), 15),
        ok("retention monthly periods", f,
           {"revenue": "100", "gross_margin": "0.8", "retention": "0.97", "discount_rate": "0.01", "periods": 24,
            "period": "monthly"},
           retention_sum(D(100), D("0.8"), D("0.97"), D("0.01"), 24, "start_of_period"), 15),
        ok("retention zero periods", f, dict(base, periods=0), D(0)),
        ok("retention one period start is one payment", f, dict(base, periods=1), D(300)),
        ok("retention full retention no discount is m x n", f,
           {"revenue": "1000", "gross_margin": "0.3", "retention": "1", "discount_rate": "0", "periods": 5},
           D(1500)),
        ok("retention zero retention survivors is zero", f, dict(base, retention="0", timing="end_of_period_survivors"),
           D(0)),
        err("retention typed as percent 1.5", f, dict(base, retention="1.5"), "invalid_input", "retention",
            msg_invalid("retention", "1.5", FRACTION, "0.015")),
        err("retention discount typed as percent 10", f, dict(base, discount_rate="10"), "invalid_input",
            "discount_rate", msg_invalid("discount_rate", "10", DISCOUNT, "0.10")),
        err("retention negative revenue", f, dict(base, revenue="-1000"), "invalid_input", "revenue",
            msg_invalid("revenue", "-1000", NON_NEG)),
        err("retention margin typed as percent 30", f, dict(base, gross_margin="30"), "invalid_input",
            "gross_margin", msg_invalid("gross_margin", "30", FRACTION, "0.30")),
        err("retention overflow", f,
            {"revenue": DECIMAL_MAX, "gross_margin": "1", "retention": "1", "discount_rate": "0", "periods": 2},
            "overflow", "retention_cltv", msg_overflow("retention_cltv")),
    ]
    write("retention", "Retention-based CLTV: sum over periods of revenue x margin x retention^t / (1 + d)^t, the "
          "discount rate per `period`. Expected values computed with Python decimal at 40 digits (explicit sums) "
          "by tests/vectors/generate.py.", cases)


def ltv_cac():
    f = "ltv_cac_ratio"

    def band(r, lo=D(3), hi=D(5)):
        return "overspending" if r < lo else ("under_investing" if r > hi else "healthy")

    def ratio_case(name, ltv, cac, places=None, **bands):
        inputs = {"ltv": ltv, "cac": cac, **bands}
        r = approx(lambda: D(ltv) / D(cac))
        lo = D(bands.get("healthy_min", "3"))
        hi = D(bands.get("healthy_max", "5"))
        rs = rounded(r, places) if places is not None else fmt(exact(lambda: D(ltv) / D(cac)))
        c = {"name": name, "function": f, "inputs": inputs, "expected": {"ratio": rs, "band": band(r, lo, hi)}}
        if places is not None:
            c["places"] = places
        return c

    cases = [
        ratio_case("ratio worked example 13333.33 / 4000 healthy", "13333.33", "4000", 2),
        ratio_case("ratio 3 exactly is healthy", "12000", "4000"),
        ratio_case("ratio 5 exactly is healthy", "20000", "4000"),
        ratio_case("ratio 2 overspending", "8000", "4000"),
        ratio_case("ratio just below 3 overspending", "11999.99", "4000", 10),
        ratio_case("ratio 5.0025 under-investing", "20010", "4000"),
        ratio_case("ratio 8 under-investing", "32000", "4000"),
        ratio_case("ratio zero ltv overspending", "0", "4000"),
        ratio_case("ratio custom band 2 to 4, 4.5 under-investing", "18000", "4000",
                   healthy_min="2", healthy_max="4"),
        ratio_case("ratio custom band 2 to 4, 2.5 healthy", "10000", "4000", healthy_min="2", healthy_max="4"),
        ratio_case("ratio custom band 4 to 6, 3.5 overspending", "14000", "4000", healthy_min="4", healthy_max="6"),
        ratio_case("ratio degenerate band 3 to 3, 3 healthy", "12000", "4000", healthy_min="3", healthy_max="3"),
        ratio_case("ratio thirds", "10000", "3000", 20),
        err("ratio cac 0", f, {"ltv": "13333.33", "cac": "0"}, "invalid_input", "cac",
            msg_invalid("cac", "0", POSITIVE)),
        err("ratio negative cac", f, {"ltv": "13333.33", "cac": "-4000"}, "invalid_input", "cac",
            msg_invalid("cac", "-4000", NON_NEG)),
        err("ratio negative ltv", f, {"ltv": "-1", "cac": "4000"}, "invalid_input", "ltv",
            msg_invalid("ltv", "-1", NON_NEG)),
        err("ratio healthy max below healthy min", f,
            {"ltv": "13333.33", "cac": "4000", "healthy_min": "5", "healthy_max": "3"},
            "invalid_input", "healthy_max", msg_invalid("healthy_max", "3", "a value >= healthy_min")),
        err("ratio healthy min 0", f, {"ltv": "13333.33", "cac": "4000", "healthy_min": "0"},
            "invalid_input", "healthy_min", msg_invalid("healthy_min", "0", POSITIVE)),
        err("ratio overflow", f, {"ltv": DECIMAL_MAX, "cac": "0.1"}, "overflow", "ltv_cac_ratio",
            msg_overflow("ltv_cac_ratio")),
        err("ratio NaN cac", f, {"ltv": "13333.33", "cac": "NaN"}, "not_finite", "cac",
            msg_not_finite("cac", "NaN"), f64_only=True),
    ]
    g = "max_cac"
    cases += [
        ok("max cac worked example 13333.33 at 3", g, {"ltv": "13333.33", "target_ratio": "3"},
           approx(lambda: D("13333.33") / 3), 2),
        ok("max cac default target 3", g, {"ltv": "13333.33"}, approx(lambda: D("13333.33") / 3), 2),
        ok("max cac exact saas LTV at 3", g, {"ltv": "13333.333333333333333333333333", "target_ratio": "3"},
           approx(lambda: D("13333.333333333333333333333333") / 3), 2),
        ok("max cac at 4", g, {"ltv": "20000", "target_ratio": "4"}, D(5000)),
        ok("max cac at 2.5", g, {"ltv": "20000", "target_ratio": "2.5"}, D(8000)),
        ok("max cac zero ltv", g, {"ltv": "0", "target_ratio": "3"}, D(0)),
        err("max cac target ratio 0", g, {"ltv": "13333.33", "target_ratio": "0"}, "invalid_input",
            "target_ratio", msg_invalid("target_ratio", "0", POSITIVE)),
        err("max cac negative target ratio", g, {"ltv": "13333.33", "target_ratio": "-3"}, "invalid_input",
            "target_ratio", msg_invalid("target_ratio", "-3", POSITIVE)),
        err("max cac overflow", g, {"ltv": DECIMAL_MAX, "target_ratio": "0.5"}, "overflow", "max_cac",
            msg_overflow("max_cac")),
    ]
    write("ltv_cac", "LTV:CAC ratio with its health band (default healthy 3 to 5 inclusive) and the maximum "
          "allowable CAC = LTV / target ratio. `places` applies to the numeric fields of a struct result. "
          "Expected values computed with Python decimal at 40 digits by tests/vectors/generate.py.", cases)


def payback():
    f = "cac_payback_months"

    def pb(name, cac, arpu, gm, target=None, places=None):
        inputs = {"cac": cac, "arpu": arpu, "gross_margin": gm}
        if target is not None:
            inputs["target_months"] = target
        t = D(target if target is not None else "18")
        months = approx(lambda: D(cac) / (D(arpu) * D(gm)))
        ms = rounded(months, places) if places is not None else fmt(exact(lambda: D(cac) / (D(arpu) * D(gm))))
        c = {"name": name, "function": f, "inputs": inputs,
             "expected": {"months": ms, "target_months": fmt(t), "meets_target": bool(months <= t)}}
        if places is not None:
            c["places"] = places
        return c

    cases = [
        pb("payback worked example 770000 / (100000 x 0.7)", "770000", "100000", "0.7", "18"),
        pb("payback worked example default target", "770000", "100000", "0.7"),
        pb("payback misses target", "770000", "50000", "0.7"),
        pb("payback exactly on target meets it", "1260000", "100000", "0.7"),
        pb("payback custom 12-month target missed", "770000", "100000", "0.7", "10"),
        pb("payback per customer with thirds", "5000", "300", "0.8", None, 10),
        pb("payback zero cac", "0", "300", "0.8"),
        pb("payback fractional target", "770000", "100000", "0.7", "10.5"),
        err("payback zero margin", f, {"cac": "770000", "arpu": "100000", "gross_margin": "0"}, "undefined",
            "cac_payback_months",
            msg_undefined("cac_payback_months", "arpu x gross_margin is 0, so CAC is never paid back")),
        err("payback zero arpu", f, {"cac": "770000", "arpu": "0", "gross_margin": "0.7"}, "undefined",
            "cac_payback_months"),
        err("payback negative target", f,
            {"cac": "770000", "arpu": "100000", "gross_margin": "0.7", "target_months": "-18"},
            "invalid_input", "target_months", msg_invalid("target_months", "-18", NON_NEG)),
        err("payback negative cac", f, {"cac": "-1", "arpu": "100000", "gross_margin": "0.7"},
            "invalid_input", "cac", msg_invalid("cac", "-1", NON_NEG)),
        err("payback margin typed as percent 70", f, {"cac": "770000", "arpu": "100000", "gross_margin": "70"},
            "invalid_input", "gross_margin", msg_invalid("gross_margin", "70", FRACTION, "0.70")),
        err("payback overflow", f, {"cac": DECIMAL_MAX, "arpu": "0.5", "gross_margin": "0.5"}, "overflow",
            "cac_payback_months", msg_overflow("cac_payback_months")),
    ]
    write("payback", "CAC payback months = CAC / (ARPU x gross margin), against a target (default 18). `places` "
          "applies to the numeric fields of the result. Expected values computed with Python decimal at 40 "
          "digits by tests/vectors/generate.py.", cases)


def pv_lead(ltv, conv, months, rate="0.10", after="12"):
    with localcontext(ctx40()):
        ev = D(ltv) * D(conv)
        if D(months) <= D(after):
            return ev
        return ev / ((D(months) / 12) * (1 + D(rate)).ln()).exp()


def lead():
    cases = [
        ok("lead worked example 20000 x 5%", "lead_ltv", {"customer_ltv": "20000", "conversion_rate": "0.05"},
           D(1000)),
        ok("lead worked example 50000 x 3%", "lead_ltv", {"customer_ltv": "50000", "conversion_rate": "0.03"},
           D(1500)),
        ok("lead conversion 1 is customer ltv", "lead_ltv", {"customer_ltv": "50000", "conversion_rate": "1"},
           D(50000)),
        ok("lead conversion 0 is zero", "lead_ltv", {"customer_ltv": "50000", "conversion_rate": "0"}, D(0)),
        err("lead conversion typed as percent 5", "lead_ltv", {"customer_ltv": "20000", "conversion_rate": "5"},
            "invalid_input", "conversion_rate", msg_invalid("conversion_rate", "5", FRACTION, "0.05")),
        err("lead negative customer ltv", "lead_ltv", {"customer_ltv": "-20000", "conversion_rate": "0.05"},
            "invalid_input", "customer_ltv", msg_invalid("customer_ltv", "-20000", NON_NEG)),
    ]
    f = "net_lead_ltv"
    cases += [
        ok("net lead worked example", f,
           {"customer_ltv": "50000", "conversion_rate": "0.03", "cac": "300", "nurture_cost": "100",
            "time_factor": "1.5"}, D(900)),
        ok("net lead defaults nurture 0 time 1", f,
           {"customer_ltv": "50000", "conversion_rate": "0.03", "cac": "300"}, D(1200)),
        ok("net lead can be negative", f,
           {"customer_ltv": "1000", "conversion_rate": "0.01", "cac": "300"}, D(-290)),
        ok("net lead time factor 0 ignores costs", f,
           {"customer_ltv": "50000", "conversion_rate": "0.03", "cac": "300", "nurture_cost": "100",
            "time_factor": "0"}, D(1500)),
        err("net lead negative time factor", f,
            {"customer_ltv": "50000", "conversion_rate": "0.03", "cac": "300", "time_factor": "-1"},
            "invalid_input", "time_factor", msg_invalid("time_factor", "-1", NON_NEG)),
        err("net lead negative nurture cost", f,
            {"customer_ltv": "50000", "conversion_rate": "0.03", "cac": "300", "nurture_cost": "-100"},
            "invalid_input", "nurture_cost", msg_invalid("nurture_cost", "-100", NON_NEG)),
        err("net lead overflow", f,
            {"customer_ltv": "0", "conversion_rate": "0", "cac": DECIMAL_MAX, "nurture_cost": DECIMAL_MAX},
            "overflow", "net_lead_ltv", msg_overflow("net_lead_ltv")),
    ]
    f = "present_value_lead_ltv"
    b = {"customer_ltv": "50000", "conversion_rate": "0.03"}
    cases += [
        ok("pv lead worked example 24 months", f, dict(b, months_to_close="24"), pv_lead("50000", "0.03", "24"), 2),
        ok("pv lead 24 months to 20 places", f, dict(b, months_to_close="24"), pv_lead("50000", "0.03", "24"), 20),
        ok("pv lead 6 months not discounted", f, dict(b, months_to_close="6"), D(1500)),
        ok("pv lead exactly 12 months not discounted", f, dict(b, months_to_close="12"), D(1500)),
        ok("pv lead 13 months discounted", f, dict(b, months_to_close="13"), pv_lead("50000", "0.03", "13"), 15),
        ok("pv lead 18 months at 20%", f, dict(b, months_to_close="18", annual_discount_rate="0.2"),
           pv_lead("50000", "0.03", "18", "0.2"), 15),
        ok("pv lead discount after 0 months", f, dict(b, months_to_close="6", discount_after_months="0"),
           pv_lead("50000", "0.03", "6", after="0"), 15),
        ok("pv lead zero rate", f, dict(b, months_to_close="36", annual_discount_rate="0"), D(1500)),
        err("pv lead rate typed as percent 10", f, dict(b, months_to_close="24", annual_discount_rate="10"),
            "invalid_input", "annual_discount_rate", msg_invalid("annual_discount_rate", "10", DISCOUNT, "0.10")),
        err("pv lead negative months", f, dict(b, months_to_close="-1"), "invalid_input", "months_to_close",
            msg_invalid("months_to_close", "-1", NON_NEG)),
        err("pv lead negative discount after", f, dict(b, months_to_close="24", discount_after_months="-12"),
            "invalid_input", "discount_after_months", msg_invalid("discount_after_months", "-12", NON_NEG)),
    ]
    f = "lead_value"
    b2 = {"customer_ltv": "20000", "conversion_probability": "0.05", "months_to_close": "3"}
    cases += [
        ok("lead value alive", f, dict(b2, days_since_engagement="30"), D(1000)),
        ok("lead value zombie at 180 days", f, dict(b2, days_since_engagement="180"), D(0)),
        ok("lead value alive at 179 days", f, dict(b2, days_since_engagement="179"), D(1000)),
        ok("lead value alive at 179.9 days", f, dict(b2, days_since_engagement="179.9"), D(1000)),
        ok("lead value custom zombie threshold", f, dict(b2, days_since_engagement="100", zombie_after_days="90"),
           D(0)),
        ok("lead value discounted when alive", f,
           {"customer_ltv": "50000", "conversion_probability": "0.03", "months_to_close": "24",
            "days_since_engagement": "10"}, pv_lead("50000", "0.03", "24"), 2),
        ok("lead value zombie beats discounting", f,
           {"customer_ltv": "50000", "conversion_probability": "0.03", "months_to_close": "24",
            "days_since_engagement": "365"}, D(0)),
        err("lead value negative days", f, dict(b2, days_since_engagement="-1"), "invalid_input",
            "days_since_engagement", msg_invalid("days_since_engagement", "-1", NON_NEG)),
        err("lead value negative zombie threshold", f,
            dict(b2, days_since_engagement="1", zombie_after_days="-180"), "invalid_input", "zombie_after_days",
            msg_invalid("zombie_after_days", "-180", NON_NEG)),
    ]
    f = "is_zombie"
    cases += [
        ok("zombie at 180 days", f, {"days_since_engagement": "180"}, True),
        ok("alive at 179 days", f, {"days_since_engagement": "179"}, False),
        ok("alive at 0 days", f, {"days_since_engagement": "0"}, False),
        ok("zombie at 181 days", f, {"days_since_engagement": "181"}, True),
        ok("zombie at custom 90 days", f, {"days_since_engagement": "90", "zombie_after_days": "90"}, True),
        err("zombie negative days", f, {"days_since_engagement": "-0.5"}, "invalid_input",
            "days_since_engagement", msg_invalid("days_since_engagement", "-0.5", NON_NEG)),
    ]
    f = "campaign_value"
    cases += [
        ok("campaign many cheap leads 100 x 50", f, {"leads": 100, "lead_ltv": "50"}, D(5000)),
        ok("campaign few valuable leads 20 x 500", f, {"leads": 20, "lead_ltv": "500"}, D(10000)),
        ok("campaign no leads", f, {"leads": 0, "lead_ltv": "500"}, D(0)),
        ok("campaign cents", f, {"leads": 3, "lead_ltv": "33.33"}, D("99.99")),
        err("campaign negative lead ltv", f, {"leads": 10, "lead_ltv": "-5"}, "invalid_input", "lead_ltv",
            msg_invalid("lead_ltv", "-5", NON_NEG)),
        err("campaign overflow", f, {"leads": 2, "lead_ltv": DECIMAL_MAX}, "overflow", "campaign_value",
            msg_overflow("campaign_value")),
    ]
    f = "bid_cap"
    cases += [
        ok("bid cap 1500 at 3", f, {"lead_ltv": "1500", "target_ratio": "3"}, D(500)),
        ok("bid cap default target 3", f, {"lead_ltv": "1500"}, D(500)),
        ok("bid cap at 2.5", f, {"lead_ltv": "1500", "target_ratio": "2.5"}, D(600)),
        ok("bid cap thirds", f, {"lead_ltv": "1000", "target_ratio": "3"}, approx(lambda: D(1000) / 3), 2),
        err("bid cap target 0", f, {"lead_ltv": "1500", "target_ratio": "0"}, "invalid_input", "target_ratio",
            msg_invalid("target_ratio", "0", POSITIVE)),
        err("bid cap overflow", f, {"lead_ltv": DECIMAL_MAX, "target_ratio": "0.5"}, "overflow", "bid_cap",
            msg_overflow("bid_cap")),
    ]
    write("lead", "Lead LTV (customer LTV x conversion rate), net lead LTV, present-value lead LTV (EV / (1 + a)^"
          "(months / 12) beyond discount_after_months), lead value (0 for zombies), campaign value and bid cap. "
          "Expected values computed with Python decimal at 40 digits by tests/vectors/generate.py.", cases)


def mrr():
    def mv(name, inputs, method, value, places=None):
        return ok(name, f"MrrMovements.{method}", inputs, value, places)

    ex = {"starting_mrr": "100", "churned": "10", "contraction": "10", "expansion": "10"}
    cases = [
        mv("mrr worked example gross churn", ex, "gross_mrr_churn", D("0.20")),
        mv("mrr worked example net churn", ex, "net_mrr_churn", D("0.10")),
        mv("mrr worked example NRR", ex, "net_revenue_retention", D("0.90")),
        mv("mrr worked example GRR", ex, "gross_revenue_retention", D("0.80")),
        mv("mrr worked example quick ratio", ex, "quick_ratio", D("0.5")),
        mv("mrr worked example ending", ex, "ending_mrr", D(90)),
    ]
    full = {"starting_mrr": "1000", "new": "50", "expansion": "30", "contraction": "5", "churned": "20",
            "reactivation": "20"}
    cases += [
        mv("mrr with reactivation gross churn", full, "gross_mrr_churn", exact(lambda: D(25) / 1000)),
        mv("mrr with reactivation net churn is negative", full, "net_mrr_churn", exact(lambda: D(25 - 50) / 1000)),
        mv("mrr with reactivation NRR", full, "net_revenue_retention", exact(lambda: D(1025) / 1000)),
        mv("mrr with reactivation GRR", full, "gross_revenue_retention", exact(lambda: D(975) / 1000)),
        mv("mrr with reactivation quick ratio", full, "quick_ratio", D(4)),
        mv("mrr with reactivation ending", full, "ending_mrr", D(1075)),
        mv("mrr quick ratio thirds", {"starting_mrr": "500", "new": "100", "churned": "30"}, "quick_ratio",
           approx(lambda: D(100) / 30), 20),
        mv("mrr GRR is 1 with no losses", {"starting_mrr": "500", "expansion": "100"}, "gross_revenue_retention",
           D(1)),
        mv("mrr everything lost", {"starting_mrr": "500", "churned": "400", "contraction": "100"},
           "gross_revenue_retention", D(0)),
        mv("mrr ending with zero start", {"starting_mrr": "0", "new": "100"}, "ending_mrr", D(100)),
        err("mrr quick ratio with no loss", "MrrMovements.quick_ratio", {"starting_mrr": "100", "new": "10"},
            "undefined", "quick_ratio", msg_undefined("quick_ratio", "no MRR was lost (churned + contraction = 0)")),
        err("mrr gross churn with zero start", "MrrMovements.gross_mrr_churn", {"starting_mrr": "0", "new": "10"},
            "undefined", "gross_mrr_churn", msg_undefined("gross_mrr_churn", "starting_mrr is 0")),
        err("mrr NRR with zero start", "MrrMovements.net_revenue_retention", {"starting_mrr": "0"},
            "undefined", "net_revenue_retention", msg_undefined("net_revenue_retention", "starting_mrr is 0")),
        err("mrr losses above start", "MrrMovements.net_mrr_churn",
            {"starting_mrr": "100", "churned": "80", "contraction": "40"}, "invalid_input", "churned + contraction",
            msg_invalid("churned + contraction", "120",
                        "at most starting_mrr (a period cannot lose more MRR than it started with)")),
        err("mrr negative expansion", "MrrMovements.net_mrr_churn", {"starting_mrr": "100", "expansion": "-10"},
            "invalid_input", "expansion", msg_invalid("expansion", "-10", NON_NEG)),
        err("mrr negative start", "MrrMovements.ending_mrr", {"starting_mrr": "-100"},
            "invalid_input", "starting_mrr", msg_invalid("starting_mrr", "-100", NON_NEG)),
        err("mrr ending overflow", "MrrMovements.ending_mrr", {"starting_mrr": DECIMAL_MAX, "new": DECIMAL_MAX},
            "overflow", "ending_mrr", msg_overflow("ending_mrr")),
    ]
    f = "logo_churn_rate"
    cases += [
        ok("logo churn worked example 6 / 200", f, {"customers_at_start": 200, "customers_lost": 6}, D("0.03")),
        ok("logo churn none lost", f, {"customers_at_start": 200, "customers_lost": 0}, D(0)),
        ok("logo churn all lost", f, {"customers_at_start": 200, "customers_lost": 200}, D(1)),
        ok("logo churn 3 of 7", f, {"customers_at_start": 7, "customers_lost": 3}, approx(lambda: D(3) / 7), 20),
        err("logo churn no customers", f, {"customers_at_start": 0, "customers_lost": 0}, "undefined",
            "logo_churn_rate", msg_undefined("logo_churn_rate", "customers_at_start is 0")),
        err("logo churn more lost than there were", f, {"customers_at_start": 6, "customers_lost": 7},
            "invalid_input", "customers_lost", msg_invalid("customers_lost", "7", "at most customers_at_start")),
    ]
    write("mrr", "MRR movements (gross and net MRR churn, NRR, GRR, quick ratio, ending MRR; reactivation counts "
          "as a gain) and logo churn rate. Expected values computed with Python decimal at 40 digits by "
          "tests/vectors/generate.py.", cases)


def quantities():
    """Validation of the input types, through the functions that take them."""
    cases = [
        ok("fraction 1 is allowed", "lead_ltv", {"customer_ltv": "100", "conversion_rate": "1"}, D(100)),
        ok("fraction 0 is allowed", "lead_ltv", {"customer_ltv": "100", "conversion_rate": "0"}, D(0)),
        ok("fraction with 28 decimals", "lead_ltv",
           {"customer_ltv": "1", "conversion_rate": "0.0000000000000000000000000001"},
           D("0.0000000000000000000000000001")),
        err("fraction just above 1 suggests a percent", "lead_ltv",
            {"customer_ltv": "100", "conversion_rate": "1.5"}, "invalid_input", "conversion_rate",
            msg_invalid("conversion_rate", "1.5", FRACTION, "0.015")),
        err("fraction 100 suggests 1", "lead_ltv", {"customer_ltv": "100", "conversion_rate": "100"},
            "invalid_input", "conversion_rate", msg_invalid("conversion_rate", "100", FRACTION, "1")),
        err("fraction above 100 has no suggestion", "lead_ltv", {"customer_ltv": "100", "conversion_rate": "100.5"},
            "invalid_input", "conversion_rate", msg_invalid("conversion_rate", "100.5", FRACTION)),
        err("fraction keeps the scale it was written with", "lead_ltv",
            {"customer_ltv": "100", "conversion_rate": "80.0"}, "invalid_input", "conversion_rate",
            msg_invalid("conversion_rate", "80.0", FRACTION, "0.8"),
            note="the suggestion is value / 100 as rust_decimal divides and prints it: 80 / 100 is 0.80 but "
                 "80.0 / 100 is 0.8 (Python's decimal would print 0.800); bindings must relay the Rust message"),
        err("fraction slightly negative", "lead_ltv",
            {"customer_ltv": "100", "conversion_rate": "-0.0000000000000000000000000001"},
            "invalid_input", "conversion_rate",
            msg_invalid("conversion_rate", "-0.0000000000000000000000000001", FRACTION)),
        ok("money 0 is allowed", "lead_ltv", {"customer_ltv": "0", "conversion_rate": "0.5"}, D(0)),
        ok("money largest decimal is allowed", "lead_ltv", {"customer_ltv": DECIMAL_MAX, "conversion_rate": "1"},
           D(DECIMAL_MAX)),
        err("money smallest negative", "lead_ltv",
            {"customer_ltv": "-0.0000000000000000000000000001", "conversion_rate": "0.5"}, "invalid_input",
            "customer_ltv", msg_invalid("customer_ltv", "-0.0000000000000000000000000001", NON_NEG)),
        err("money most negative decimal", "lead_ltv",
            {"customer_ltv": "-" + DECIMAL_MAX, "conversion_rate": "0.5"}, "invalid_input",
            "customer_ltv", msg_invalid("customer_ltv", "-" + DECIMAL_MAX, NON_NEG)),
        err("money negative infinity", "lead_ltv", {"customer_ltv": "-inf", "conversion_rate": "0.5"},
            "not_finite", "customer_ltv", msg_not_finite("customer_ltv", "-inf"), f64_only=True),
        ok("churn 1 is allowed", "lifespan_from_churn", {"monthly_churn": "1"}, D(1)),
        err("churn just above 1", "lifespan_from_churn", {"monthly_churn": "1.0000000000000000000000000001"},
            "invalid_input", "monthly_churn", decimal_only=True,
            note="no message: value / 100 needs 30 decimals, and the suggestion's rounding is rust_decimal's. "
                 "Decimal only: as a float the input is exactly 1, a valid churn"),
        ok("net revenue churn -1 is allowed", "discounted_ltv",
           {"monthly_margin": "1", "monthly_churn": "-1", "churn_basis": "net_revenue",
            "monthly_discount_rate": "1", "horizon_months": 12}, D(12),
           note="retention 2 against a 100 % monthly discount rate, one year: every payment is worth 1"),
        err("net revenue churn below -1", "discounted_ltv",
            {"monthly_margin": "1", "monthly_churn": "-1.01", "churn_basis": "net_revenue",
             "monthly_discount_rate": "0.5", "horizon_months": 12},
            "invalid_input", "monthly_churn", msg_invalid("monthly_churn", "-1.01", NET_CHURN)),
        err("net revenue churn typed as percent", "discounted_ltv",
            {"monthly_margin": "1", "monthly_churn": "2", "churn_basis": "net_revenue",
             "monthly_discount_rate": "0.5"},
            "invalid_input", "monthly_churn", msg_invalid("monthly_churn", "2", NET_CHURN, "0.02")),
        ok("discount rate 1 is allowed", "annual_to_monthly_rate", {"annual_rate": "1"},
           twelfth_root(D(2)) - 1, 15),
        err("discount rate just above 1", "annual_to_monthly_rate", {"annual_rate": "1.01"}, "invalid_input",
            "annual_rate", msg_invalid("annual_rate", "1.01", DISCOUNT, "0.0101")),
        err("months NaN", "subscription_ltv", {"average_monthly_revenue": "1", "lifespan_months": "NaN"},
            "not_finite", "lifespan_months", msg_not_finite("lifespan_months", "NaN"), f64_only=True),
        err("days infinite", "is_zombie", {"days_since_engagement": "inf"}, "not_finite", "days_since_engagement",
            msg_not_finite("days_since_engagement", "inf"), f64_only=True),
        err("ratio negative has no suggestion", "max_cac", {"ltv": "100", "target_ratio": "-0.5"},
            "invalid_input", "target_ratio", msg_invalid("target_ratio", "-0.5", POSITIVE)),
        ok("ratio tiny is allowed", "max_cac", {"ltv": "1", "target_ratio": "0.5"}, D(2)),
    ]
    write("quantities", "Validation of the input types (Money >= 0, Fraction in [0, 1] with a percent suggestion "
          "for values in (1, 100], Churn, DiscountRate, Months, Days, Ratio > 0) through the functions that take "
          "them, including the Decimal extremes and non-finite floats (f64_only). Error messages print values "
          "as the Rust Decimal writes them (80.0 / 100 is 0.800).", cases)


def main():
    saas()
    subscription()
    purchase()
    discounted()
    retention()
    ltv_cac()
    payback()
    lead()
    mrr()
    quantities()


if __name__ == "__main__":
    main()

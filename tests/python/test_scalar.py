"""The exact scalar API: input conversion, keyword-only calls, errors, result classes, worked examples."""

from __future__ import annotations

import inspect
from decimal import Decimal
from typing import Any, Callable

import numpy as np
import pytest

import ltv

D = Decimal
CENT = D("0.01")

ERROR_CLASSES = [
    ltv.InvalidInputError,
    ltv.ZeroChurnError,
    ltv.NegativeNetChurnError,
    ltv.DivergenceError,
    ltv.NotFiniteError,
    ltv.LtvOverflowError,
    ltv.UndefinedError,
]

FUNCTIONS = sorted(
    name for name in ltv.__all__ if callable(getattr(ltv, name)) and not isinstance(getattr(ltv, name), type)
)


def converted(x: Any) -> Decimal:
    """How the binding reads one input: ``MrrMovements.starting_mrr`` hands it back untouched."""
    return ltv.MrrMovements(starting_mrr=x).starting_mrr


# ---------------------------------------------------------------------------------------------------------
# Input conversion.


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (500, D("500")),
        (0, D("0")),
        (2**96 - 1, D("79228162514264337593543950335")),  # the largest Decimal
        (0.03, D("0.03")),  # a float goes through its shortest repr, not its binary value
        (0.1, D("0.1")),
        (1234.1, D("1234.1")),
        (1e22, D("1E+22")),
        (1e-7, D("1E-7")),
        (2.5, D("2.5")),
        ("0.03", D("0.03")),
        (" 12 ", D("12")),
        ("1.5e3", D("1500")),
        ("+7", D("7")),
        (D("0.03"), D("0.03")),
        (D("1E+3"), D("1000")),
        (D("0.1234567890123456789012345678"), D("0.1234567890123456789012345678")),  # 28 places, exact
        (np.float64(0.03), D("0.03")),
        (np.float32(0.25), D("0.25")),
        (np.int64(7), D("7")),
        (np.uint8(200), D("200")),
    ],
)
def test_accepted_inputs(value: Any, expected: Decimal) -> None:
    result = converted(value)
    assert type(result) is Decimal
    assert result == expected


def test_float_goes_through_shortest_repr_exactly() -> None:
    assert str(converted(0.03)) == "0.03"
    assert converted(0.03) == D("0.03") != D(0.03)  # not the binary 0.0299999999999999988897769753748...
    assert str(ltv.lead_ltv(customer_ltv=0.1, conversion_rate=1)) == "0.1"
    assert str(converted(np.float64(0.03))) == "0.03"  # a float subclass with its own repr


def test_trailing_zeros_are_kept() -> None:
    assert str(converted(D("0.80"))) == "0.80"
    assert str(converted("0.00")) == "0.00"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("2.5E-28"), D("2E-28")),  # finer than 28 places: rounded to 28 places, half to even
        (D("3.5E-28"), D("4E-28")),
        (1.5e-28, D("2E-28")),
        (D("0.12345678901234567890123456785"), D("0.1234567890123456789012345678")),
        (D("0.12345678901234567890123456786"), D("0.1234567890123456789012345679")),
    ],
)
def test_rounds_past_28_places_half_to_even(value: Any, expected: Decimal) -> None:
    result = converted(value)
    assert result == expected
    assert result.as_tuple().exponent == -28


@pytest.mark.parametrize("value", [1.77e-34, "1.77e-34", -5e-324, 5e-324, D("5E-29"), D("-4E-29"), "1e-999999"])
def test_a_nonzero_value_that_would_round_to_zero_is_refused_showing_the_value(value: Any) -> None:
    # Valued as 0 it would be a wrong number (5e-324 is no churn of 0) or hide a sign (-5e-324 >= 0).
    with pytest.raises(ltv.InvalidInputError) as info:
        converted(value)
    assert info.value.value == str(value)
    assert "0, or a magnitude above 5e-29" in str(info.value)
    with pytest.raises(ltv.InvalidInputError) as churn:
        ltv.saas_ltv(arpu=5, gross_margin=0.5, monthly_churn=value)
    assert (churn.value.field, churn.value.value) == ("monthly_churn", str(value))


def test_zero_keeps_its_places_and_the_smallest_step_is_kept() -> None:
    assert converted(0.0) == 0 and converted(-0.0) == 0
    assert converted(D("5.1E-29")) == D("1E-28")


def test_too_many_significant_digits_round_to_what_fits() -> None:
    # Decimal(1234.1) is the float's exact binary value, 46 significant digits: more than a Decimal holds,
    # but well inside its range. It rounds (half to even) to the most places that fit, not an overflow.
    exact_binary = D(1234.1)
    result = converted(exact_binary)
    assert result == D("1234.0999999999999090505298227")
    assert abs(result - exact_binary) < D("1E-25")


@pytest.mark.parametrize("value", [10**29, 2**96, "1e29", D("1E+29"), "1e999999999999999999999"])
def test_more_than_28_integer_digits_overflow(value: Any) -> None:
    with pytest.raises(ltv.LtvOverflowError) as info:
        ltv.saas_ltv(arpu=value, gross_margin=0.8, monthly_churn=0.03)
    err = info.value
    assert (err.field, err.kind, err.value) == ("arpu", "overflow", None)
    assert str(err).startswith("arpu: the result overflows the number range")


@pytest.mark.parametrize("value", [True, False, None, np.bool_(True)])
def test_bool_and_none_are_type_errors_naming_the_field(value: Any) -> None:
    with pytest.raises(TypeError, match=r"^gross_margin: expected a number \(int, float, str or decimal.Decimal\)"):
        ltv.saas_ltv(arpu=500, gross_margin=value, monthly_churn=0.03)


@pytest.mark.parametrize("value", [[1], (1,), {"a": 1}, 1 + 2j, object(), b"1"])
def test_other_types_are_type_errors(value: Any) -> None:
    with pytest.raises(TypeError, match="^arpu: expected a number"):
        ltv.saas_ltv(arpu=value, gross_margin=0.8, monthly_churn=0.03)


def test_optional_inputs_may_be_none() -> None:
    assert ltv.purchase_ltv(average_purchase_value=50, purchase_frequency=4, customer_lifespan=5, gross_margin=None) == 1000
    assert ltv.ltv_cac_ratio(ltv=12000, cac=4000, healthy_min=None) == ltv.ltv_cac_ratio(ltv=12000, cac=4000)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (float("nan"), "NaN"),
        (float("inf"), "inf"),
        (float("-inf"), "-inf"),
        (np.float64("nan"), "NaN"),
        (D("NaN"), "NaN"),
        (D("sNaN"), "sNaN"),
        (D("Infinity"), "Infinity"),
        (D("-Infinity"), "-Infinity"),
        ("nan", "nan"),
        ("inf", "inf"),
    ],
)
def test_non_finite_inputs(value: Any, shown: str) -> None:
    with pytest.raises(ltv.NotFiniteError) as info:
        ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=value)
    err = info.value
    assert (err.field, err.kind, err.value, err.row) == ("monthly_churn", "not_finite", shown, None)
    assert str(err) == f"monthly_churn = {shown} is not a finite number"


@pytest.mark.parametrize("text", ["abc", "", "1_000", "1.2.3", ".", "1e", "0x10", "--1"])
def test_malformed_strings(text: str) -> None:
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.saas_ltv(arpu=text, gross_margin=0.8, monthly_churn=0.03)
    assert info.value.field == "arpu"
    assert "expected a decimal number" in str(info.value)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda v: ltv.campaign_value(leads=v, lead_ltv=50), "leads"),
        (lambda v: ltv.logo_churn_rate(customers_at_start=v, customers_lost=0), "customers_at_start"),
        (lambda v: ltv.logo_churn_rate(customers_at_start=10, customers_lost=v), "customers_lost"),
        (
            lambda v: ltv.discounted_ltv(monthly_margin=80, monthly_churn=0.05, monthly_discount_rate=0.01, horizon_months=v),
            "horizon_months",
        ),
        (lambda v: ltv.retention_cltv(revenue=1, gross_margin=1, retention=0.5, discount_rate=0.1, periods=v), "periods"),
    ],
)
def test_counts_are_whole_numbers(call: Callable[[Any], Any], field: str) -> None:
    """Counts (leads, customers, months of horizon, periods) are ints from 0 to 2^32 - 1, named in errors."""
    for bad in (-1, 2**32, 10**40):
        with pytest.raises(ltv.InvalidInputError) as info:
            call(bad)
        err = info.value
        assert (err.field, err.kind, err.value, err.row) == (field, "invalid_input", str(bad), None)
        assert str(err) == f"{field} = {bad} is out of range: expected a whole number from 0 to 4294967295"
    for bad in (True, 2.0, 1.5, "2", D("2"), np.float64(2.0), np.bool_(True)):
        with pytest.raises(TypeError, match=f"^{field}: expected a whole number \\(int\\), got "):
            call(bad)
    # Any integer type counts: numpy's too.
    assert call(2) == call(np.int64(2)) == call(np.uint8(2)) == call(np.int32(2))


# ---------------------------------------------------------------------------------------------------------
# Keyword-only calls.


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_function_is_keyword_only(name: str) -> None:
    fn = getattr(ltv, name)
    params = list(inspect.signature(fn).parameters.values())
    assert params, name
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params), (name, params)
    with pytest.raises(TypeError):
        fn(*([1] * len(params)))


TABLE_FUNCTIONS = [
    *(getattr(ltv.frame, name) for name in ltv.frame.__all__),
    ltv.cohort.cohort_table,
    ltv.retention.cohort_ltv_frame,
    ltv.leads.segment_table,
    ltv.leads.compare_campaigns,
    ltv.leads.lead_cohorts,
    ltv.scoring.train_test_split,
]


@pytest.mark.parametrize("fn", TABLE_FUNCTIONS, ids=lambda fn: f"{fn.__module__}.{fn.__name__}")
def test_table_functions_take_the_table_and_then_keywords(fn: Callable[..., Any]) -> None:
    """A function over a whole table lives in its module (not the top level) and takes the table, then keywords."""
    first, *rest = inspect.signature(fn).parameters.values()
    assert first.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD, (fn, first)
    assert rest and all(p.kind in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.VAR_KEYWORD) for p in rest), (fn, rest)
    assert fn.__name__ not in ltv.__all__ or getattr(ltv, fn.__name__) is not fn


def test_positional_calls_are_type_errors() -> None:
    with pytest.raises(TypeError):
        ltv.saas_ltv(500, 0.8, 0.03)  # type: ignore[misc]
    with pytest.raises(TypeError):
        ltv.MrrMovements(100)  # type: ignore[misc]
    with pytest.raises(TypeError):
        ltv.saas_ltv(arpu=500, gross_margin=0.8)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03, churn=0.03)  # type: ignore[call-arg]


# ---------------------------------------------------------------------------------------------------------
# Errors.


@pytest.mark.parametrize("cls", ERROR_CLASSES)
def test_error_hierarchy(cls: type) -> None:
    assert issubclass(cls, ltv.LtvError)
    assert issubclass(cls, ValueError)
    assert cls.__module__ == "ltv"
    assert getattr(ltv, cls.__name__) is cls
    assert cls.__doc__


def test_ltv_error_is_a_value_error() -> None:
    assert issubclass(ltv.LtvError, ValueError)
    with pytest.raises(ValueError):
        ltv.saas_ltv(arpu=500, gross_margin=80, monthly_churn=0.03)


@pytest.mark.parametrize(
    ("call", "cls", "field", "value", "kind"),
    [
        (lambda: ltv.saas_ltv(arpu=500, gross_margin=80, monthly_churn=0.03), ltv.InvalidInputError, "gross_margin", "80", "invalid_input"),
        (lambda: ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0), ltv.ZeroChurnError, "monthly_churn", "0", "zero_churn"),
        (
            lambda: ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=-0.01, churn_basis="net_revenue"),
            ltv.NegativeNetChurnError,
            "monthly_churn",
            "-0.01",
            "negative_net_churn",
        ),
        (
            lambda: ltv.discounted_ltv(monthly_margin=80, monthly_churn=-0.02, monthly_discount_rate=0.01, churn_basis="net_revenue"),
            ltv.DivergenceError,
            "monthly_churn",
            "-0.02",
            "divergent",
        ),
        (lambda: ltv.lead_ltv(customer_ltv=float("nan"), conversion_rate=0.1), ltv.NotFiniteError, "customer_ltv", "NaN", "not_finite"),
        (lambda: ltv.campaign_value(leads=2, lead_ltv=2**96 - 1), ltv.LtvOverflowError, "campaign_value", None, "overflow"),
        (lambda: ltv.MrrMovements(starting_mrr=100).quick_ratio(), ltv.UndefinedError, "quick_ratio", None, "undefined"),
    ],
)
def test_error_attributes(call: Callable[[], Any], cls: type, field: str, value: Any, kind: str) -> None:
    with pytest.raises(ltv.LtvError) as info:
        call()
    err = info.value
    assert type(err) is cls
    assert err.field == field
    assert err.value == value
    assert err.kind == kind
    assert err.row is None
    assert err.args == (str(err),)


def test_error_messages_say_what_is_allowed() -> None:
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.saas_ltv(arpu=500, gross_margin=80, monthly_churn=0.03)
    assert str(info.value) == "gross_margin = 80 is out of range: expected a fraction in [0, 1]; did you mean 0.80?"
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=3)
    assert str(info.value) == "monthly_churn = 3 is out of range: expected a churn rate in [0, 1]; did you mean 0.03?"
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.saas_ltv(arpu=-1, gross_margin=0.8, monthly_churn=0.03)
    assert str(info.value) == "arpu = -1 is out of range: expected a value >= 0"


@pytest.mark.parametrize(
    ("kwargs", "field", "value"),
    [
        ({"churn_basis": "revenue"}, "churn_basis", "'revenue'"),
        ({"timing": "end"}, "timing", "'end'"),
    ],
)
def test_unknown_options_are_invalid_input(kwargs: dict[str, str], field: str, value: str) -> None:
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.discounted_ltv(monthly_margin=80, monthly_churn=0.05, annual_discount_rate=0.1, **kwargs)  # type: ignore[arg-type]
    assert (info.value.field, info.value.value) == (field, value)
    with pytest.raises(ltv.InvalidInputError, match="^period = 'weekly' is out of range"):
        ltv.retention_cltv(revenue=1, gross_margin=1, retention=0.5, discount_rate=0.1, periods=3, period="weekly")


def test_discounted_ltv_needs_exactly_one_rate() -> None:
    with pytest.raises(TypeError, match="exactly one of annual_discount_rate and monthly_discount_rate"):
        ltv.discounted_ltv(monthly_margin=80, monthly_churn=0.05)
    with pytest.raises(TypeError, match="exactly one"):
        ltv.discounted_ltv(monthly_margin=80, monthly_churn=0.05, annual_discount_rate=0.1, monthly_discount_rate=0.01)


# ---------------------------------------------------------------------------------------------------------
# Result classes.


def test_ltv_cac_ratio_class() -> None:
    r = ltv.ltv_cac_ratio(ltv=12000, cac=4000)
    assert (r.ratio, r.band, r.healthy_min, r.healthy_max) == (D(3), "healthy", D(3), D(5))
    assert all(type(x) is Decimal for x in (r.ratio, r.healthy_min, r.healthy_max))
    assert repr(r) == "LtvCacRatio(ratio=3, band='healthy', healthy_min=3, healthy_max=5)"
    assert r.to_dict() == {"ratio": D(3), "band": "healthy", "healthy_min": D(3), "healthy_max": D(5)}
    html = r._repr_html_()
    assert html.startswith("<table>") and html.endswith("</table>")
    assert "LTV:CAC" in html and "3:1" in html and "healthy" in html and "3 to 5" in html
    thirds = ltv.ltv_cac_ratio(ltv=10000, cac=3000)
    assert repr(thirds) == "LtvCacRatio(ratio=3.3333, band='healthy', healthy_min=3, healthy_max=5)"
    assert thirds.ratio == D("3.3333333333333333333333333333")
    assert ltv.ltv_cac_ratio(ltv=8000, cac=4000).band == "overspending"
    assert ltv.ltv_cac_ratio(ltv=24000, cac=4000).band == "under_investing"
    custom = ltv.ltv_cac_ratio(ltv=18000, cac=4000, healthy_min=2, healthy_max=4)
    assert (custom.band, custom.healthy_min, custom.healthy_max) == ("under_investing", D(2), D(4))


def test_cac_payback_class() -> None:
    p = ltv.cac_payback_months(cac=770000, arpu=100000, gross_margin=D("0.7"))
    assert (p.months, p.target_months, p.meets_target) == (D(11), D(18), True)
    assert type(p.months) is Decimal and type(p.meets_target) is bool
    assert repr(p) == f"CacPayback(months={p.months}, target_months=18, meets_target=True)"
    assert p.to_dict() == {"months": D(11), "target_months": D(18), "meets_target": True}
    html = p._repr_html_()
    assert "CAC payback" in html and "18 months" in html and ">yes<" in html
    missed = ltv.cac_payback_months(cac=770000, arpu=50000, gross_margin=0.7, target_months=12)
    assert (missed.months, missed.meets_target) == (D(22), False)
    assert "meets_target=False" in repr(missed) and ">no<" in missed._repr_html_()


def test_mrr_movements_class() -> None:
    mv = ltv.MrrMovements(starting_mrr=100, new=5, expansion=10, contraction=10, churned=10, reactivation=2)
    assert (mv.starting_mrr, mv.new, mv.expansion, mv.contraction, mv.churned, mv.reactivation) == (
        D(100), D(5), D(10), D(10), D(10), D(2)
    )
    assert repr(mv) == "MrrMovements(starting_mrr=100, new=5, expansion=10, contraction=10, churned=10, reactivation=2)"
    assert mv.to_dict() == {
        "starting_mrr": D(100),
        "new": D(5),
        "expansion": D(10),
        "contraction": D(10),
        "churned": D(10),
        "reactivation": D(2),
    }
    assert mv.ending_mrr() == D(97)  # 100 + 5 + 10 + 2 - 10 - 10
    assert mv.gross_mrr_churn() == D("0.20")
    assert mv.net_mrr_churn() == D("0.08")  # (10 + 10 - 10 - 2) / 100
    assert mv.net_revenue_retention() == D("0.92")
    assert mv.gross_revenue_retention() == D("0.80")
    assert mv.quick_ratio() == D("0.85")  # (5 + 10 + 2) / (10 + 10)
    html = mv._repr_html_()
    for text in ("MRR movements", "20.00 %", "8.00 %", "92.00 %", "80.00 %", "0.85"):
        assert text in html, text


def test_mrr_movements_defaults_and_errors() -> None:
    mv = ltv.MrrMovements(starting_mrr=100)
    assert (mv.new, mv.expansion, mv.contraction, mv.churned, mv.reactivation) == (0, 0, 0, 0, 0)
    assert mv.ending_mrr() == 100 and mv.net_revenue_retention() == 1
    with pytest.raises(ltv.UndefinedError, match="no MRR was lost"):
        mv.quick_ratio()
    assert "undefined" in mv._repr_html_()
    empty = ltv.MrrMovements(starting_mrr=0, new=10)
    for metric in (empty.gross_mrr_churn, empty.net_mrr_churn, empty.net_revenue_retention, empty.gross_revenue_retention):
        with pytest.raises(ltv.UndefinedError) as info:
            metric()
        assert info.value.field == metric.__name__
        assert str(info.value) == f"{metric.__name__} is undefined: starting_mrr is 0"
    assert empty.ending_mrr() == 10
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.MrrMovements(starting_mrr=100, churned=60, contraction=50)
    assert (info.value.field, info.value.value) == ("churned + contraction", "110")
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.MrrMovements(starting_mrr=100, new=-1)
    assert info.value.field == "new"


def test_net_negative_churn_mrr() -> None:
    mv = ltv.MrrMovements(starting_mrr=1000, expansion=150, churned=30, contraction=20)
    assert mv.net_mrr_churn() == D("-0.1")
    assert mv.net_revenue_retention() == D("1.1")
    assert mv.gross_revenue_retention() == D("0.95")
    assert mv.quick_ratio() == D(3)


@pytest.mark.parametrize(
    "make",
    [
        lambda: ltv.ltv_cac_ratio(ltv=12000, cac=4000),
        lambda: ltv.cac_payback_months(cac=770000, arpu=100000, gross_margin=0.7),
        lambda: ltv.MrrMovements(starting_mrr=100, churned=10),
    ],
)
def test_result_classes_are_immutable_values(make: Callable[[], Any]) -> None:
    a, b = make(), make()
    assert a == b and not (a != b)
    assert a is not b
    assert a != object() and a != None  # noqa: E711
    for name in a.to_dict():
        with pytest.raises(AttributeError):
            setattr(a, name, 1)
    with pytest.raises(AttributeError):
        a.some_new_attribute = 1
    assert a == b


def test_result_class_equality_is_by_value() -> None:
    assert ltv.ltv_cac_ratio(ltv=12000, cac=4000) == ltv.ltv_cac_ratio(ltv="12000.00", cac="4000")
    assert ltv.ltv_cac_ratio(ltv=12000, cac=4000) != ltv.ltv_cac_ratio(ltv=12000, cac=4000, healthy_max=6)
    assert ltv.ltv_cac_ratio(ltv=12000, cac=4000) != ltv.ltv_cac_ratio(ltv=12001, cac=4000)
    assert ltv.MrrMovements(starting_mrr=100) == ltv.MrrMovements(starting_mrr=D("100.0"))
    assert ltv.MrrMovements(starting_mrr=100) != ltv.MrrMovements(starting_mrr=100, new=1)
    assert ltv.cac_payback_months(cac=1, arpu=1, gross_margin=1) != ltv.cac_payback_months(
        cac=1, arpu=1, gross_margin=1, target_months=12
    )


def test_result_classes_cannot_be_built_directly() -> None:
    with pytest.raises(TypeError):
        ltv.LtvCacRatio()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ltv.CacPayback()  # type: ignore[call-arg]


# ---------------------------------------------------------------------------------------------------------
# Worked examples: exact Decimal results.


def test_saas_worked_example() -> None:
    ltv_500 = ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03)
    assert ltv_500 == D("13333.333333333333333333333333")
    assert ltv_500.quantize(CENT) == D("13333.33")
    halved = ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.015)
    assert halved == D("26666.666666666666666666666667")
    assert halved.quantize(CENT) == D("26666.67")


def test_discounted_worked_examples() -> None:
    def at(timing: str) -> Decimal:
        return ltv.discounted_ltv(monthly_margin=80, monthly_churn=0.05, annual_discount_rate=0.1, timing=timing)

    assert at("start_of_period").quantize(CENT) == D("1390.93")
    assert at("end_of_period").quantize(CENT) == D("1379.93")
    assert at("end_of_period_survivors").quantize(CENT) == D("1310.93")
    assert ltv.discounted_ltv(monthly_margin=80, monthly_churn=0.05, annual_discount_rate=0.1) == at("start_of_period")
    # 10 %/yr compounds to 0.797414 %/month, not 0.10 / 12.
    assert ltv.annual_to_monthly_rate(annual_rate=0.1).quantize(D("1E-8")) == D("0.00797414")


def test_net_revenue_retention_needs_a_horizon() -> None:
    # NRR of 120 %/yr is net revenue churn of -20 %/yr: it outgrows a 10 %/yr discount rate.
    monthly = ltv.monthly_churn_from_annual(annual_churn=-0.2, churn_basis="net_revenue")
    assert monthly.quantize(D("1E-10")) == D("-0.0153094705")
    five_years = ltv.discounted_ltv(
        monthly_margin=80,
        monthly_churn=monthly,
        annual_discount_rate=0.1,
        horizon_months=60,
        churn_basis="net_revenue",
    )
    assert five_years.quantize(CENT) == D("5991.79")
    with pytest.raises(ltv.DivergenceError) as info:
        ltv.discounted_ltv(monthly_margin=80, monthly_churn=monthly, annual_discount_rate=0.1, churn_basis="net_revenue")
    assert info.value.field == "monthly_churn"
    assert "horizon_months" in str(info.value)
    with pytest.raises(ltv.NegativeNetChurnError):
        ltv.saas_ltv(arpu=100, gross_margin=0.8, monthly_churn=monthly, churn_basis="net_revenue")
    with pytest.raises(ltv.InvalidInputError):
        ltv.monthly_churn_from_annual(annual_churn=-0.2)  # logo churn cannot be negative


def test_discounted_subscription_example() -> None:
    # (18.45 - 0.50) x 1.01 / (1.01 - 0.995) = 1,208.63
    value = ltv.discounted_ltv(monthly_margin=D("18.45") - D("0.50"), monthly_churn=0.005, monthly_discount_rate=0.01)
    assert value == D("1208.6333333333333333333333333")
    assert value.quantize(CENT) == D("1208.63")


def test_unit_economics_examples() -> None:
    saas = ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03)
    assert ltv.max_cac(ltv=saas).quantize(CENT) == D("4444.44")
    assert ltv.max_cac(ltv=saas, target_ratio=3) == ltv.max_cac(ltv=saas)
    ratio = ltv.ltv_cac_ratio(ltv=saas, cac=ltv.max_cac(ltv=saas))
    assert ratio.ratio == 3 and ratio.band == "healthy"
    payback = ltv.cac_payback_months(cac=770000, arpu=100000, gross_margin=0.7)
    assert payback.months == 11 and payback.target_months == 18 and payback.meets_target is True
    assert ltv.cac_payback_months(cac=770000, arpu=100000, gross_margin=0.7, target_months=10).meets_target is False


def test_lead_examples() -> None:
    assert ltv.lead_ltv(customer_ltv=20000, conversion_rate=0.05) == D(1000)
    assert ltv.lead_ltv(customer_ltv=50000, conversion_rate=0.03) == D(1500)
    assert ltv.net_lead_ltv(customer_ltv=50000, conversion_rate=0.03, cac=300, nurture_cost=100, time_factor=1.5) == D(900)
    assert ltv.present_value_lead_ltv(customer_ltv=50000, conversion_rate=0.03, months_to_close=6) == D(1500)
    late = ltv.present_value_lead_ltv(customer_ltv=50000, conversion_rate=0.03, months_to_close=24)
    assert late.quantize(CENT) == D("1239.67")  # 1,500 / 1.1^2
    assert ltv.bid_cap(lead_ltv=1500) == D(500)


def test_campaign_value_ranks_by_value_not_lead_count() -> None:
    many_cheap = ltv.campaign_value(leads=100, lead_ltv=50)
    few_valuable = ltv.campaign_value(leads=20, lead_ltv=500)
    assert (many_cheap, few_valuable) == (D(5000), D(10000))
    assert many_cheap < few_valuable


def test_zombie_leads() -> None:
    assert ltv.is_zombie(days_since_engagement=180) is True
    assert ltv.is_zombie(days_since_engagement=179) is False
    assert ltv.is_zombie(days_since_engagement=90, zombie_after_days=90) is True
    common = {"customer_ltv": 20000, "conversion_probability": 0.05, "months_to_close": 3}
    assert ltv.lead_value(**common, days_since_engagement=30) == D(1000)
    assert ltv.lead_value(**common, days_since_engagement=180) == D(0)
    assert ltv.lead_value(**common, days_since_engagement=180, zombie_after_days=365) == D(1000)


def test_other_formulas() -> None:
    assert ltv.purchase_ltv(average_purchase_value=50, purchase_frequency=4, customer_lifespan=5) == D(1000)
    assert ltv.purchase_ltv(average_purchase_value=50, purchase_frequency=4, customer_lifespan=5, gross_margin=0.3) == D(300)
    assert ltv.subscription_ltv(average_monthly_revenue=1000, lifespan_months=24) == D(24000)
    assert ltv.lifespan_from_churn(monthly_churn=0.05) == D(20)
    assert ltv.monthly_churn_from_annual(annual_churn=0.3).quantize(D("1E-6")) == D("0.029286")
    assert ltv.logo_churn_rate(customers_at_start=200, customers_lost=6) == D("0.03")
    cltv = ltv.retention_cltv(revenue=1000, gross_margin=0.3, retention=0.8, discount_rate=0.1, periods=3)
    assert cltv.quantize(CENT) == D("676.86")  # 300 x (1 + 0.8 / 1.1 + 0.64 / 1.21)


def test_results_are_decimals() -> None:
    for value in (
        ltv.saas_ltv(arpu=500, gross_margin=0.8, monthly_churn=0.03),
        ltv.lifespan_from_churn(monthly_churn=0.05),
        ltv.annual_to_monthly_rate(annual_rate=0.1),
        ltv.campaign_value(leads=3, lead_ltv="33.33"),
        ltv.logo_churn_rate(customers_at_start=7, customers_lost=3),
    ):
        assert type(value) is Decimal


def test_result_classes_hash_consistently_with_equality() -> None:
    a = ltv.ltv_cac_ratio(ltv="3000", cac="1000")
    b = ltv.ltv_cac_ratio(ltv=Decimal("3000"), cac=1000)
    assert a == b and hash(a) == hash(b)
    assert len({a, b, ltv.ltv_cac_ratio(ltv="5000", cac="1000")}) == 2
    p = ltv.cac_payback_months(cac="1000", arpu="100", gross_margin="0.5")
    assert hash(p) == hash(ltv.cac_payback_months(cac="1000", arpu="100", gross_margin="0.5"))
    m = ltv.MrrMovements(starting_mrr="100", churned="10")
    assert {m: 1}[ltv.MrrMovements(starting_mrr="100", churned="10")] == 1


def test_errors_carry_a_label_attribute_that_is_none_for_non_pandas_input() -> None:
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.saas_ltv(arpu="100", gross_margin="80", monthly_churn="0.03")
    assert info.value.label is None

"""Numbers in error messages are bounded and readable and never rounded to a different number (issue 10)."""

from __future__ import annotations

import pytest

import ltv


@pytest.mark.parametrize(
    ("arpu", "shown"),
    [(-1e308, "-1e308"), (-1.7976931348623157e308, "-1.7976931348623157e308"), (-5e-324, "-5e-324"),
     (-1e-7, "-1e-7"), (-12.5, "-12.5"), (-1e15, "-1000000000000000")],
)
def test_column_errors_show_the_value_in_a_bounded_form(arpu: float, shown: str) -> None:
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.vec.saas_ltv(arpu=[1.0, arpu], gross_margin=0.5, monthly_churn=0.1)
    err = info.value
    assert (err.field, err.value, err.row) == ("arpu", shown, 1)
    assert str(err) == f"row 1: arpu = {shown} is out of range: expected a value >= 0"
    assert len(str(err)) < 80


def test_a_huge_exact_input_names_its_field_without_printing_its_digits() -> None:
    with pytest.raises(ltv.LtvOverflowError) as info:
        ltv.saas_ltv(arpu="9" * 200, gross_margin=0.5, monthly_churn=0.1)
    assert info.value.field == "arpu"
    assert "9" * 30 not in str(info.value)


def test_a_long_unparseable_input_is_cut_with_its_length() -> None:
    text = "x" * 10_000
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.saas_ltv(arpu=text, gross_margin=0.5, monthly_churn=0.1)
    err = info.value
    assert err.field == "arpu"
    assert err.value == "x" * 60 + "... (10000 characters)"
    assert len(str(err)) < 160


def test_a_short_unparseable_input_is_shown_whole() -> None:
    with pytest.raises(ltv.InvalidInputError) as info:
        ltv.saas_ltv(arpu="12abc", gross_margin=0.5, monthly_churn=0.1)
    assert info.value.value == "12abc"

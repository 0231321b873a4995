//! Numbers in error messages are bounded and readable, and never rounded to a different number (issue 10).

use ltv_core::{Churn, Fraction, Money, saas_ltv};

#[test]
fn huge_values_print_in_exponent_form() {
    let err = Money::named("arpu", -1e308_f64).unwrap_err();
    assert_eq!(err.value(), Some("-1e308"));
    assert_eq!(err.to_string(), "arpu = -1e308 is out of range: expected a value >= 0");
}

#[test]
fn the_smallest_subnormal_is_not_shown_as_zero() {
    let err = Fraction::named("gross_margin", -5e-324_f64).unwrap_err();
    assert_eq!(err.value(), Some("-5e-324"));
    let err = Money::named("arpu", -1e-7_f64).unwrap_err();
    assert_eq!(err.value(), Some("-1e-7"));
}

#[test]
fn ordinary_values_keep_their_shortest_decimal_form() {
    let err = Money::named("arpu", -12.5_f64).unwrap_err();
    assert_eq!(err.value(), Some("-12.5"));
    let err = Fraction::named("gross_margin", 80.0_f64).unwrap_err();
    assert_eq!(err.to_string(), "gross_margin = 80 is out of range: expected a fraction in [0, 1]; did you mean 0.8?");
    // A churn of 3 read as a percentage, on the exact path (Decimal prints as itself).
    let err = Churn::monthly(rust_decimal::Decimal::new(3, 0)).unwrap_err();
    assert_eq!(err.value(), Some("3"));
}

#[test]
fn every_f64_message_is_short() {
    for x in [f64::MAX, -f64::MAX, f64::MIN_POSITIVE, -f64::MIN_POSITIVE, 1e16, 9.999_999_999_999_998e15, -1e-6] {
        let err = Money::named("arpu", -x.abs()).unwrap_err();
        assert!(err.to_string().len() < 80, "{err}");
    }
    let ok = saas_ltv(Money::new(1.0_f64).unwrap(), Fraction::new(1.0).unwrap(), Churn::monthly(0.5).unwrap());
    assert_eq!(ok, Ok(2.0));
}

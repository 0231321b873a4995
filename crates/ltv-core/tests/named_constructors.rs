//! Every quantity constructor has a `*_named` twin whose errors name the caller's field in one call:
//! `new` -> `named`, `Churn::monthly` / `annual` -> `monthly_named` / `annual_named`,
//! `DiscountRate::annual` / `monthly` -> `annual_named` / `monthly_named`. The exact messages, the field carried
//! into the formulas' own errors, and the same on `f64`.

use ltv_core::{
    Churn, ChurnBasis, Days, DiscountRate, Fraction, LtvError, Money, Months, PaymentTiming, Period, Ratio, dec,
    discounted_ltv, lifespan_from_churn, saas_ltv,
};
use proptest::prelude::*;

fn invalid(field: &'static str, value: &str, allowed: &'static str, suggestion: Option<&str>) -> LtvError {
    LtvError::InvalidInput { field, value: value.to_owned(), allowed, suggestion: suggestion.map(str::to_owned) }
}

#[test]
fn simple_quantities_name_the_field() {
    assert_eq!(Money::named("arpu", dec!(-1)), Err(invalid("arpu", "-1", "a value >= 0", None)));
    assert_eq!(
        Months::named("lifespan_months", dec!(-0.5)),
        Err(invalid("lifespan_months", "-0.5", "a value >= 0", None))
    );
    assert_eq!(
        Days::named("days_since_engaged", dec!(-3)),
        Err(invalid("days_since_engaged", "-3", "a value >= 0", None))
    );
    assert_eq!(Ratio::named("target_ratio", dec!(0)), Err(invalid("target_ratio", "0", "a value > 0", None)));
    assert_eq!(
        Fraction::named("gross_margin", dec!(80)),
        Err(invalid("gross_margin", "80", "a fraction in [0, 1]", Some("0.80")))
    );
    assert_eq!(Money::named("arpu", f64::NAN), Err(LtvError::NotFinite { field: "arpu", value: "NaN".to_owned() }));
    // The valid value is kept exactly.
    assert_eq!(Money::named("arpu", dec!(500.25)).map(Money::get), Ok(dec!(500.25)));
    assert_eq!(Fraction::named("gross_margin", 0.8_f64).map(Fraction::get), Ok(0.8));
}

#[test]
fn churn_named_constructors() {
    let err = Churn::monthly_named("monthly_churn", dec!(3)).unwrap_err();
    assert_eq!(err, invalid("monthly_churn", "3", "a churn rate in [0, 1]", Some("0.03")));
    assert_eq!(
        err.to_string(),
        "monthly_churn = 3 is out of range: expected a churn rate in [0, 1]; did you mean 0.03?"
    );
    assert_eq!(
        Churn::annual_named("annual_churn", dec!(-0.1)),
        Err(invalid("annual_churn", "-0.1", "a churn rate in [0, 1]", None))
    );
    assert_eq!(
        Churn::monthly_named("monthly_churn", f64::INFINITY),
        Err(LtvError::NotFinite { field: "monthly_churn", value: "inf".to_owned() })
    );

    let monthly = Churn::monthly_named("monthly_churn", dec!(0.03)).unwrap();
    assert_eq!(
        (monthly.rate(), monthly.period(), monthly.basis(), monthly.field()),
        (dec!(0.03), Period::Monthly, ChurnBasis::Logo, "monthly_churn")
    );
    let annual = Churn::annual_named("annual_churn", dec!(0.30)).unwrap();
    assert_eq!((annual.period(), annual.basis(), annual.field()), (Period::Annual, ChurnBasis::Logo, "annual_churn"));
    // The same values as the unnamed constructors, only the name differs.
    assert_eq!(annual.monthly_rate(), Churn::annual(dec!(0.30)).unwrap().monthly_rate());

    // The name reaches the formulas' errors, and survives a change of basis.
    let zero = Churn::monthly_named("monthly_churn", dec!(0)).unwrap();
    assert_eq!(lifespan_from_churn(zero), Err(LtvError::ZeroChurn { field: "monthly_churn" }));
    let net = Churn::monthly_named("net_churn", dec!(0.02)).and_then(|c| c.with_basis(ChurnBasis::NetRevenue));
    assert_eq!(net.map(|c| (c.field(), c.basis())), Ok(("net_churn", ChurnBasis::NetRevenue)));
    let net = Churn::named("net_churn", dec!(-0.02), Period::Monthly, ChurnBasis::NetRevenue).unwrap();
    assert_eq!(
        saas_ltv(Money::new(dec!(100)).unwrap(), Fraction::new(dec!(0.8)).unwrap(), net),
        Err(LtvError::NegativeNetChurn { field: "net_churn", value: "-0.02".to_owned() })
    );
    // Logo churn below zero is rejected at once, naming the field.
    assert_eq!(
        Churn::monthly_named("net_churn", dec!(-0.02)),
        Err(invalid("net_churn", "-0.02", "a churn rate in [0, 1]", None))
    );
}

#[test]
fn discount_rate_named_constructors() {
    let err = DiscountRate::annual_named("annual_discount_rate", dec!(10)).unwrap_err();
    assert_eq!(err, invalid("annual_discount_rate", "10", "a discount rate in [0, 1] per period", Some("0.10")));
    assert_eq!(
        DiscountRate::monthly_named("monthly_discount_rate", dec!(-0.01)),
        Err(invalid("monthly_discount_rate", "-0.01", "a discount rate in [0, 1] per period", None))
    );
    let annual = DiscountRate::annual_named("annual_discount_rate", dec!(0.10)).unwrap();
    assert_eq!((annual.rate(), annual.period(), annual.field()), (dec!(0.10), Period::Annual, "annual_discount_rate"));
    assert_eq!(annual.monthly_rate().unwrap().round_dp(8), dec!(0.00797414));
    let monthly = DiscountRate::monthly_named("monthly_discount_rate", 0.01_f64).unwrap();
    assert_eq!((monthly.period(), monthly.field()), (Period::Monthly, "monthly_discount_rate"));

    // A named discount rate values exactly as the unnamed one.
    let value = |d| {
        discounted_ltv(
            Money::new(dec!(80)).unwrap(),
            Churn::monthly(dec!(0.05)).unwrap(),
            d,
            PaymentTiming::StartOfPeriod,
            None,
        )
    };
    assert_eq!(value(annual), value(DiscountRate::annual(dec!(0.10)).unwrap()));
    assert_eq!(value(annual).unwrap().round_dp(2), dec!(1390.93));
}

proptest! {
    /// For any rate, a `*_named` constructor agrees with its unnamed twin in everything but the field name.
    #[test]
    fn named_twins_agree(rate in -2.0f64..150.0) {
        let pairs = [
            (Churn::monthly_named("c", rate).map(|c| (c.rate(), c.period(), c.basis())), Churn::monthly(rate).map(|c| (c.rate(), c.period(), c.basis()))),
            (Churn::annual_named("c", rate).map(|c| (c.rate(), c.period(), c.basis())), Churn::annual(rate).map(|c| (c.rate(), c.period(), c.basis()))),
        ];
        for (named, plain) in pairs {
            match (named, plain) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(LtvError::InvalidInput { field, value, allowed, suggestion }), Err(LtvError::InvalidInput { field: f2, value: v2, allowed: a2, suggestion: s2 })) => {
                    prop_assert_eq!((field, f2), ("c", "churn"));
                    prop_assert_eq!((value, allowed, suggestion), (v2, a2, s2));
                }
                other => prop_assert!(false, "{other:?}"),
            }
        }
        for (named, plain) in [
            (DiscountRate::annual_named("d", rate), DiscountRate::annual(rate)),
            (DiscountRate::monthly_named("d", rate), DiscountRate::monthly(rate)),
        ] {
            match (named, plain) {
                (Ok(a), Ok(b)) => prop_assert_eq!((a.rate(), a.period(), a.field()), (b.rate(), b.period(), "d")),
                (Err(LtvError::InvalidInput { field, value, .. }), Err(LtvError::InvalidInput { field: f2, value: v2, .. })) => {
                    prop_assert_eq!((field, f2, value), ("d", "discount_rate", v2));
                }
                other => prop_assert!(false, "{other:?}"),
            }
        }
    }
}

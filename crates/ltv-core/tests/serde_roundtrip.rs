//! serde round-trips of every input and result type, the JSON shapes they take, and validation on the way in.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Debug;

use ltv_core::{
    CacPayback, Churn, ChurnBasis, Days, Decimal, DiscountRate, Fraction, HealthBand, HealthBands, LeadRules,
    LtvCacRatio, Money, Months, MrrMovements, PaymentTiming, Period, Ratio, cac_payback_months, ltv_cac_ratio,
};
use proptest::prelude::*;
use rust_decimal_macros::dec;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Serializes, deserializes, and checks the value comes back equal (and serializes the same again).
fn roundtrip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) -> T {
    let text = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert_eq!(&back, value, "{text}");
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
    back
}

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// Deserializing `json` fails with an error whose text contains `needle`.
fn rejects<T: DeserializeOwned + Debug>(json: &str, needle: &str) {
    match serde_json::from_str::<T>(json) {
        Ok(v) => panic!("{json} deserialized to {v:?}"),
        Err(e) => assert!(e.to_string().contains(needle), "{json}: {e} does not mention {needle:?}"),
    }
}

// ------------------------------------------------------------------------------------------------------------
// Literal shapes.

#[test]
fn money_is_a_json_string() {
    let arpu = Money::new(dec!(500.25)).unwrap();
    assert_eq!(to_json(&arpu), json!("500.25"));
    roundtrip(&arpu);
    // Exact beyond f64: 28 significant digits survive.
    let exact = Money::new(dec!(13333.333333333333333333333333)).unwrap();
    assert_eq!(to_json(&exact), json!("13333.333333333333333333333333"));
    roundtrip(&exact);
    let max = Money::new(Decimal::MAX).unwrap();
    assert_eq!(to_json(&max), json!("79228162514264337593543950335"));
    roundtrip(&max);
    // The scale is kept: 0.80 stays 0.80.
    assert_eq!(to_json(&Fraction::new(dec!(0.80)).unwrap()), json!("0.80"));
}

#[test]
fn quantities_are_strings_and_floats_are_numbers() {
    assert_eq!(to_json(&Fraction::new(dec!(0.8)).unwrap()), json!("0.8"));
    assert_eq!(to_json(&Ratio::new(dec!(3)).unwrap()), json!("3"));
    assert_eq!(to_json(&Months::new(dec!(24)).unwrap()), json!("24"));
    assert_eq!(to_json(&Days::new(dec!(180)).unwrap()), json!("180"));
    // The f64 instantiation writes plain JSON numbers.
    assert_eq!(to_json(&Money::new(500.25f64).unwrap()), json!(500.25));
    roundtrip(&Money::new(500.25f64).unwrap());
    roundtrip(&Fraction::new(0.8f64).unwrap());
}

#[test]
fn enums_are_snake_case() {
    assert_eq!(to_json(&Period::Monthly), json!("monthly"));
    assert_eq!(to_json(&Period::Annual), json!("annual"));
    assert_eq!(to_json(&ChurnBasis::Logo), json!("logo"));
    assert_eq!(to_json(&ChurnBasis::GrossRevenue), json!("gross_revenue"));
    assert_eq!(to_json(&ChurnBasis::NetRevenue), json!("net_revenue"));
    assert_eq!(to_json(&PaymentTiming::StartOfPeriod), json!("start_of_period"));
    assert_eq!(to_json(&PaymentTiming::EndOfPeriod), json!("end_of_period"));
    assert_eq!(to_json(&PaymentTiming::EndOfPeriodSurvivors), json!("end_of_period_survivors"));
    assert_eq!(to_json(&HealthBand::Overspending), json!("overspending"));
    assert_eq!(to_json(&HealthBand::Healthy), json!("healthy"));
    assert_eq!(to_json(&HealthBand::UnderInvesting), json!("under_investing"));
    for band in [HealthBand::Overspending, HealthBand::Healthy, HealthBand::UnderInvesting] {
        assert_eq!(to_json(&band), json!(band.as_str()));
        roundtrip(&band);
    }
    for p in [Period::Monthly, Period::Annual] {
        roundtrip(&p);
    }
    for b in [ChurnBasis::Logo, ChurnBasis::GrossRevenue, ChurnBasis::NetRevenue] {
        roundtrip(&b);
    }
    for t in [PaymentTiming::StartOfPeriod, PaymentTiming::EndOfPeriod, PaymentTiming::EndOfPeriodSurvivors] {
        roundtrip(&t);
    }
    rejects::<Period>(r#""weekly""#, "weekly");
}

#[test]
fn churn_and_discount_rate_shapes() {
    let c = Churn::new(dec!(0.03), Period::Monthly, ChurnBasis::Logo).unwrap();
    assert_eq!(to_json(&c), json!({"rate": "0.03", "period": "monthly", "basis": "logo"}));
    roundtrip(&c);
    // Period and basis default to monthly logo churn.
    let parsed: Churn = serde_json::from_str(r#"{"rate": "0.03"}"#).unwrap();
    assert_eq!(parsed, c);
    let nrr = Churn::new(dec!(-0.2), Period::Annual, ChurnBasis::NetRevenue).unwrap();
    assert_eq!(to_json(&nrr), json!({"rate": "-0.2", "period": "annual", "basis": "net_revenue"}));
    roundtrip(&nrr);

    let d = DiscountRate::annual(dec!(0.10)).unwrap();
    assert_eq!(to_json(&d), json!({"rate": "0.10", "period": "annual"}));
    roundtrip(&d);
    roundtrip(&DiscountRate::<Decimal>::zero());
}

#[test]
fn struct_shapes() {
    let bands = HealthBands::new(dec!(3), dec!(5)).unwrap();
    assert_eq!(to_json(&bands), json!({"healthy_min": "3", "healthy_max": "5"}));
    roundtrip(&bands);
    roundtrip(&HealthBands::<Decimal>::default());

    let r = ltv_cac_ratio(Money::new(dec!(13333.33)).unwrap(), Money::new(dec!(4000)).unwrap(), bands).unwrap();
    let v = to_json(&r);
    assert_eq!(v["band"], json!("healthy"));
    assert!(v["ratio"].is_string());
    roundtrip(&r);

    let p = cac_payback_months(
        Money::new(dec!(770000)).unwrap(),
        Money::new(dec!(100000)).unwrap(),
        Fraction::new(dec!(0.7)).unwrap(),
        Months::new(dec!(18)).unwrap(),
    )
    .unwrap();
    // 770000 / (100000 x 0.7): the Decimal keeps the scale of its division, 11.0.
    assert_eq!(to_json(&p), json!({"months": "11.0", "target_months": "18", "meets_target": true}));
    assert_eq!(p.months, dec!(11));
    roundtrip(&p);

    let rules = LeadRules::<Decimal>::default();
    assert_eq!(
        to_json(&rules),
        json!({
            "discount_rate": {"rate": "0.10", "period": "annual"},
            "discount_after_months": "12",
            "zombie_after_days": "180",
        })
    );
    roundtrip(&rules);

    let m = |v| Money::new(v).unwrap();
    let mv = MrrMovements::new(m(dec!(100)), m(dec!(5)), m(dec!(10)), m(dec!(10)), m(dec!(10)), m(dec!(1))).unwrap();
    assert_eq!(
        to_json(&mv),
        json!({
            "starting_mrr": "100", "new": "5", "expansion": "10", "contraction": "10", "churned": "10",
            "reactivation": "1",
        })
    );
    roundtrip(&mv);
    // Movements default to zero.
    let parsed: MrrMovements = serde_json::from_str(r#"{"starting_mrr": "100", "churned": "10"}"#).unwrap();
    assert_eq!(
        parsed,
        MrrMovements::new(m(dec!(100)), m(dec!(0)), m(dec!(0)), m(dec!(0)), m(dec!(10)), m(dec!(0))).unwrap()
    );
}

// ------------------------------------------------------------------------------------------------------------
// Validation on the way in.

#[test]
fn invalid_values_are_rejected_with_the_validation_message() {
    rejects::<Fraction>(r#""80""#, "fraction = 80 is out of range: expected a fraction in [0, 1]; did you mean 0.80?");
    rejects::<Fraction>(r#""-0.1""#, "expected a fraction in [0, 1]");
    rejects::<Churn>(
        r#"{"rate": "3"}"#,
        "churn = 3 is out of range: expected a churn rate in [0, 1]; did you mean 0.03?",
    );
    rejects::<Churn>(
        r#"{"rate": "-0.5", "basis": "logo"}"#,
        "churn = -0.5 is out of range: expected a churn rate in [0, 1]",
    );
    rejects::<Churn>(r#"{"rate": "-1.5", "basis": "net_revenue"}"#, "a net revenue churn rate in [-1, 1]");
    rejects::<Money>(r#""-1""#, "money = -1 is out of range: expected a value >= 0");
    rejects::<Money>(r#""-0.0000000000000000000000000001""#, "expected a value >= 0");
    rejects::<Months>(r#""-24""#, "months = -24 is out of range: expected a value >= 0");
    rejects::<Days>(r#""-1""#, "days = -1 is out of range: expected a value >= 0");
    rejects::<Ratio>(r#""0""#, "ratio = 0 is out of range: expected a value > 0");
    rejects::<DiscountRate>(
        r#"{"rate": "10", "period": "annual"}"#,
        "discount_rate = 10 is out of range: expected a discount rate in [0, 1] per period; did you mean 0.10?",
    );
    rejects::<HealthBands>(
        r#"{"healthy_min": "5", "healthy_max": "3"}"#,
        "healthy_max = 3 is out of range: expected a value >= healthy_min",
    );
    rejects::<HealthBands>(r#"{"healthy_min": "0", "healthy_max": "3"}"#, "healthy_min = 0 is out of range");
    rejects::<MrrMovements>(
        r#"{"starting_mrr": "100", "churned": "80", "contraction": "30"}"#,
        "churned + contraction = 110 is out of range: expected at most starting_mrr",
    );
    rejects::<MrrMovements>(r#"{"starting_mrr": "100", "expansion": "-1"}"#, "money = -1 is out of range");
    rejects::<LeadRules>(
        r#"{"discount_rate": {"rate": "0.1", "period": "annual"}, "discount_after_months": "-12", "zombie_after_days": "180"}"#,
        "months = -12 is out of range",
    );
    rejects::<LeadRules>(
        r#"{"discount_rate": {"rate": "10", "period": "annual"}, "discount_after_months": "12", "zombie_after_days": "180"}"#,
        "did you mean 0.10?",
    );
    // The f64 instantiation validates too.
    rejects::<Fraction<f64>>("80", "fraction = 80 is out of range");
    rejects::<Money<f64>>("-1", "money = -1 is out of range");
    // Not a number at all.
    assert!(serde_json::from_str::<Money>(r#""abc""#).is_err());
    assert!(serde_json::from_str::<Churn>(r#"{"period": "monthly"}"#).is_err());
}

// ------------------------------------------------------------------------------------------------------------
// Round-trips of arbitrary valid values.

fn dec_in(lo: i64, hi: i64) -> impl Strategy<Value = Decimal> {
    (lo..=hi, 0u32..=10).prop_map(|(n, scale)| Decimal::new(n, scale))
}

/// Any non-negative Decimal (every mantissa and scale).
fn non_negative() -> impl Strategy<Value = Decimal> {
    (any::<u32>(), any::<u32>(), any::<u32>(), 0u32..=28)
        .prop_map(|(lo, mid, hi, s)| Decimal::from_parts(lo, mid, hi, false, s))
}

/// A Decimal in [0, 1] of any scale.
fn unit() -> impl Strategy<Value = Decimal> {
    (0u64..=10_000_000_000_000_000u64, 0u32..=28).prop_map(|(n, s)| {
        let x = Decimal::from_i128_with_scale(i128::from(n), s);
        if x > Decimal::ONE { x / Decimal::from(10_000_000_000_000_000u64) } else { x }
    })
}

fn period() -> impl Strategy<Value = Period> {
    prop::sample::select(vec![Period::Monthly, Period::Annual])
}

fn basis() -> impl Strategy<Value = ChurnBasis> {
    prop::sample::select(vec![ChurnBasis::Logo, ChurnBasis::GrossRevenue, ChurnBasis::NetRevenue])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn quantities_roundtrip(x in non_negative(), u in unit(), f in 0.0f64..1e12) {
        roundtrip(&Money::new(x).unwrap());
        roundtrip(&Months::new(x).unwrap());
        roundtrip(&Days::new(x).unwrap());
        prop_assert_eq!(to_json(&Money::new(x).unwrap()), json!(x.to_string()));
        if x > Decimal::ZERO {
            roundtrip(&Ratio::new(x).unwrap());
        }
        roundtrip(&Fraction::new(u).unwrap());
        roundtrip(&Money::new(f).unwrap());
        roundtrip(&Months::new(f).unwrap());
        roundtrip(&Fraction::new(f / 1e12).unwrap());
    }

    #[test]
    fn rates_roundtrip(u in unit(), neg in any::<bool>(), p in period(), b in basis()) {
        let rate = if neg && b == ChurnBasis::NetRevenue { -u } else { u };
        roundtrip(&Churn::new(rate, p, b).unwrap());
        roundtrip(&DiscountRate::new(u, p).unwrap());
        roundtrip(&Churn::new(rate.to_string().parse::<f64>().unwrap(), p, b).unwrap());
    }

    #[test]
    fn structs_roundtrip(lo in dec_in(1, 1_000_000), extra in dec_in(0, 1_000_000), ltv in dec_in(0, i64::MAX),
                         cac in dec_in(1, i64::MAX), gm in unit(), target in dec_in(0, 1_000),
                         rate in unit(), p in period(), after in dec_in(0, 1_000), zombie in dec_in(0, 10_000)) {
        let bands = HealthBands::new(lo, lo + extra).unwrap();
        roundtrip(&bands);
        let r: LtvCacRatio = ltv_cac_ratio(Money::new(ltv).unwrap(), Money::new(cac).unwrap(), bands).unwrap();
        roundtrip(&r);
        if gm > Decimal::ZERO
            && let Ok(p) = cac_payback_months(
                Money::new(cac).unwrap(),
                Money::new(ltv).unwrap(),
                Fraction::new(gm).unwrap(),
                Months::new(target).unwrap(),
            )
        {
            let p: CacPayback = p;
            roundtrip(&p);
        }
        let rules = LeadRules::new(
            DiscountRate::new(rate, p).unwrap(),
            Months::new(after).unwrap(),
            Days::new(zombie).unwrap(),
        );
        roundtrip(&rules);
    }

    #[test]
    fn mrr_movements_roundtrip(start in dec_in(0, i64::MAX), lost in unit(), share in unit(),
                               new in dec_in(0, i64::MAX), expansion in dec_in(0, i64::MAX),
                               reactivation in dec_in(0, i64::MAX)) {
        let lost = (start * lost).min(start);
        let churned = lost * share;
        let contraction = lost - churned;
        let m = |v| Money::new(v).unwrap();
        if let Ok(mv) = MrrMovements::new(m(start), m(new), m(expansion), m(contraction), m(churned), m(reactivation)) {
            roundtrip(&mv);
        }
    }
}

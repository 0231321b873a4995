//! BG/NBD and MBG/NBD at long horizons and their discounted expected residual transactions (DERT), against
//! the mpmath vectors of `tests/vectors/purchase/bg_nbd_long.json` (read by pytest too).

use std::path::PathBuf;

use ltv_models::{BgNbdModel, MbgNbdModel, Model, ModelError, PurchaseModel};
use proptest::prelude::*;
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn vectors() -> Result<Value, Box<dyn std::error::Error>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/purchase/bg_nbd_long.json");
    Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?)
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn params(v: &Value, case: &Value) -> Result<Vec<f64>, Box<dyn std::error::Error>> {
    let p = &v["params"][case["params"].as_str().ok_or("params")?];
    Ok(["r", "alpha", "a", "b"].iter().map(|k| f(&p[k])).collect())
}

/// The case's model: `(conditional expectation, DERT)` closures.
fn evaluate(case: &Value, p: &[f64], key: &str) -> Result<f64, ModelError> {
    let (x, tx, age) = (f(&case["x"]), f(&case["tx"]), f(&case["T"]));
    let bg = case["model"].as_str() == Some("bg_nbd");
    match (key, bg) {
        ("long", true) => BgNbdModel::from_params(p)?.conditional_expected_purchases(f(&case["t"]), x, tx, age),
        ("long", false) => MbgNbdModel::from_params(p)?.conditional_expected_purchases(f(&case["t"]), x, tx, age),
        (_, true) => {
            BgNbdModel::from_params(p)?.discounted_expected_residual_transactions(f(&case["discount_rate"]), x, tx, age)
        }
        (_, false) => MbgNbdModel::from_params(p)?.discounted_expected_residual_transactions(
            f(&case["discount_rate"]),
            x,
            tx,
            age,
        ),
    }
}

#[test]
fn long_horizons_match_mpmath() -> TestResult {
    let v = vectors()?;
    let cases = v["long_horizon"].as_array().ok_or("long_horizon")?;
    assert_eq!(cases.len(), 168);
    for case in cases {
        let p = params(&v, case)?;
        let want = f(&case["conditional_expected_purchases"]);
        let got = evaluate(case, &p, "long")?;
        assert!((got - want).abs() <= 1e-10 * want.abs().max(1e-300), "{case}: {got} vs {want}");
    }
    Ok(())
}

#[test]
fn dert_matches_mpmath() -> TestResult {
    let v = vectors()?;
    let cases = v["dert"].as_array().ok_or("dert")?;
    assert_eq!(cases.len(), 208);
    for case in cases {
        let p = params(&v, case)?;
        let want = f(&case["dert"]);
        let got = evaluate(case, &p, "dert")?;
        assert!((got - want).abs() <= 1e-9 * want.abs().max(1e-300), "{case}: {got} vs {want}");
    }
    Ok(())
}

#[test]
fn dert_rejects_bad_rates_naming_the_field() -> TestResult {
    let bg = BgNbdModel::new(0.243, 4.414, 0.793, 2.426)?;
    let mbg = MbgNbdModel::new(0.243, 4.414, 0.793, 2.426)?;
    for rate in [0.0, -0.1, f64::NAN, f64::INFINITY, 5e-7, 2e9] {
        for e in [
            bg.discounted_expected_residual_transactions(rate, 2.0, 30.43, 38.86),
            mbg.discounted_expected_residual_transactions(rate, 2.0, 30.43, 38.86),
        ] {
            assert!(matches!(e, Err(ModelError::InvalidParameter { field: "discount_rate", .. })), "{rate}: {e:?}");
        }
    }
    // A bad history names its column.
    let e = bg.discounted_expected_residual_transactions(0.01, 2.0, 40.0, 38.86);
    assert!(matches!(&e, Err(ModelError::InvalidData { field, .. }) if field == "recency"), "{e:?}");
    // The customer who bought 1000 times long ago: 0, not NaN.
    assert_eq!(bg.discounted_expected_residual_transactions(0.01, 1000.0, 1.0, 1000.0)?, 0.0);
    Ok(())
}

#[test]
fn dert_tends_to_the_undiscounted_total_and_to_zero() -> TestResult {
    // For a > 1 the expected residual purchases are finite: P(alive) (a + b' - 1) / (a - 1); DERT tends
    // to it as the discount rate falls, and is below it.
    let m = BgNbdModel::new(0.5, 0.1, 3.0, 10.0)?;
    let (x, tx, age) = (2.0, 3.0, 5.0);
    let total = m.probability_alive(x, tx, age)? * (3.0 + 10.0 + x - 1.0) / (3.0 - 1.0);
    let near = m.discounted_expected_residual_transactions(1e-4, x, tx, age)?;
    assert!(near < total && near > 0.99 * total, "{near} vs {total}");
    let steep = m.discounted_expected_residual_transactions(1e6, x, tx, age)?;
    assert!(steep > 0.0 && steep < 1e-5, "{steep}");
    Ok(())
}

#[test]
fn degenerate_long_horizons_stay_not_computable() -> TestResult {
    // alpha at its floor and a horizon of 1e9 time units: t / alpha = 1e17, so the series would need about
    // that many terms; an error naming t (the 1e7-term cap), never NaN or a wrong number.
    let m = BgNbdModel::new(2.0, 1e-8, 1.5, 0.7)?;
    let e = m.conditional_expected_purchases(1e9, 0.0, 0.0, 0.0);
    assert!(matches!(e, Err(ModelError::NotComputable { field: "t", .. })), "{e:?}");
    let e = m.expected_purchases(1e9);
    assert!(matches!(e, Err(ModelError::NotComputable { field: "t", .. })), "{e:?}");
    // DERT over such a model: the integrand's error is reported against discount_rate or t, never NaN.
    let e = m.discounted_expected_residual_transactions(1e-6, 0.0, 0.0, 0.0);
    assert!(matches!(e, Err(ModelError::NotComputable { .. })), "{e:?}");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn dert_is_positive_finite_and_falls_with_the_rate(
        r in 0.05f64..3.0, alpha in 0.5f64..50.0, a in 0.2f64..3.0, b in 0.3f64..8.0,
        x in 0u32..30, tx_share in 0.0f64..1.0, age in 1.0f64..60.0, rate in 1e-3f64..1.0,
    ) {
        let x = f64::from(x);
        let tx = if x == 0.0 { 0.0 } else { tx_share * age };
        let m = BgNbdModel::new(r, alpha, a, b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let d = |rate: f64| m.discounted_expected_residual_transactions(rate, x, tx, age)
            .map_err(|e| TestCaseError::fail(e.to_string()));
        let (low, high) = (d(rate)?, d(2.0 * rate)?);
        prop_assert!(low.is_finite() && high.is_finite() && high >= 0.0);
        prop_assert!(high <= low * (1.0 + 1e-9), "{} {}", low, high);
        // Below the bound of the undiscounted-rate integral: P(alive) (r + x) / ((alpha + T) rate).
        let bound = m.probability_alive(x, tx, age).map_err(|e| TestCaseError::fail(e.to_string()))?
            * (r + x) / ((alpha + age) * rate);
        prop_assert!(low <= bound * (1.0 + 1e-9), "{} > {}", low, bound);
    }
}

#[test]
fn pymc_marketing_convention_is_lifetimes_convention() -> TestResult {
    use ltv_models::{TimeUnit, ValueConvention, ValueOptions, customer_value};
    let m = BgNbdModel::new(0.243, 4.414, 0.793, 2.426)?;
    let (x, tx, age, spend) = ([0.0, 2.0, 7.0], [0.0, 30.43, 35.0], [38.86, 38.86, 38.0], [35.0, 40.0, 12.5]);
    for unit in [TimeUnit::Day, TimeUnit::Week, TimeUnit::Month, TimeUnit::Hour] {
        for rate in [0.0, 0.01, 0.1] {
            let mut options = ValueOptions::default();
            options.time_unit = unit;
            options.discount_rate = rate;
            options.convention = ValueConvention::Lifetimes;
            let lifetimes = customer_value(&m, &x, &tx, &age, &spend, &options)?;
            options.convention = ValueConvention::PymcMarketing;
            let pymc = customer_value(&m, &x, &tx, &age, &spend, &options)?;
            assert_eq!(lifetimes, pymc, "{unit:?} {rate}");
            let mut other = options.clone();
            other.convention = ValueConvention::Lifetimes;
            assert_eq!(options.month_length(), other.month_length());
            // pymc-marketing without discounting: one step from 0 to the horizon, the same number.
            if rate == 0.0 {
                let horizon = 12.0 * options.month_length();
                for i in 0..3 {
                    let once = m.conditional_expected_purchases(horizon, x[i], tx[i], age[i])? * spend[i];
                    assert!((pymc[i] - once).abs() <= 1e-12 * once.max(1e-300), "{} vs {once}", pymc[i]);
                }
            }
        }
    }
    Ok(())
}

#[test]
fn covariance_diagonal_is_the_squared_standard_errors() -> TestResult {
    use ltv_models::{BgNbdFit, MbgNbdFit, PurchaseFitOptions, PurchaseHistories};
    let (x, tx, age) = ([0.0, 1.0, 2.0, 4.0, 7.0, 1.0], [0.0, 10.0, 3.0, 30.0, 36.0, 36.0], [38.0; 6]);
    let w = [600.0, 200.0, 150.0, 120.0, 80.0, 100.0];
    let data = PurchaseHistories::new(&x, &tx, &age, Some(&w))?;
    for penalty in [0.0, 0.05] {
        let options = PurchaseFitOptions::with_penalty(penalty);
        let bg = BgNbdFit::fit(&data, &options)?;
        let mbg = MbgNbdFit::fit(&data, &options)?;
        for (cov, se) in [
            (bg.model.covariance(&data, penalty)?, bg.std_err.clone()),
            (mbg.model.covariance(&data, penalty)?, mbg.std_err.clone()),
        ] {
            assert_eq!(cov.len(), 16);
            for i in 0..4 {
                let s = se[i].ok_or("std_err")?;
                assert!((cov[i * 5].sqrt() - s).abs() <= 1e-12 * s, "{i}: {} vs {s}", cov[i * 5].sqrt());
                for j in 0..4 {
                    assert_eq!(cov[i * 4 + j], cov[j * 4 + i]);
                    // A correlation, so within [-1, 1].
                    assert!(cov[i * 4 + j].abs() <= (cov[i * 5] * cov[j * 5]).sqrt() * (1.0 + 1e-12));
                }
            }
        }
    }
    // Far from the maximum the information need not be positive definite; a bad penalty names itself.
    let m = BgNbdModel::new(0.243, 4.414, 0.793, 2.426)?;
    let e = m.covariance(&data, -1.0);
    assert!(matches!(e, Err(ModelError::InvalidParameter { field: "penalty", .. })), "{e:?}");
    let e = m.covariance(&data, f64::NAN);
    assert!(matches!(e, Err(ModelError::InvalidParameter { field: "penalty", .. })), "{e:?}");
    Ok(())
}

#[test]
fn continuous_discounting_over_a_long_horizon_is_dert_times_spend() -> TestResult {
    use ltv_models::{ParetoNbdModel, RatePeriod, ValueOptions, customer_value, customer_value_one};
    let bg = BgNbdModel::new(0.243, 4.414, 0.793, 2.426)?;
    let pareto = ParetoNbdModel::new(0.553, 10.578, 0.606, 11.669)?;
    let mut options = ValueOptions::default();
    options.rate_period = RatePeriod::Continuous;
    options.horizon_months = 1200;
    options.discount_rate = 0.05; // per month; e^(-60) of the tail is left after 100 years
    let month = options.month_length();
    for (x, tx, age) in [(0.0, 0.0, 38.86), (2.0, 30.43, 38.86), (7.0, 35.0, 38.0)] {
        let dert = bg.discounted_expected_residual_transactions(0.05 / month, x, tx, age)?;
        let value = customer_value_one(&bg, x, tx, age, 2.0, &options)?;
        assert!((value - 2.0 * dert).abs() <= 1e-9 * value, "BG/NBD ({x}, {tx}, {age}): {value} vs {}", 2.0 * dert);
        // Pareto/NBD: against its closed-form DERT (FHL 2005 eq. 2), an independent route.
        let dert = pareto.discounted_expected_residual_transactions(0.05 / month, x, tx, age)?;
        let value = customer_value_one(&pareto, x, tx, age, 1.0, &options)?;
        assert!((value - dert).abs() <= 1e-9 * value, "Pareto/NBD ({x}, {tx}, {age}): {value} vs {dert}");
    }
    // No discounting: the expected purchases over the horizon; the column form agrees with the scalar one.
    options.discount_rate = 0.0;
    options.horizon_months = 12;
    let e = bg.conditional_expected_purchases(12.0 * month, 2.0, 30.43, 38.86)?;
    assert_eq!(customer_value_one(&bg, 2.0, 30.43, 38.86, 1.0, &options)?, e);
    options.discount_rate = 0.01;
    let column = customer_value(&bg, &[0.0, 2.0], &[0.0, 30.43], &[38.86, 38.86], &[35.0], &options)?;
    for (i, (x, tx)) in [(0.0, 0.0), (2.0, 30.43)].into_iter().enumerate() {
        assert_eq!(column[i], customer_value_one(&bg, x, tx, 38.86, 35.0, &options)?);
        // Between the undiscounted value and the value discounted at the month end by e^-0.01 a month.
        let mut monthly = options.clone();
        monthly.rate_period = RatePeriod::Monthly;
        monthly.discount_rate = 0.01_f64.exp_m1();
        let end = customer_value_one(&bg, x, tx, 38.86, 35.0, &monthly)?;
        assert!(column[i] > end && column[i] < 35.0 * bg.conditional_expected_purchases(12.0 * month, x, tx, 38.86)?);
    }
    Ok(())
}

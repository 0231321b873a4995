//! Predictions of the sBG model: Fader & Hardie (2010) Table 3, recursions against definitions, errors.

use ltv_models::{ModelError, SbgModel};
use proptest::prelude::*;

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `sum_{t=n}^{horizon} [S(t) / S(n - 1)] / (1 + d)^(t - n)` by brute force (the DERL definition).
fn derl_by_definition(m: &SbgModel, d: f64, n: u32, horizon: u32) -> f64 {
    let curve = m.survival_curve(horizon).unwrap();
    let base = curve[n as usize - 1];
    (n..=horizon).map(|t| curve[t as usize] / base / (1.0 + d).powi((t - n) as i32)).sum()
}

/// Fader & Hardie (2010), Table 3, d = 10 %: DERL for customers with 0..4 renewals (n = 1..5).
#[test]
fn table_3_heterogeneous_high_alpha() -> Result<(), ModelError> {
    let m = SbgModel::new(3.80, 15.20)?;
    let got: Vec<f64> =
        (1..=5).map(|n| m.discounted_expected_residual_lifetime(0.10, n).map(round2)).collect::<Result<_, _>>()?;
    assert_eq!(got, [3.31, 3.45, 3.59, 3.72, 3.84]);
    Ok(())
}

#[test]
fn table_3_heterogeneous_low_alpha() -> Result<(), ModelError> {
    let m = SbgModel::new(1.0 / 15.0, 4.0 / 15.0)?;
    let got: Vec<f64> =
        (1..=5).map(|n| m.discounted_expected_residual_lifetime(0.10, n).map(round2)).collect::<Result<_, _>>()?;
    assert_eq!(got, [7.68, 9.46, 9.86, 10.06, 10.19]);
    // The table prints the parameters rounded (0.0667, 0.2667); those give the same row.
    let rounded = SbgModel::new(0.0667, 0.2667)?;
    let got: Vec<f64> = (1..=5)
        .map(|n| rounded.discounted_expected_residual_lifetime(0.10, n).map(round2))
        .collect::<Result<_, _>>()?;
    assert_eq!(got, [7.68, 9.46, 9.86, 10.06, 10.19]);
    Ok(())
}

#[test]
fn derl_closed_form_matches_its_definition() -> Result<(), ModelError> {
    for (alpha, beta) in [(3.8, 15.2), (1.0 / 15.0, 4.0 / 15.0), (0.704, 1.182), (2.5, 0.3)] {
        let m = SbgModel::new(alpha, beta)?;
        for d in [0.05, 0.10, 0.5] {
            for n in [1, 2, 5, 20] {
                let closed = m.discounted_expected_residual_lifetime(d, n)?;
                let direct = derl_by_definition(&m, d, n, 3_000);
                assert!((closed - direct).abs() < 1e-9 * closed, "{alpha} {beta} {d} {n}: {closed} vs {direct}");
            }
        }
    }
    Ok(())
}

#[test]
fn del_matches_its_definition_and_derl() -> Result<(), ModelError> {
    let m = SbgModel::new(0.704, 1.182)?;
    let d = 0.1;
    let del = m.discounted_expected_lifetime(d)?;
    let curve = m.survival_curve(3_000).unwrap();
    let direct: f64 = curve.iter().enumerate().map(|(t, s)| s / (1.0 + d).powi(t as i32)).sum();
    assert!((del - direct).abs() < 1e-10 * del, "{del} vs {direct}");
    // DERL(d, 1) = (DEL(d) - 1)(1 + d): the same customer, one payment later.
    let derl = m.discounted_expected_residual_lifetime(d, 1)?;
    assert!((derl - (del - 1.0) * (1.0 + d)).abs() < 1e-12 * derl);
    Ok(())
}

#[test]
fn undiscounted_lifetimes_have_closed_forms() -> Result<(), ModelError> {
    let m = SbgModel::new(3.8, 15.2)?;
    let e = m.expected_lifetime()?;
    assert!((e - 18.0 / 2.8).abs() < 1e-12);
    let direct: f64 = m.survival_curve(1_000_000).unwrap().iter().sum();
    assert!((e - direct).abs() < 1e-6, "{e} vs {direct}");
    assert_eq!(m.discounted_expected_lifetime(0.0)?, e);
    assert!((m.discounted_expected_residual_lifetime(0.0, 3)? - 17.2 / 2.8).abs() < 1e-12);
    // As d -> 0 the discounted values approach the undiscounted ones.
    assert!((m.discounted_expected_lifetime(1e-4)? - e).abs() < 1e-2);
    Ok(())
}

#[test]
fn recursions_match_the_definitions() -> Result<(), ModelError> {
    let (alpha, beta) = (0.704, 1.182);
    let m = SbgModel::new(alpha, beta)?;
    // P(T = t) by Fader & Hardie's recursion, S(t) = 1 - sum of P.
    let mut p = alpha / (alpha + beta);
    let mut s = 1.0 - p;
    for t in 1..=50u32 {
        if t >= 2 {
            let tf = f64::from(t);
            p *= (beta + tf - 2.0) / (alpha + beta + tf - 1.0);
            s -= p;
        }
        assert!((m.churn_probability(t)? - p).abs() < 1e-14, "P(T = {t})");
        assert!((m.survival(t) - s).abs() < 1e-12, "S({t})");
        assert!((m.survival(t - 1) - m.survival(t) - p).abs() < 1e-14);
        let r = m.survival(t) / m.survival(t - 1);
        assert!((m.retention(t)? - r).abs() < 1e-14, "r_{t}");
    }
    assert_eq!(m.survival(0), 1.0);
    let curve = m.survival_curve(50).unwrap();
    assert_eq!(curve.len(), 51);
    for (t, value) in curve.iter().enumerate() {
        assert_eq!(*value, m.survival(t as u32));
    }
    // The "regular" model's retention rises with tenure: 0.63, 0.76, 0.82, ...
    assert_eq!(round2(m.retention(1)?), 0.63);
    assert_eq!(round2(m.retention(2)?), 0.76);
    assert_eq!(round2(m.retention(3)?), 0.82);
    Ok(())
}

#[test]
fn beta_function_forms_agree_at_integer_parameters() -> Result<(), ModelError> {
    // With alpha = 1, beta = 2: S(t) = B(1, 2 + t) / B(1, 2) = 2 / (t + 2), P(T = t) = 2 / ((t + 1)(t + 2)).
    let m = SbgModel::new(1.0, 2.0)?;
    for t in 1..=20u32 {
        let tf = f64::from(t);
        assert!((m.survival(t) - 2.0 / (tf + 2.0)).abs() < 1e-15);
        assert!((m.churn_probability(t)? - 2.0 / ((tf + 1.0) * (tf + 2.0))).abs() < 1e-15);
    }
    Ok(())
}

#[test]
fn invalid_inputs_are_typed_errors() -> Result<(), ModelError> {
    for (alpha, beta) in [(0.0, 1.0), (-1.0, 1.0), (f64::NAN, 1.0), (f64::INFINITY, 1.0), (1.0, 0.0), (1.0, f64::NAN)] {
        let err = SbgModel::new(alpha, beta).unwrap_err();
        assert!(matches!(err, ModelError::InvalidParameter { .. }), "{err}");
    }
    let err = SbgModel::new(1.0, -2.0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid beta: got -2, expected a number in [1e-8, 1e8] (where the sBG's predictions stay finite and accurate)"
    );

    let m = SbgModel::new(0.704, 1.182)?;
    let err = m.expected_lifetime().unwrap_err();
    assert_eq!(err, ModelError::InfiniteLifetime { alpha: 0.704 });
    let message = err.to_string();
    assert!(message.contains("undiscounted expected lifetime is infinite"), "{message}");
    assert!(message.contains("discounted expected lifetime (DEL)"), "{message}");
    assert_eq!(m.discounted_expected_lifetime(0.0), Err(ModelError::InfiniteLifetime { alpha: 0.704 }));
    assert_eq!(m.discounted_expected_residual_lifetime(0.0, 2), Err(ModelError::InfiniteLifetime { alpha: 0.704 }));
    for d in [-0.1, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let err = m.discounted_expected_lifetime(d).unwrap_err();
        assert!(matches!(err, ModelError::InvalidParameter { field: "discount_rate", .. }), "{err}");
        let err = m.discounted_expected_residual_lifetime(d, 1).unwrap_err();
        assert!(matches!(err, ModelError::InvalidParameter { field: "discount_rate", .. }), "{err}");
    }
    assert!(matches!(
        m.discounted_expected_residual_lifetime(0.1, 0),
        Err(ModelError::InvalidPeriod { field: "n", value: 0, .. })
    ));
    assert!(matches!(m.retention(0), Err(ModelError::InvalidPeriod { field: "t", .. })));
    assert!(matches!(m.churn_probability(0), Err(ModelError::InvalidPeriod { field: "t", .. })));
    // A discount rate too small for the series (it would need ~3e7 terms).
    let err = m.discounted_expected_lifetime(1e-6).unwrap_err();
    assert!(matches!(err, ModelError::SeriesNotConverged { .. }), "{err}");
    Ok(())
}

#[test]
fn extreme_but_valid_inputs_stay_finite() -> Result<(), ModelError> {
    let m = SbgModel::new(1e-8, 1e8)?;
    assert!(m.survival(1_000_000) > 0.99);
    assert!(m.discounted_expected_lifetime(1e-3)?.is_finite());
    let m = SbgModel::new(1e6, 1e-6)?;
    assert!(m.survival(10) < 1e-50);
    assert!((m.discounted_expected_lifetime(0.1)? - 1.0).abs() < 1e-6);
    let derl = SbgModel::new(2.0, 3.0)?.discounted_expected_residual_lifetime(1e9, u32::MAX)?;
    assert!(derl > 0.99 && derl < (1.0 + 1e9) / 1e9, "{derl}"); // DERL < (1 + d) / d
    Ok(())
}

proptest! {
    #[test]
    fn survival_is_a_decreasing_probability_and_retention_rises(
        alpha in 0.01f64..50.0,
        beta in 0.01f64..50.0,
    ) {
        let m = SbgModel::new(alpha, beta).unwrap();
        let curve = m.survival_curve(60).unwrap();
        prop_assert_eq!(curve[0], 1.0);
        for t in 1..=60u32 {
            let (prev, cur) = (curve[t as usize - 1], curve[t as usize]);
            prop_assert!(cur <= prev && cur >= 0.0);
            let p = m.churn_probability(t).unwrap();
            prop_assert!((0.0..=1.0).contains(&p));
            prop_assert!((prev - cur - p).abs() <= 1e-12);
            if t >= 2 {
                prop_assert!(m.retention(t).unwrap() >= m.retention(t - 1).unwrap());
            }
        }
    }

    #[test]
    fn derl_rises_with_tenure_and_falls_with_the_discount_rate(
        alpha in 0.05f64..20.0,
        beta in 0.05f64..20.0,
        d in 0.01f64..1.0,
    ) {
        let m = SbgModel::new(alpha, beta).unwrap();
        let mut previous = 0.0;
        for n in 1..=8 {
            let derl = m.discounted_expected_residual_lifetime(d, n).unwrap();
            prop_assert!(derl.is_finite() && derl > 0.0 && derl < (1.0 + d) / d);
            prop_assert!(derl >= previous * (1.0 - 1e-12));
            previous = derl;
        }
        let more = m.discounted_expected_residual_lifetime(d * 1.5, 3).unwrap();
        prop_assert!(more <= m.discounted_expected_residual_lifetime(d, 3).unwrap());
    }
}

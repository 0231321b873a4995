//! BG/BB: the mpmath vectors (`tests/vectors/purchase/bg_bb.json`, read by pytest too), the published
//! donations fit (Fader, Hardie & Shang 2010), the holdout check, validation and invariants.

#[allow(dead_code, reason = "the sBG simulation of the shared test helpers is not used here")]
mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use ltv_models::{BgBbFit, BgBbModel, DiscreteHistories, Model, ModelError, PurchaseFitOptions};
use proptest::prelude::*;
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn num(v: &Value, key: &str) -> Result<f64, String> {
    v[key].as_f64().ok_or(format!("{key}: not a number"))
}

fn close(got: f64, want: f64, rel: f64, abs: f64) -> bool {
    (got - want).abs() <= rel * want.abs() + abs
}

/// Rows of a CSV file of numbers (header skipped).
fn csv(name: &str) -> Result<Vec<Vec<f64>>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name))?;
    let mut rows = Vec::new();
    for line in text.lines().skip(1) {
        rows.push(line.split(',').map(str::parse).collect::<Result<Vec<f64>, _>>()?);
    }
    Ok(rows)
}

fn donations() -> Result<DiscreteHistories, Box<dyn std::error::Error>> {
    let rows = csv("donations.csv")?;
    let col = |j: usize| rows.iter().map(|r| r[j]).collect::<Vec<f64>>();
    Ok(DiscreteHistories::new(&col(0), &col(1), &col(2), Some(&col(3)))?)
}

#[test]
fn mpmath_vectors_are_reproduced() -> TestResult {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(root().join("tests/vectors/purchase/bg_bb.json"))?)?;
    let cases = doc["cases"].as_array().ok_or("cases")?;
    assert_eq!(cases.len(), 8);
    for case in cases {
        let p = &case["params"];
        let m = BgBbModel::new(num(p, "alpha")?, num(p, "beta")?, num(p, "gamma")?, num(p, "delta")?)?;
        let (x, tx, n) = (num(case, "frequency")?, num(case, "recency")?, num(case, "periods")?);
        let ll = m.log_likelihood(x, tx, n)?;
        assert!(close(ll, num(case, "log_likelihood")?, 1e-12, 1e-13), "{case}: ll {ll}");
        let alive = m.probability_alive(x, tx, n)?;
        assert!(close(alive, num(case, "probability_alive")?, 1e-11, 0.0), "{case}: alive {alive}");
        let future = case["t"].as_u64().ok_or("future")? as u32;
        let cond = m.conditional_expected_transactions(future, x, tx, n)?;
        assert!(close(cond, num(case, "conditional_expected_transactions")?, 1e-11, 0.0), "{case}: cond {cond}");
        let n_new = case["t_new"].as_u64().ok_or("t_new")? as u32;
        let new = m.expected_transactions(n_new)?;
        assert!(close(new, num(case, "expected_transactions")?, 1e-12, 0.0), "{case}: new {new}");
        let dert = m.discounted_expected_residual_transactions(num(case, "discount_rate")?, x, tx, n)?;
        assert!(close(dert, num(case, "dert")?, 1e-11, 0.0), "{case}: dert {dert}");
        for px in case["probability_of_transactions"].as_array().ok_or("px")? {
            let k = px["n"].as_u64().ok_or("n")? as u32;
            let got = m.probability_of_transactions(k, n_new)?;
            assert!(close(got, num(px, "p")?, 1e-12, 1e-16), "{case}: P(X = {k}) {got}");
        }
    }
    Ok(())
}

#[test]
fn donations_fit_reproduces_fader_hardie_shang_2010() -> TestResult {
    let fit = BgBbFit::fit(&donations()?, &PurchaseFitOptions::default())?;
    let m = fit.model;
    println!(
        "donations BG/BB: alpha {:.6} beta {:.6} gamma {:.6} delta {:.6} LL {:.6} iterations {} se {:?}",
        m.alpha(),
        m.beta(),
        m.gamma(),
        m.delta(),
        fit.log_likelihood,
        fit.iterations,
        fit.std_err
    );
    assert!(fit.converged);
    assert_eq!(fit.n_customers, 11_104);
    // Published: alpha 1.204, beta 0.750, gamma 0.657, delta 2.783, LL -33,225.6.
    let round3 = |v: f64| (v * 1e3).round() / 1e3;
    assert_eq!(
        [round3(m.alpha()), round3(m.beta()), round3(m.gamma()), round3(m.delta())],
        [1.204, 0.750, 0.657, 2.783]
    );
    assert_eq!((fit.log_likelihood * 10.0).round() / 10.0, -33_225.6);
    let json = fit.to_json()?;
    println!("{json}");
    let committed = std::fs::read_to_string(root().join("tests/vectors/purchase/bg_bb_donations_fit.json"))?;
    assert_eq!(committed.trim_end(), json);
    assert_eq!(BgBbFit::from_json(&json)?, fit);
    assert_eq!(BgBbFit::from_json(&json)?.to_json()?, json);

    // Holdout (2002-2006, 5 opportunities): the predicted total against the 13,260 donations made.
    let rows = csv("donations_rf_holdout.csv")?;
    let (mut predicted, mut actual) = (0.0, 0.0);
    for r in &rows {
        predicted += r[3] * m.conditional_expected_transactions(5, r[0], r[1], r[2])?;
        actual += r[4];
    }
    println!("donations holdout: predicted {predicted:.1}, actual {actual}");
    assert_eq!(actual, 13_260.0);
    assert!((predicted - actual).abs() < 0.05 * actual, "{predicted}");
    Ok(())
}

#[test]
fn weighted_fit_equals_the_exploded_fit() -> TestResult {
    let x = [0.0, 1.0, 2.0, 3.0, 1.0, 4.0];
    let tx = [0.0, 1.0, 4.0, 5.0, 5.0, 5.0];
    let n = [5.0; 6];
    let w = [30.0, 12.0, 8.0, 6.0, 5.0, 9.0];
    let weighted = BgBbFit::fit(&DiscreteHistories::new(&x, &tx, &n, Some(&w))?, &PurchaseFitOptions::default())?;
    let (mut ex, mut et, mut en) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..x.len() {
        for _ in 0..w[i] as usize {
            ex.push(x[i]);
            et.push(tx[i]);
            en.push(n[i]);
        }
    }
    let exploded = BgBbFit::fit(&DiscreteHistories::new(&ex, &et, &en, None)?, &PurchaseFitOptions::default())?;
    for (a, b) in weighted.model.params().iter().zip(exploded.model.params()) {
        assert!((a - b).abs() < 1e-6 * b, "{a} vs {b}");
    }
    Ok(())
}

#[test]
fn invalid_inputs_name_the_field_and_row() {
    let field_row = |e: ModelError| (e.field().map(str::to_owned), e.row());
    let bad =
        |x: f64, tx: f64, n: f64| DiscreteHistories::new(&[1.0, x], &[1.0, tx], &[3.0, n], None).map_err(field_row);
    assert_eq!(bad(1.0, 1.0, 0.0), Err((Some("periods".to_owned()), Some(1))));
    assert_eq!(bad(4.0, 3.0, 3.0), Err((Some("frequency".to_owned()), Some(1))));
    assert_eq!(bad(2.0, 1.0, 3.0), Err((Some("recency".to_owned()), Some(1))));
    assert_eq!(bad(0.0, 2.0, 3.0), Err((Some("recency".to_owned()), Some(1))));
    assert_eq!(bad(1.5, 2.0, 3.0), Err((Some("frequency".to_owned()), Some(1))));
    assert_eq!(bad(1.0, 2.0, 2e6), Err((Some("periods".to_owned()), Some(1))));
    assert!(matches!(
        DiscreteHistories::new(&[1.0], &[1.0, 2.0], &[3.0], None),
        Err(ModelError::LengthMismatch { .. })
    ));
    assert_eq!(
        BgBbModel::new(1.0, 0.0, 1.0, 1.0).map_err(|e| e.field().map(str::to_owned)),
        Err(Some("beta".to_owned()))
    );
    let Ok(m) = BgBbModel::new(1.2, 0.75, 0.66, 2.8) else { return };
    assert_eq!(
        m.discounted_expected_residual_transactions(-0.1, 1.0, 1.0, 6.0).map_err(|e| e.field().map(str::to_owned)),
        Err(Some("discount_rate".to_owned()))
    );
    assert!(matches!(m.expected_transactions(2_000_000), Err(ModelError::InvalidPeriod { .. })));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn predictions_are_finite_bounded_and_monotone(
        alpha in 0.01..50.0_f64, beta in 0.01..50.0_f64, gamma in 0.01..50.0_f64, delta in 0.01..50.0_f64,
        n in 1_u32..300, a in 0.0..=1.0_f64, b in 0.0..=1.0_f64, future in 0_u32..50,
    ) {
        let m = BgBbModel::new(alpha, beta, gamma, delta).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let nf = f64::from(n);
        let tx = (a * nf).floor();
        let x = if tx == 0.0 { 0.0 } else { (b * tx).floor().max(1.0) };
        let ll = m.log_likelihood(x, tx, nf).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(ll.is_finite() && ll <= 1e-12);
        let alive = m.probability_alive(x, tx, nf).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!((0.0..=1.0).contains(&alive));
        let c1 = m.conditional_expected_transactions(future, x, tx, nf).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let c2 = m.conditional_expected_transactions(future + 1, x, tx, nf).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(c1.is_finite() && c2 >= c1 && c1 <= f64::from(future));
        let dert = m.discounted_expected_residual_transactions(0.1, x, tx, nf).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(dert.is_finite() && dert >= 0.0);
        let total: f64 = (0..=n.min(60)).map(|k| m.probability_of_transactions(k, n.min(60)).unwrap_or(f64::NAN)).sum();
        prop_assert!((total - 1.0).abs() < 1e-9, "{}", total);
    }
}

/// `n` customers over `periods` opportunities drawn from the BG/BB with a seeded generator
/// (`p ~ Beta(alpha, beta)`, `theta ~ Beta(gamma, delta)`; before each opportunity the customer dies with
/// probability `theta`, and while alive transacts with probability `p`), compressed to weighted patterns.
fn simulate(q: [f64; 4], n: usize, periods: u32, seed: u64) -> Result<DiscreteHistories, ModelError> {
    let mut rng = common::SplitMix64::new(seed);
    let mut patterns: BTreeMap<(u32, u32), f64> = BTreeMap::new();
    for _ in 0..n {
        let p = rng.beta(q[0], q[1]);
        let theta = rng.beta(q[2], q[3]);
        let (mut x, mut tx) = (0, 0);
        for t in 1..=periods {
            if rng.uniform() < theta {
                break;
            }
            if rng.uniform() < p {
                x += 1;
                tx = t;
            }
        }
        *patterns.entry((x, tx)).or_insert(0.0) += 1.0;
    }
    let x: Vec<f64> = patterns.keys().map(|k| f64::from(k.0)).collect();
    let tx: Vec<f64> = patterns.keys().map(|k| f64::from(k.1)).collect();
    let w: Vec<f64> = patterns.values().copied().collect();
    DiscreteHistories::new(&x, &tx, &vec![f64::from(periods); x.len()], Some(&w))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// Simulate from known parameters, refit: every estimate within 4 standard errors of the truth.
    #[test]
    fn simulated_parameters_are_recovered(
        alpha in 0.5..3.0_f64, beta in 0.5..3.0_f64, gamma in 0.3..2.0_f64, delta in 1.0..5.0_f64, seed in 0_u64..1000,
    ) {
        let truth = [alpha, beta, gamma, delta];
        let data = simulate(truth, 20_000, 12, seed).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let fit = BgBbFit::fit(&data, &PurchaseFitOptions::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(fit.converged);
        for ((est, se), want) in fit.model.params().iter().zip(&fit.std_err).zip(truth) {
            let se = se.ok_or_else(|| TestCaseError::fail("no standard error"))?;
            prop_assert!((est - want).abs() < 4.0 * se, "{} vs {} (se {}) in {:?}", est, want, se, fit.model);
        }
    }
}

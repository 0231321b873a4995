//! Pareto/NBD: the mpmath vectors (`tests/vectors/purchase/pareto_nbd.json`, read by pytest too), the
//! published CDNOW fit (Fader, Hardie & Lee 2005), numerical edge cases and invariants.

#[allow(dead_code, reason = "the sBG simulation of the shared test helpers is not used here")]
mod common;

use std::path::PathBuf;

use ltv_models::{
    Model, ModelError, ParetoNbdFit, ParetoNbdModel, PurchaseFitOptions, PurchaseHistories, PurchaseModel,
};
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

/// The CDNOW calibration summary (x, t_x, T in weeks) of 2,357 customers.
fn cdnow() -> Result<PurchaseHistories, Box<dyn std::error::Error>> {
    let text =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/cdnow_cbs_holdout.csv"))?;
    let (mut x, mut tx, mut age) = (Vec::new(), Vec::new(), Vec::new());
    for line in text.lines().skip(1) {
        let cols: Vec<f64> = line.split(',').map(str::parse).collect::<Result<_, _>>()?;
        x.push(cols[1]);
        tx.push(cols[2]);
        age.push(cols[3]);
    }
    Ok(PurchaseHistories::new(&x, &tx, &age, None)?)
}

#[test]
fn mpmath_vectors_are_reproduced() -> TestResult {
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/vectors/purchase/pareto_nbd.json"))?)?;
    let cases = doc["cases"].as_array().ok_or("cases")?;
    assert_eq!(cases.len(), 11);
    for case in cases {
        let p = &case["params"];
        let m = ParetoNbdModel::new(num(p, "r")?, num(p, "alpha")?, num(p, "s")?, num(p, "beta")?)?;
        let (x, tx, age, t) = (num(case, "frequency")?, num(case, "recency")?, num(case, "age")?, num(case, "t")?);
        let ll = m.log_likelihood(x, tx, age)?;
        assert!(close(ll, num(case, "log_likelihood")?, 1e-12, 1e-12), "{case}: ll {ll}");
        let alive = m.probability_alive(x, tx, age)?;
        assert!(close(alive, num(case, "probability_alive")?, 1e-11, 1e-300), "{case}: alive {alive}");
        let cond = m.conditional_expected_purchases(t, x, tx, age)?;
        assert!(close(cond, num(case, "conditional_expected_purchases")?, 1e-11, 1e-300), "{case}: cond {cond}");
        let new = m.expected_purchases(t)?;
        assert!(close(new, num(case, "expected_purchases")?, 1e-12, 0.0), "{case}: new {new}");
        let dert = m.discounted_expected_residual_transactions(num(case, "discount_rate")?, x, tx, age)?;
        assert!(close(dert, num(case, "dert")?, 1e-10, 1e-300), "{case}: dert {dert}");
        for pn in case["probability_of_purchases"].as_array().ok_or("pn")? {
            let n = pn["n"].as_u64().ok_or("n")? as u32;
            let got = m.probability_of_purchases(n, t)?;
            assert!(close(got, num(pn, "p")?, 1e-10, 1e-16), "{case}: P(X = {n}) {got}");
        }
    }
    Ok(())
}

#[test]
fn cdnow_fit_reproduces_fader_hardie_lee_2005() -> TestResult {
    let fit = ParetoNbdFit::fit(&cdnow()?, &PurchaseFitOptions::default())?;
    let [r, alpha, s, beta] = [fit.model.r(), fit.model.alpha(), fit.model.s(), fit.model.beta()];
    println!(
        "CDNOW Pareto/NBD: r {r:.6} alpha {alpha:.6} s {s:.6} beta {beta:.6} LL {:.6} iterations {} se {:?}",
        fit.log_likelihood, fit.iterations, fit.std_err
    );
    assert!(fit.converged);
    // Published: r 0.553, alpha 10.578, s 0.606, beta 11.669, LL -9595.0.
    assert_eq!((r * 1e3).round() / 1e3, 0.553);
    assert_eq!((alpha * 1e3).round() / 1e3, 10.578);
    assert_eq!((s * 1e3).round() / 1e3, 0.606);
    assert_eq!((beta * 1e3).round() / 1e3, 11.669);
    assert_eq!((fit.log_likelihood * 10.0).round() / 10.0, -9595.0);
    assert!(fit.std_err.iter().all(Option::is_some));
    assert_eq!(fit.n_customers, 2357);
    // The model file reads back identical, byte for byte, and is the committed one (read by pytest too).
    let json = fit.to_json()?;
    println!("{json}");
    let committed = std::fs::read_to_string(root().join("tests/vectors/purchase/pareto_nbd_cdnow_fit.json"))?;
    assert_eq!(committed.trim_end(), json);
    assert_eq!(ParetoNbdFit::from_json(&json)?, fit);
    assert_eq!(ParetoNbdFit::from_json(&json)?.to_json()?, json);
    assert_eq!(ParetoNbdModel::from_json(&fit.model.to_json()?)?, fit.model);
    Ok(())
}

#[test]
fn edge_cases_are_finite() -> TestResult {
    let m = ParetoNbdModel::new(0.553, 10.578, 0.606, 11.669)?;
    // 1000 purchases long ago: dead, not NaN.
    assert_eq!(m.probability_alive(1000.0, 1.0, 1000.0)?, 0.0);
    assert_eq!(m.conditional_expected_purchases(52.0, 1000.0, 1.0, 1000.0)?, 0.0);
    // Recency == age: finite, alive for sure.
    assert!(m.log_likelihood(5.0, 38.86, 38.86)?.is_finite());
    assert_eq!(m.probability_alive(5.0, 38.86, 38.86)?, 1.0);
    // x in the hundreds, tiny alpha.
    let tiny = ParetoNbdModel::new(0.25, 1e-6, 0.8, 30.0)?;
    for x in [100.0, 300.0, 900.0] {
        let ll = tiny.log_likelihood(x, 50.0, 52.0)?;
        let alive = tiny.probability_alive(x, 50.0, 52.0)?;
        assert!(ll.is_finite() && (0.0..=1.0).contains(&alive), "{x}: {ll} {alive}");
    }
    Ok(())
}

#[test]
fn invalid_inputs_name_the_field() {
    let field = |e: ModelError| e.field().map(str::to_owned);
    assert_eq!(ParetoNbdModel::new(0.0, 1.0, 1.0, 1.0).map_err(field), Err(Some("r".to_owned())));
    assert_eq!(ParetoNbdModel::new(1.0, 1.0, f64::NAN, 1.0).map_err(field), Err(Some("s".to_owned())));
    let Ok(m) = ParetoNbdModel::new(0.5, 10.0, 0.6, 12.0) else { return };
    assert_eq!(m.expected_purchases(-1.0).map_err(field), Err(Some("t".to_owned())));
    assert_eq!(m.probability_alive(1.0, 5.0, 4.0).map_err(field), Err(Some("recency".to_owned())));
    assert_eq!(m.log_likelihood(1.5, 1.0, 4.0).map_err(field), Err(Some("frequency".to_owned())));
    assert_eq!(
        m.discounted_expected_residual_transactions(0.0, 1.0, 1.0, 4.0).map_err(field),
        Err(Some("discount_rate".to_owned()))
    );
    let Ok(data) = PurchaseHistories::new(&[0.0, 0.0], &[0.0, 0.0], &[3.0, 4.0], None) else { return };
    assert!(matches!(
        ParetoNbdFit::fit(&data, &PurchaseFitOptions::default()),
        Err(ModelError::NoFiniteMaximum { .. })
    ));
}

#[test]
fn probabilities_of_purchases_sum_to_one_with_the_expected_mean() -> TestResult {
    let m = ParetoNbdModel::new(0.553, 10.578, 0.606, 11.669)?;
    let (mut total, mut mean) = (0.0, 0.0);
    for n in 0..400 {
        let p = m.probability_of_purchases(n, 39.0)?;
        total += p;
        mean += f64::from(n) * p;
    }
    assert!((total - 1.0).abs() < 1e-9, "{total}");
    assert!((mean - m.expected_purchases(39.0)?).abs() < 1e-6, "{mean}");
    // Conditionally: the same sums against the conditional expectation.
    let (mut total, mut mean) = (0.0, 0.0);
    for n in 0..400 {
        let p = m.conditional_probability_of_purchases(n, 39.0, 2.0, 30.43, 38.86)?;
        total += p;
        mean += f64::from(n) * p;
    }
    assert!((total - 1.0).abs() < 1e-9, "{total}");
    assert!((mean - m.conditional_expected_purchases(39.0, 2.0, 30.43, 38.86)?).abs() < 1e-6, "{mean}");
    let none = m.probability_of_no_purchase(39.0, 2.0, 30.43, 38.86)?;
    assert_eq!(none, m.conditional_probability_of_purchases(0, 39.0, 2.0, 30.43, 38.86)?);
    Ok(())
}

#[test]
fn weighted_fit_equals_the_exploded_fit() -> TestResult {
    let x = [0.0, 1.0, 3.0, 0.0, 2.0, 6.0];
    let tx = [0.0, 10.0, 30.0, 0.0, 5.0, 36.0];
    let age = [38.0, 38.0, 38.0, 30.0, 30.0, 38.0];
    let w = [40.0, 12.0, 5.0, 30.0, 9.0, 3.0];
    let weighted =
        ParetoNbdFit::fit(&PurchaseHistories::new(&x, &tx, &age, Some(&w))?, &PurchaseFitOptions::default())?;
    let (mut ex, mut et, mut ea) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..x.len() {
        for _ in 0..w[i] as usize {
            ex.push(x[i]);
            et.push(tx[i]);
            ea.push(age[i]);
        }
    }
    let exploded = ParetoNbdFit::fit(&PurchaseHistories::new(&ex, &et, &ea, None)?, &PurchaseFitOptions::default())?;
    for (a, b) in weighted.model.params().iter().zip(exploded.model.params()) {
        assert!((a - b).abs() < 1e-6 * b, "{a} vs {b}");
    }
    assert!((weighted.log_likelihood - exploded.log_likelihood).abs() < 1e-8 * exploded.log_likelihood.abs());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn predictions_are_finite_bounded_and_monotone(
        r in 0.01..20.0_f64, alpha in 0.01..100.0_f64, s in 0.01..20.0_f64, beta in 0.01..100.0_f64,
        x in 0_u32..500, frac in 0.0..=1.0_f64, age in 0.1..200.0_f64, t in 0.0..100.0_f64,
    ) {
        let m = ParetoNbdModel::new(r, alpha, s, beta).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let x = f64::from(x);
        let tx = if x == 0.0 { 0.0 } else { frac * age };
        let ll = m.log_likelihood(x, tx, age).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(ll.is_finite());
        let alive = m.probability_alive(x, tx, age).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!((0.0..=1.0).contains(&alive));
        let c1 = m.conditional_expected_purchases(t, x, tx, age).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let c2 = m.conditional_expected_purchases(t + 1.0, x, tx, age).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(c1.is_finite() && c2 >= c1);
        // Rescaling the time unit by k: alpha, beta, t_x, T and t scale; the predictions do not change
        // (the likelihood, a density in time, shifts by -x ln k).
        let k = 7.0;
        let scaled = ParetoNbdModel::new(r, alpha * k, s, beta * k).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let alive_k = scaled.probability_alive(x, tx * k, age * k).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!((alive_k - alive).abs() < 1e-9, "{} vs {}", alive_k, alive);
        let c1_k = scaled.conditional_expected_purchases(t * k, x, tx * k, age * k).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!((c1_k - c1).abs() <= 1e-9 * c1.max(1.0));
        let ll_k = scaled.log_likelihood(x, tx * k, age * k).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!((ll_k + x * k.ln() - ll).abs() <= 1e-9 * ll.abs().max(1.0));
    }
}

/// `n` customers' `(x, t_x, T)` drawn from the Pareto/NBD with a seeded generator: rates
/// `lambda ~ Gamma(r, alpha)`, `mu ~ Gamma(s, beta)`, an exponential lifetime, Poisson purchases until
/// death or the end of observation (ages uniform in `[20, 40]`).
fn simulate(p: [f64; 4], n: usize, seed: u64) -> Result<PurchaseHistories, ModelError> {
    let mut rng = common::SplitMix64::new(seed);
    let (mut x, mut tx, mut age) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        let lambda = rng.gamma(p[0]) / p[1];
        let mu = rng.gamma(p[2]) / p[3];
        let t = 20.0 + 20.0 * rng.uniform();
        let end = (-rng.uniform().ln() / mu).min(t);
        let (mut clock, mut count, mut last) = (0.0, 0.0, 0.0);
        while count < 10_000.0 {
            clock += -rng.uniform().ln() / lambda;
            if clock > end {
                break;
            }
            count += 1.0;
            last = clock;
        }
        x.push(count);
        tx.push(last);
        age.push(t);
    }
    PurchaseHistories::new(&x, &tx, &age, None)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    /// Simulate from known parameters, refit: every estimate within 4 standard errors of the truth.
    #[test]
    fn simulated_parameters_are_recovered(
        r in 0.3..2.0_f64, alpha in 2.0..15.0_f64, s in 0.3..2.0_f64, beta in 5.0..20.0_f64, seed in 0_u64..1000,
    ) {
        let truth = [r, alpha, s, beta];
        let data = simulate(truth, 8000, seed).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let fit = ParetoNbdFit::fit(&data, &PurchaseFitOptions::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(fit.converged);
        for ((est, se), want) in fit.model.params().iter().zip(&fit.std_err).zip(truth) {
            let se = se.ok_or_else(|| TestCaseError::fail("no standard error"))?;
            prop_assert!((est - want).abs() < 4.0 * se, "{} vs {} (se {}) in {:?}", est, want, se, fit.model);
        }
    }
}

/// `P(alive at T + t)` starts at `P(alive)` (t = 0), falls with `t`, and its decay given alive at `T` is the
/// dropout posterior's survival `((β + T) / (β + T + t))^s`: checked against a numerical integral of
/// `e^{-μt}` over the `Gamma(s, β + T)` posterior (midpoint rule on a fine grid, independent of the closed form).
#[test]
fn probability_alive_at_decays_from_probability_alive() -> TestResult {
    let m = ParetoNbdModel::new(0.553, 10.578, 0.606, 11.669)?;
    let (x, tx, big_t) = (2.0, 30.43, 38.86);
    let alive = m.probability_alive(x, tx, big_t)?;
    assert_eq!(m.probability_alive_at(0.0, x, tx, big_t)?, alive);
    let mut last = alive;
    for t in [1.0, 10.0, 52.0, 520.0] {
        let p = m.probability_alive_at(t, x, tx, big_t)?;
        assert!(p < last && p > 0.0, "{t}: {p} vs {last}");
        last = p;
        // E[e^{-μ t}] for μ ~ Gamma(shape s, rate β + T), by the midpoint rule in v = (μ (β + T))^s, which
        // turns the density's u^(s-1) du into dv / s (no singularity at 0).
        let (s, rate) = (0.606_f64, 11.669 + big_t);
        let (mut num, mut den, h) = (0.0_f64, 0.0_f64, 1e-4_f64);
        let mut v: f64 = h / 2.0;
        while v < 20.0 {
            let u = v.powf(1.0 / s);
            let w = (-u).exp();
            num += w * (-u * t / rate).exp();
            den += w;
            v += h;
        }
        let want = alive * num / den;
        assert!((p - want).abs() < 1e-6 * want, "{t}: {p} vs {want}");
    }
    Ok(())
}

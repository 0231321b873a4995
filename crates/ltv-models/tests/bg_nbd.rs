//! BG/NBD and MBG/NBD: the published CDNOW fit, the mpmath vectors (`tests/vectors/purchase/bg_nbd.json`,
//! read by pytest too), numerical edge cases, weighted = exploded fits, time-unit invariance, and
//! property tests.

use std::path::PathBuf;

use ltv_models::{
    BgNbdFit, BgNbdModel, MbgNbdFit, MbgNbdModel, Model, ModelError, PurchaseFitOptions, PurchaseHistories,
    PurchaseModel,
};
use proptest::prelude::*;
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Four columns of the CDNOW file.
type Columns4 = (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>);

/// CDNOW calibration summary: (x, t_x, T) in weeks, and the mean repeat-transaction value m_x.
pub fn cdnow() -> Result<Columns4, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(root().join("tests/data/cdnow_cbs_holdout.csv"))?;
    let (mut x, mut tx, mut t, mut m) = (vec![], vec![], vec![], vec![]);
    for line in text.lines().skip(1) {
        let f: Vec<f64> = line.split(',').map(str::parse).collect::<Result<_, _>>()?;
        x.push(f[1]);
        tx.push(f[2]);
        t.push(f[3]);
        m.push(f[5]);
    }
    Ok((x, tx, t, m))
}

fn vectors() -> Result<Value, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(root().join("../../tests/vectors/purchase/bg_nbd.json"))?;
    Ok(serde_json::from_str(&text)?)
}

fn close(got: f64, want: f64, rel: f64) -> bool {
    (got - want).abs() <= rel * want.abs().max(1e-300) || (got - want).abs() < 1e-300
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

#[test]
fn cdnow_fit_reproduces_fader_hardie_lee_2005() -> TestResult {
    let (x, tx, t, _) = cdnow()?;
    let data = PurchaseHistories::new(&x, &tx, &t, None)?;
    let fit = BgNbdFit::fit(&data, &PurchaseFitOptions::default())?;
    let m = fit.model;
    assert!(fit.converged);
    let round = |v: f64| (v * 1000.0).round() / 1000.0;
    assert_eq!([round(m.r()), round(m.alpha()), round(m.a()), round(m.b())], [0.243, 4.414, 0.793, 2.426]);
    assert_eq!((fit.log_likelihood * 10.0).round() / 10.0, -9582.4);
    assert_eq!(fit.n_customers, 2357);
    assert!(fit.std_err.iter().all(|s| s.is_some_and(|s| s > 0.0 && s < 1.0)), "{:?}", fit.std_err);
    // The total at the rounded published estimates, against mpmath.
    let v = vectors()?;
    let at = BgNbdModel::new(0.243, 4.414, 0.793, 2.426)?.total_log_likelihood(&data);
    assert!(close(at, f(&v["cdnow"]["log_likelihood_at_published"]), 1e-12), "{at}");
    // The maximum is above the value at the rounded estimates.
    assert!(fit.log_likelihood >= at);
    // Round trip of the model file; the committed file (read by pytest too) is what this fit writes.
    let json = fit.to_json()?;
    let committed = std::fs::read_to_string(root().join("../../tests/vectors/purchase/bg_nbd_cdnow_fit.json"))?;
    assert_eq!(json, committed.trim_end());
    assert_eq!(BgNbdFit::from_json(&json)?, fit);
    assert_eq!(BgNbdFit::from_json(&json)?.to_json()?, json);
    Ok(())
}

#[test]
fn vectors_match_mpmath() -> TestResult {
    let v = vectors()?;
    let cases = v["cases"].as_array().ok_or("cases")?;
    assert_eq!(cases.len(), 240);
    for case in cases {
        let p: Vec<f64> = case["params"].as_array().ok_or("params")?.iter().map(f).collect();
        let (x, tx, age, t) = (f(&case["frequency"]), f(&case["recency"]), f(&case["age"]), f(&case["t"]));
        let model: Box<dyn Fn() -> Result<Vec<f64>, ModelError>> = match case["model"].as_str() {
            Some("bg_nbd") => Box::new(|| predictions(&BgNbdModel::from_params(&p)?, x, tx, age, t)),
            _ => Box::new(|| predictions(&MbgNbdModel::from_params(&p)?, x, tx, age, t)),
        };
        let got = model()?;
        let mut want = vec![
            f(&case["log_likelihood"]),
            f(&case["probability_alive"]),
            f(&case["expected_purchases"]),
            f(&case["conditional_expected_purchases"]),
        ];
        for key in ["probability_of_purchases", "conditional_probability_of_purchases"] {
            want.extend(case[key].as_array().ok_or("pmf")?.iter().map(f));
        }
        want.push(f(&case["probability_alive_at"]));
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            // Log-likelihoods: absolute 1e-9 (they sum terms of size ~1e3); the rest relative 1e-9.
            let ok = if i == 0 {
                (g - w).abs() < 1e-9 * w.abs().max(1.0)
            } else {
                close(*g, *w, 1e-9) || (g - w).abs() < 1e-15
            };
            assert!(ok, "{} {p:?} ({x}, {tx}, {age}) t={t}: quantity {i}: {g} vs {w}", case["model"]);
        }
    }
    Ok(())
}

fn predictions<M: PurchaseModel>(m: &M, x: f64, tx: f64, age: f64, t: f64) -> Result<Vec<f64>, ModelError> {
    let mut out = vec![
        m.log_likelihood(x, tx, age)?,
        m.probability_alive(x, tx, age)?,
        m.expected_purchases(t)?,
        m.conditional_expected_purchases(t, x, tx, age)?,
    ];
    for n in [0, 1, 2, 5] {
        out.push(m.probability_of_purchases(n, t)?);
    }
    for n in [0, 1, 2, 5] {
        out.push(m.conditional_probability_of_purchases(n, t, x, tx, age)?);
    }
    out.push(m.probability_alive_at(t, x, tx, age)?);
    Ok(out)
}

#[test]
fn edge_case_of_the_issue_has_a_finite_positive_log_likelihood() -> TestResult {
    // x = 200, t_x = 38, T = 40 at (0.25, 4, 0.8, 2.5): +100.7957 (a density in t_x, so it may exceed 0).
    let m = BgNbdModel::new(0.25, 4.0, 0.8, 2.5)?;
    let ll = m.log_likelihood(200.0, 38.0, 40.0)?;
    let want = f(&vectors()?["edge"]["log_likelihood"]);
    assert!((ll - want).abs() < 1e-10 * want, "{ll} vs {want}");
    assert_eq!((ll * 100.0).round() / 100.0, 100.80);
    Ok(())
}

#[test]
fn long_gone_heavy_buyer_is_dead_not_nan() -> TestResult {
    for m in [BgNbdModel::new(0.243, 4.414, 0.793, 2.426)?.params(), vec![0.25, 4.0, 0.8, 2.5]] {
        let bg = BgNbdModel::from_params(&m)?;
        let mbg = MbgNbdModel::from_params(&m)?;
        assert_eq!(bg.probability_alive(1000.0, 1.0, 1000.0)?, 0.0);
        assert_eq!(mbg.probability_alive(1000.0, 1.0, 1000.0)?, 0.0);
        assert_eq!(bg.conditional_expected_purchases(52.0, 1000.0, 1.0, 1000.0)?, 0.0);
        assert_eq!(bg.probability_of_no_purchase(52.0, 1000.0, 1.0, 1000.0)?, 1.0);
        assert!(bg.log_likelihood(1000.0, 1.0, 1000.0)?.is_finite());
    }
    Ok(())
}

#[test]
fn mbg_nbd_one_time_buyers_may_be_dead() -> TestResult {
    let m = MbgNbdModel::new(0.243, 4.414, 0.793, 2.426)?;
    assert!(m.probability_alive(0.0, 0.0, 38.86)? < 1.0);
    assert_eq!(BgNbdModel::new(0.243, 4.414, 0.793, 2.426)?.probability_alive(0.0, 0.0, 38.86)?, 1.0);
    Ok(())
}

fn explode(x: &[f64], tx: &[f64], t: &[f64], w: &[u32]) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let (mut a, mut b, mut c) = (vec![], vec![], vec![]);
    for i in 0..x.len() {
        for _ in 0..w[i] {
            a.push(x[i]);
            b.push(tx[i]);
            c.push(t[i]);
        }
    }
    (a, b, c)
}

#[test]
fn weighted_fit_equals_exploded_fit_and_time_unit_rescales_alpha() -> TestResult {
    let (x, tx, t) = (vec![0.0, 1.0, 2.0, 5.0, 1.0, 9.0], vec![0.0, 3.0, 20.0, 30.0, 35.0, 37.0], vec![38.0; 6]);
    let w = [50_u32, 17, 9, 4, 6, 2];
    let weights: Vec<f64> = w.iter().map(|&v| f64::from(v)).collect();
    let options = PurchaseFitOptions::default();
    for shift in [false, true] {
        let weighted = PurchaseHistories::new(&x, &tx, &t, Some(&weights))?;
        let (ex, etx, et) = explode(&x, &tx, &t, &w);
        let exploded = PurchaseHistories::new(&ex, &etx, &et, None)?;
        let days = |v: &[f64]| v.iter().map(|d| d * 7.0).collect::<Vec<f64>>();
        let in_days = PurchaseHistories::new(&x, &days(&tx), &days(&t), Some(&weights))?;
        let (a, b, c) = if shift {
            let f = |d: &PurchaseHistories| MbgNbdFit::fit(d, &options).map(|f| (f.model.params(), f.log_likelihood));
            (f(&weighted)?, f(&exploded)?, f(&in_days)?)
        } else {
            let f = |d: &PurchaseHistories| BgNbdFit::fit(d, &options).map(|f| (f.model.params(), f.log_likelihood));
            (f(&weighted)?, f(&exploded)?, f(&in_days)?)
        };
        for i in 0..4 {
            assert!(close(a.0[i], b.0[i], 1e-12), "{shift}: {a:?} vs {b:?}");
            let scale = if i == 1 { 7.0 } else { 1.0 };
            assert!(close(a.0[i] * scale, c.0[i], 1e-7), "{shift}: {a:?} vs {c:?}");
        }
        assert!(close(a.1, b.1, 1e-12));
        // The likelihood is the density of the x purchase times: the Jacobian 1 / 7 per repeat purchase.
        let purchases: f64 = x.iter().zip(&weights).map(|(x, w)| x * w).sum();
        assert!(close(a.1 - purchases * 7.0_f64.ln(), c.1, 1e-9), "{} vs {}", a.1, c.1);
        // Predictions are unchanged when the time unit changes.
        let (wk, dy) = (BgNbdModel::from_params(&a.0)?, BgNbdModel::from_params(&c.0)?);
        let e_wk = wk.conditional_expected_purchases(10.0, 2.0, 20.0, 38.0)?;
        let e_dy = dy.conditional_expected_purchases(70.0, 2.0, 140.0, 266.0)?;
        assert!(close(e_wk, e_dy, 1e-6), "{e_wk} vs {e_dy}");
    }
    Ok(())
}

#[test]
fn nobody_repeats_is_no_finite_maximum() -> TestResult {
    let data = PurchaseHistories::new(&[0.0, 0.0], &[0.0, 0.0], &[10.0, 20.0], None)?;
    let err = BgNbdFit::fit(&data, &PurchaseFitOptions::default()).err().ok_or("fitted")?;
    assert_eq!(err.kind(), "no_finite_maximum");
    let err = MbgNbdFit::fit(&data, &PurchaseFitOptions::default()).err().ok_or("fitted")?;
    assert_eq!(err.kind(), "no_finite_maximum");
    Ok(())
}

#[test]
fn bad_arguments_name_the_field() -> TestResult {
    let m = BgNbdModel::new(0.243, 4.414, 0.793, 2.426)?;
    let field = |e: ModelError| e.field().map(str::to_owned);
    assert_eq!(m.expected_purchases(-1.0).err().and_then(field).as_deref(), Some("t"));
    assert_eq!(m.expected_purchases(f64::NAN).err().and_then(field).as_deref(), Some("t"));
    assert_eq!(m.probability_alive(1.5, 1.0, 2.0).err().and_then(field).as_deref(), Some("frequency"));
    assert_eq!(m.probability_alive(1.0, 3.0, 2.0).err().and_then(field).as_deref(), Some("recency"));
    assert_eq!(BgNbdModel::new(0.0, 1.0, 1.0, 1.0).err().and_then(field).as_deref(), Some("r"));
    assert_eq!(BgNbdModel::new(1.0, 1.0, 1.0, f64::INFINITY).err().and_then(field).as_deref(), Some("b"));
    let data = PurchaseHistories::new(&[1.0], &[1.0], &[2.0], None)?;
    let bad = PurchaseFitOptions::with_penalty(-1.0);
    assert_eq!(BgNbdFit::fit(&data, &bad).err().and_then(field).as_deref(), Some("penalty"));
    Ok(())
}

#[test]
fn penalty_shrinks_the_parameters() -> TestResult {
    let (x, tx, t, _) = cdnow()?;
    let data = PurchaseHistories::new(&x, &tx, &t, None)?;
    let plain = BgNbdFit::fit(&data, &PurchaseFitOptions::default())?;
    let penalised = BgNbdFit::fit(&data, &PurchaseFitOptions::with_penalty(0.01))?;
    let norm = |m: &BgNbdModel| m.params().iter().map(|v| v * v).sum::<f64>();
    assert!(norm(&penalised.model) < norm(&plain.model));
    assert!(penalised.log_likelihood < plain.log_likelihood);
    Ok(())
}

#[test]
fn simulated_customers_match_the_expected_purchases_and_are_reproducible() -> TestResult {
    // The simulator against the closed form: the mean of x over customers of age 30 is E[X(30)].
    let ages = vec![30.0; 40_000];
    for shift in [false, true] {
        let p = [0.6, 5.0, 0.9, 3.0];
        let (data, want) = if shift {
            let m = MbgNbdModel::from_params(&p)?;
            (m.simulate(&ages, 11)?, m.expected_purchases(30.0)?)
        } else {
            let m = BgNbdModel::from_params(&p)?;
            (m.simulate(&ages, 11)?, m.expected_purchases(30.0)?)
        };
        let n = data.frequency.len() as f64;
        let mean = data.frequency.iter().sum::<f64>() / n;
        let var = data.frequency.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
        assert!((mean - want).abs() < 4.0 * (var / n).sqrt(), "{shift}: {mean} vs {want}");
    }
    let m = BgNbdModel::new(0.6, 5.0, 0.9, 3.0)?;
    assert_eq!(m.simulate(&[10.0, 20.0], 3)?, m.simulate(&[10.0, 20.0], 3)?);
    let err = m.simulate(&[10.0, -1.0], 3).err().ok_or("accepted a negative age")?;
    assert_eq!((err.field(), err.row()), (Some("age"), Some(1)));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// Parameter recovery over a grid: refitting simulated customers finds the truth within 4 standard errors.
    #[test]
    fn simulated_customers_recover_the_parameters(
        r in prop::sample::select(vec![0.3, 1.0, 2.5]),
        alpha in prop::sample::select(vec![2.0, 8.0]),
        a in prop::sample::select(vec![0.7, 1.5]),
        b in prop::sample::select(vec![2.0, 5.0]),
        modified in any::<bool>(),
        seed in 0u64..1000,
    ) {
        let ages: Vec<f64> = (0..15_000).map(|i| 10.0 + f64::from(i % 30)).collect();
        let truth = [r, alpha, a, b];
        let options = PurchaseFitOptions::default();
        let (params, std_err) = if modified {
            let data = MbgNbdModel::from_params(&truth).unwrap().simulate(&ages, seed).unwrap();
            let fit = MbgNbdFit::fit(&data, &options).unwrap();
            (fit.model.params(), fit.std_err)
        } else {
            let data = BgNbdModel::from_params(&truth).unwrap().simulate(&ages, seed).unwrap();
            let fit = BgNbdFit::fit(&data, &options).unwrap();
            (fit.model.params(), fit.std_err)
        };
        for i in 0..4 {
            let se = std_err[i].unwrap();
            prop_assert!((params[i] - truth[i]).abs() < 4.0 * se, "param {}: {:?} vs {:?} (se {:?})", i, params, truth, std_err);
        }
    }
}

proptest! {
    #[test]
    fn predictions_are_finite_probabilities_and_increase_with_the_horizon(
        r in 0.01f64..20.0, alpha in 0.1f64..100.0, a in 0.05f64..10.0, b in 0.05f64..10.0,
        x in 0u32..60, frac in 0.0f64..1.0, age in 0.5f64..100.0, t in 0.0f64..150.0, dt in 0.0f64..30.0,
    ) {
        let (x, tx) = (f64::from(x), if x == 0 { 0.0 } else { frac * age });
        let bg = BgNbdModel::new(r, alpha, a, b).unwrap();
        let mbg = MbgNbdModel::new(r, alpha, a, b).unwrap();
        let check = |m: &dyn Fn(f64) -> Result<f64, ModelError>, p: f64, t: f64| -> Result<(), TestCaseError> {
            match (m(t), m(t + dt)) {
                (Ok(e1), Ok(e2)) => {
                    prop_assert!(e1.is_finite() && e2.is_finite() && e1 >= 0.0);
                    prop_assert!(e2 >= e1 * (1.0 - 1e-12), "E not increasing: {} then {}", e1, e2);
                    prop_assert!((0.0..=1.0).contains(&p));
                }
                (Err(e), _) | (_, Err(e)) => prop_assert_eq!(e.kind(), "not_computable"),
            }
            Ok(())
        };
        let pa = bg.probability_alive(x, tx, age).unwrap();
        check(&|t| bg.conditional_expected_purchases(t, x, tx, age), pa, t)?;
        let pm = mbg.probability_alive(x, tx, age).unwrap();
        check(&|t| mbg.conditional_expected_purchases(t, x, tx, age), pm, t)?;
        prop_assert!(bg.log_likelihood(x, tx, age).unwrap().is_finite());
        if let (Ok(p1), Ok(p2)) = (bg.probability_alive_at(t, x, tx, age), bg.probability_alive_at(t + dt, x, tx, age)) {
            prop_assert!(p2 <= p1 * (1.0 + 1e-12) && p1 <= pa * (1.0 + 1e-12), "P(alive at) not decreasing: {} {} {}", pa, p1, p2);
        }
        prop_assert!(mbg.log_likelihood(x, tx, age).unwrap().is_finite());
        for n in [0u32, 1, 3] {
            if let Ok(p) = bg.conditional_probability_of_purchases(n, t, x, tx, age) {
                prop_assert!((0.0..=1.0).contains(&p));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Weighted rows fit exactly as the exploded rows do (the same distinct patterns, merged either way).
    #[test]
    fn weighted_equals_exploded_for_random_patterns(
        patterns in proptest::collection::vec((0u32..8, 0.0f64..1.0, 5.0f64..40.0, 1u32..6), 4..12),
        modified in any::<bool>(),
    ) {
        let x: Vec<f64> = patterns.iter().map(|p| f64::from(p.0)).collect();
        let age: Vec<f64> = patterns.iter().map(|p| (p.2 * 4.0).round() / 4.0).collect();
        let tx: Vec<f64> = patterns.iter().zip(&age).map(|(p, a)| if p.0 == 0 { 0.0 } else { (p.1 * a * 4.0).floor() / 4.0 }).collect();
        let w: Vec<u32> = patterns.iter().map(|p| p.3).collect();
        let weights: Vec<f64> = w.iter().map(|&v| f64::from(v)).collect();
        let (ex, etx, et) = explode(&x, &tx, &age, &w);
        let weighted = PurchaseHistories::new(&x, &tx, &age, Some(&weights)).unwrap();
        let exploded = PurchaseHistories::new(&ex, &etx, &et, None).unwrap();
        let options = PurchaseFitOptions::default();
        let fit = |d: &PurchaseHistories| if modified {
            MbgNbdFit::fit(d, &options).map(|f| (f.model.params(), f.log_likelihood))
        } else {
            BgNbdFit::fit(d, &options).map(|f| (f.model.params(), f.log_likelihood))
        };
        match (fit(&weighted), fit(&exploded)) {
            (Ok(a), Ok(b)) => {
                for i in 0..4 {
                    prop_assert!(close(a.0[i], b.0[i], 1e-12), "{:?} vs {:?}", a, b);
                }
                prop_assert!(close(a.1, b.1, 1e-12));
            }
            (Err(a), Err(b)) => prop_assert_eq!(a.kind(), b.kind()),
            (a, b) => prop_assert!(false, "{:?} vs {:?}", a, b),
        }
    }
}

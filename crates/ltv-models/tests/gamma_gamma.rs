//! Gamma-Gamma (note 025's CDNOW fit, q <= 1, weights) and the customer value (mpmath vectors in
//! `tests/vectors/purchase/bg_nbd.json`, lifetimes' convention, caps).

use std::path::PathBuf;

use ltv_models::{
    BgNbdModel, GammaGammaFit, GammaGammaModel, MbgNbdModel, ModelError, PurchaseModel, RatePeriod, SpendHistories,
    TimeUnit, ValueConvention, ValueOptions, customer_value, customer_value_one,
};
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn repeaters() -> Result<(Vec<f64>, Vec<f64>), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(root().join("tests/data/cdnow_cbs_holdout.csv"))?;
    let (mut x, mut m) = (vec![], vec![]);
    for line in text.lines().skip(1) {
        let f: Vec<f64> = line.split(',').map(str::parse).collect::<Result<_, _>>()?;
        if f[1] > 0.0 {
            x.push(f[1]);
            m.push(f[5]);
        }
    }
    Ok((x, m))
}

#[test]
fn cdnow_repeaters_reproduce_note_025() -> TestResult {
    let (x, m) = repeaters()?;
    assert_eq!(x.len(), 946);
    let fit = GammaGammaFit::fit(&SpendHistories::new(&x, &m, None)?, 0.0)?;
    assert!(fit.converged);
    let r2 = |v: f64| (v * 100.0).round() / 100.0;
    assert_eq!([r2(fit.model.p()), r2(fit.model.q()), r2(fit.model.gamma())], [6.25, 3.74, 15.44]);
    assert_eq!(fit.n_customers, 946);
    assert!(fit.std_err.iter().all(Option::is_some));
    let json = fit.to_json()?;
    assert_eq!(GammaGammaFit::from_json(&json)?.to_json()?, json);
    let committed = std::fs::read_to_string(root().join("../../tests/vectors/purchase/gamma_gamma_cdnow_fit.json"))?;
    assert_eq!(json, committed.trim_end());
    // Weighted = exploded: the same rows twice, or once with weight 2.
    let doubled: Vec<f64> = x.iter().chain(&x).copied().collect();
    let doubled_m: Vec<f64> = m.iter().chain(&m).copied().collect();
    let a = GammaGammaFit::fit(&SpendHistories::new(&doubled, &doubled_m, None)?, 0.0)?;
    let b = GammaGammaFit::fit(&SpendHistories::new(&x, &m, Some(&vec![2.0; x.len()]))?, 0.0)?;
    for (p, q) in a.model.params_vec().iter().zip(b.model.params_vec()) {
        assert!((p - q).abs() < 1e-9 * p.abs());
    }
    Ok(())
}

trait ParamsVec {
    fn params_vec(&self) -> Vec<f64>;
}
impl ParamsVec for GammaGammaModel {
    fn params_vec(&self) -> Vec<f64> {
        vec![self.p(), self.q(), self.gamma()]
    }
}

#[test]
fn conditional_spend_is_the_note_025_weighted_mean() -> TestResult {
    let m = GammaGammaModel::new(6.25, 3.74, 15.44)?;
    let (p, q, g) = (6.25, 3.74, 15.44);
    let want = p * (g + 2.0 * 22.35) / (p * 2.0 + q - 1.0);
    assert!((m.conditional_expected_spend(2.0, 22.35)? - want).abs() < 1e-12 * want);
    assert!((m.conditional_expected_spend(0.0, 0.0)? - p * g / (q - 1.0)).abs() < 1e-12);
    let var = m.spend_variance()?;
    assert!((var - (p * g / (q - 1.0)).powi(2) / (q - 2.0)).abs() < 1e-9 * var);
    Ok(())
}

#[test]
fn q_at_most_one_is_an_infinite_mean_error_never_a_negative_value() -> TestResult {
    let m = GammaGammaModel::new(6.0, 0.9, 15.0)?;
    assert!(matches!(m.mean_spend(), Err(ModelError::InfiniteMeanSpend { .. })));
    let err = m.conditional_expected_spend(3.0, 20.0).err().ok_or("no error")?;
    assert_eq!(err.kind(), "infinite_mean_spend");
    assert!(err.to_string().contains("infinite"));
    assert_eq!(
        GammaGammaModel::new(6.0, 1.5, 15.0)?
            .spend_variance()
            .err()
            .and_then(|e| e.field().map(str::to_owned))
            .as_deref(),
        Some("q")
    );
    Ok(())
}

#[test]
fn bad_spend_rows_name_the_row() -> TestResult {
    let err = SpendHistories::new(&[1.0, 0.0], &[10.0, 5.0], None).err().ok_or("accepted x = 0")?;
    assert_eq!((err.field(), err.row()), (Some("frequency"), Some(1)));
    let err = SpendHistories::new(&[1.0, 2.0], &[10.0, -5.0], None).err().ok_or("accepted a negative")?;
    assert_eq!((err.field(), err.row()), (Some("monetary_value"), Some(1)));
    Ok(())
}

#[test]
fn customer_value_matches_mpmath_and_lifetimes_convention() -> TestResult {
    let text = std::fs::read_to_string(root().join("../../tests/vectors/purchase/bg_nbd.json"))?;
    let v: Value = serde_json::from_str(&text)?;
    for case in v["customer_value"].as_array().ok_or("customer_value")? {
        let f = |k: &str| case[k].as_f64().unwrap_or(f64::NAN);
        let p: Vec<f64> = case["params"].as_array().ok_or("params")?.iter().filter_map(Value::as_f64).collect();
        let mut options = ValueOptions::default();
        options.time_unit = TimeUnit::Week;
        options.margin = f("margin");
        options.discount_rate = f("discount_rate_monthly");
        options.convention =
            if case["convention"] == "lifetimes" { ValueConvention::Lifetimes } else { ValueConvention::Calendar };
        let (x, tx, t, s) = (f("frequency"), f("recency"), f("age"), f("spend"));
        let got = if case["model"] == "bg_nbd" {
            customer_value_one(&BgNbdModel::new(p[0], p[1], p[2], p[3])?, x, tx, t, s, &options)?
        } else {
            customer_value_one(&MbgNbdModel::new(p[0], p[1], p[2], p[3])?, x, tx, t, s, &options)?
        };
        let want = f("value");
        assert!((got - want).abs() < 1e-10 * want, "{case}: {got}");
    }
    Ok(())
}

#[test]
fn customer_value_columns_caps_and_annual_rates() -> TestResult {
    let m = BgNbdModel::new(0.243, 4.414, 0.793, 2.426)?;
    let mut options = ValueOptions::default();
    let (x, tx, t) = ([0.0, 2.0, 7.0], [0.0, 30.43, 35.0], [38.86, 38.86, 38.0]);
    let values = customer_value(&m, &x, &tx, &t, &[35.0], &options)?;
    for i in 0..3 {
        assert_eq!(values[i], customer_value_one(&m, x[i], tx[i], t[i], 35.0, &options)?);
    }
    // No discount: the value is spend x E[Y(12 months)].
    options.discount_rate = 0.0;
    let undiscounted = customer_value_one(&m, 2.0, 30.43, 38.86, 1.0, &options)?;
    let e = m.conditional_expected_purchases(12.0 * 365.25 / 12.0 / 7.0, 2.0, 30.43, 38.86)?;
    assert!((undiscounted - e).abs() < 1e-12 * e);
    // An annual rate equals its compounded monthly rate.
    options.discount_rate = 0.12;
    options.rate_period = RatePeriod::Annual;
    let annual = customer_value_one(&m, 2.0, 30.43, 38.86, 1.0, &options)?;
    options.discount_rate = 1.12_f64.powf(1.0 / 12.0) - 1.0;
    options.rate_period = RatePeriod::Monthly;
    assert!((annual - customer_value_one(&m, 2.0, 30.43, 38.86, 1.0, &options)?).abs() < 1e-14);
    options.horizon_months = 1201;
    let err = customer_value_one(&m, 2.0, 30.43, 38.86, 1.0, &options).err().ok_or("no cap")?;
    assert_eq!(err.field(), Some("horizon_months"));
    options.horizon_months = 12;
    let err = customer_value(&m, &x, &tx, &t, &[1.0, f64::NAN, 1.0], &options).err().ok_or("NaN spend")?;
    assert_eq!((err.field(), err.row()), (Some("spend"), Some(1)));
    Ok(())
}

#[test]
fn simulate_is_seeded_validates_frequency_and_gives_zero_for_no_repeat() -> TestResult {
    let m = GammaGammaModel::new(6.25, 3.74, 15.44)?;
    let a = m.simulate(&[1.0, 0.0, 5.0, 20.0], 3)?;
    assert_eq!(a, m.simulate(&[1.0, 0.0, 5.0, 20.0], 3)?);
    assert_ne!(a, m.simulate(&[1.0, 0.0, 5.0, 20.0], 4)?);
    assert_eq!(a[1], 0.0);
    assert!(a.iter().all(|v| v.is_finite() && *v >= 0.0));
    let field_row = |e: ModelError| (e.kind(), e.field().map(str::to_owned), e.row());
    for bad in [-1.0, 1.5, f64::NAN, 2e7] {
        assert_eq!(
            m.simulate(&[1.0, bad], 1).map_err(field_row),
            Err(("invalid_data", Some("frequency".to_owned()), Some(1))),
            "{bad}"
        );
    }
    // A rate nu that underflows (q at its lower bound) is an error naming q, never an infinite spend.
    let tiny = GammaGammaModel::new(1.0, 1e-8, 1.0)?;
    match tiny.simulate(&[1.0; 200], 5) {
        Ok(v) => assert!(v.iter().all(|s| s.is_finite() && *s > 0.0)),
        Err(e) => assert_eq!((e.kind(), e.field()), ("not_computable", Some("q"))),
    }
    Ok(())
}

/// The mean of many simulated customers with the same `x` is the population mean `p gamma / (q - 1)`.
#[test]
fn simulated_mean_spend_is_the_population_mean() -> TestResult {
    let m = GammaGammaModel::new(6.25, 3.74, 15.44)?;
    let spend = m.simulate(&[3.0; 200_000], 17)?;
    let mean = spend.iter().sum::<f64>() / spend.len() as f64;
    let sd = m.spend_variance()?.sqrt();
    // The mean of 200,000 draws: within 5 standard errors (the spread of zeta plus that of the 3 draws).
    assert!((mean - m.mean_spend()?).abs() < 5.0 * 2.0 * sd / (spend.len() as f64).sqrt(), "{mean}");
    Ok(())
}

mod recovery {
    use ltv_models::{GammaGammaFit, GammaGammaModel, ModelError, SpendHistories};
    use proptest::prelude::*;

    proptest! {
        // A fixed seed: the same grid on every run.
        #![proptest_config(ProptestConfig {
            cases: 12,
            rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_204),
            ..ProptestConfig::default()
        })]

        /// `GammaGammaModel::simulate` is faithful: refitting 20,000 simulated repeat customers (1 to 10
        /// repeat purchases) recovers each parameter within 5 standard errors.
        #[test]
        fn simulate_then_refit_recovers_the_parameters(
            p in 1.0..10.0_f64, q in 1.5..6.0_f64, gamma in 1.0..50.0_f64, seed in 0_u64..1000,
        ) {
            let fail = |e: ModelError| TestCaseError::fail(e.to_string());
            let truth = GammaGammaModel::new(p, q, gamma).map_err(fail)?;
            let frequency: Vec<f64> = (0..20_000).map(|i| f64::from(1 + i % 10)).collect();
            let spend = truth.simulate(&frequency, seed).map_err(fail)?;
            let fit = GammaGammaFit::fit(&SpendHistories::new(&frequency, &spend, None).map_err(fail)?, 0.0).map_err(fail)?;
            prop_assert!(fit.converged);
            for ((est, se), want) in [fit.model.p(), fit.model.q(), fit.model.gamma()].iter().zip(&fit.std_err).zip([p, q, gamma]) {
                let se = se.ok_or_else(|| TestCaseError::fail("no standard error"))?;
                prop_assert!((est - want).abs() < 5.0 * se, "{} vs {} (se {}) in {:?}", est, want, se, fit.model);
            }
        }
    }
}

/// The total log-likelihood of `data` under `(p, q, gamma)` (weights 1), by the per-customer formula.
fn total_ll(data: &[(f64, f64)], p: f64, q: f64, gamma: f64) -> Result<f64, ModelError> {
    let model = GammaGammaModel::new(p, q, gamma)?;
    data.iter().map(|&(x, m)| model.log_likelihood(x, m)).sum()
}

#[test]
fn q_at_least_one_gives_the_boundary_maximum_and_keeps_an_interior_one() -> TestResult {
    use ltv_models::SpendFitOptions;
    // Spend drawn with q = 0.7: the unconstrained maximum is at q < 1.
    let truth = GammaGammaModel::new(4.0, 0.7, 10.0)?;
    let frequency: Vec<f64> = (0..3_000).map(|i| f64::from(1 + i % 5)).collect();
    let spend = truth.simulate(&frequency, 5)?;
    let data = SpendHistories::new(&frequency, &spend, None)?;
    let free = GammaGammaFit::fit(&data, 0.0)?;
    assert!(free.model.q() < 1.0, "q = {}", free.model.q());
    let mut options = SpendFitOptions::with_penalty(0.0);
    options.q_at_least_one = true;
    let bound = GammaGammaFit::fit_with(&data, &options)?;
    assert!(bound.converged);
    assert_eq!(bound.model.q(), 1.0);
    assert!(bound.std_err[0].is_some() && bound.std_err[1].is_none() && bound.std_err[2].is_some());
    // Karush-Kuhn-Tucker, by central differences of the exact log-likelihood: stationary in p and gamma,
    // decreasing in q into the feasible side (q > 1).
    let rows: Vec<(f64, f64)> = frequency.iter().copied().zip(spend.iter().copied()).collect();
    let (p, g) = (bound.model.p(), bound.model.gamma());
    let ll = total_ll(&rows, p, 1.0, g)?;
    assert!((ll - bound.log_likelihood).abs() < 1e-9 * ll.abs());
    let h = 1e-5;
    let dp = (total_ll(&rows, p * (1.0 + h), 1.0, g)? - total_ll(&rows, p * (1.0 - h), 1.0, g)?) / (2.0 * h * p);
    let dg = (total_ll(&rows, p, 1.0, g * (1.0 + h))? - total_ll(&rows, p, 1.0, g * (1.0 - h))?) / (2.0 * h * g);
    let dq = (total_ll(&rows, p, 1.0 + h, g)? - ll) / h;
    assert!(dp.abs() < 1e-3 && dg.abs() < 1e-3, "gradient in p {dp}, in gamma {dg}");
    assert!(dq < 0.0, "dLL/dq at the bound = {dq}");
    // Every feasible point of a grid around it is no better.
    for qk in [1.05, 1.2, 1.5, 2.0] {
        for (fp, fg) in [(1.0, 1.0), (1.1, 1.0), (0.9, 1.0), (1.0, 1.1), (1.0, 0.9)] {
            assert!(total_ll(&rows, p * fp, qk, g * fg)? < ll);
        }
    }
    // An interior maximum (q >= 1) is returned unchanged by the constrained fit.
    let (x, m) = repeaters()?;
    let cdnow = SpendHistories::new(&x, &m, None)?;
    let plain = GammaGammaFit::fit(&cdnow, 0.0)?;
    let constrained = GammaGammaFit::fit_with(&cdnow, &options)?;
    assert_eq!(plain, constrained);
    Ok(())
}

#[test]
fn a_start_is_checked_and_used() -> TestResult {
    use ltv_models::SpendFitOptions;
    let (x, m) = repeaters()?;
    let data = SpendHistories::new(&x, &m, None)?;
    let plain = GammaGammaFit::fit(&data, 0.0)?;
    let mut options = SpendFitOptions::with_penalty(0.0);
    options.start = Some([5.0, 3.0, 12.0]);
    let started = GammaGammaFit::fit_with(&data, &options)?;
    let (a0, b0) = (
        [plain.model.p(), plain.model.q(), plain.model.gamma()],
        [started.model.p(), started.model.q(), started.model.gamma()],
    );
    for (a, b) in a0.iter().zip(b0) {
        assert!((a - b).abs() < 1e-6 * a.abs(), "{a} vs {b}");
    }
    options.start = Some([5.0, 0.0, 12.0]);
    let err = GammaGammaFit::fit_with(&data, &options).unwrap_err();
    assert!(matches!(err, ModelError::InvalidParameter { field: "start.q", .. }), "{err:?}");
    options.start = Some([5.0, 0.5, 12.0]);
    options.q_at_least_one = true;
    let err = GammaGammaFit::fit_with(&data, &options).unwrap_err();
    assert!(matches!(err, ModelError::InvalidParameter { field: "start.q", .. }), "{err:?}");
    Ok(())
}

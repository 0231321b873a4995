//! The ltv-models models on fuzzer-chosen data: the sBG fit on survival counts (bounded length), `SbgModel`
//! methods on arbitrary parameters and `t`, `cohort_ltv` with arbitrary options, `LeadScorer` training on
//! tiny tables, and the holdout metrics (`auc`, `log_loss`, `calibration`, `holdout_mask`).
//!
//! Checks: no panic; every `Ok` number finite; a successful fit or training writes a model file that reads
//! back equal. Bounds: `t <= 10^6` (`SbgModel::survival(t)` is O(t)), at most 8 cohorts of 64 ages, horizons
//! `<= 10^4`, at most 64 training rows and 50 Newton iterations, at most `MAX_ROWS` metric rows.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use ltv_fuzz::{MAX_ROWS, Num};
use ltv_models::{
    CohortLtvOptions, Growth, LeadColumn, LeadScorer, ModelError, SbgFit, SbgModel, ScorerOptions, auc, calibration,
    cohort_ltv, holdout_mask, log_loss,
};

const MAX_T: u32 = 1_000_000;

#[derive(Arbitrary, Debug)]
enum Counts {
    /// Any counts.
    Raw(Vec<u64>),
    /// A start and per-age losses: a valid, non-increasing cohort unless the losses exceed the start.
    Decreasing { start: u32, losses: Vec<u16> },
}

impl Counts {
    fn get(&self) -> Vec<u64> {
        match self {
            Counts::Raw(v) => v.iter().take(64).copied().collect(),
            Counts::Decreasing { start, losses } => {
                let mut v = vec![u64::from(*start)];
                for l in losses.iter().take(63) {
                    let last = *v.last().unwrap_or(&0);
                    v.push(last.saturating_sub(u64::from(*l)));
                }
                v
            }
        }
    }
}

#[derive(Arbitrary, Debug)]
struct LeadRow {
    x: Num,
    y: Num,
    category: u8,
    converted: u8,
    weight: Num,
}

#[derive(Arbitrary, Debug)]
enum Op {
    Fit(Vec<Counts>),
    Model {
        alpha: Num,
        beta: Num,
        t: u32,
        d: Num,
        n: u32,
    },
    CohortLtv {
        surviving: Counts,
        active: Vec<u32>,
        revenue: Vec<Num>,
        margin: Num,
        discount: Num,
        horizon: Option<u16>,
        growth: (u8, Num),
        model: Option<(Num, Num)>,
    },
    Scorer {
        rows: Vec<LeadRow>,
        c: Num,
        standardize: bool,
        tolerance: Num,
        max_iterations: u8,
        weighted: bool,
    },
    Metrics {
        scores: Vec<(Num, u8)>,
        bins: u8,
        n_rows: u16,
        fraction: Num,
        seed: u64,
    },
}

fn ok_finite(what: &str, r: Result<f64, ModelError>) {
    match r {
        Ok(v) => assert!(v.is_finite(), "{what}: Ok result is not finite: {v}"),
        Err(e) => {
            let _ = (e.to_string(), e.kind(), e.field(), e.row());
        }
    }
}

fn check_model(model: &SbgModel, t: u32, d: f64, n: u32) {
    let t = t % (MAX_T + 1);
    let s = model.survival(t);
    assert!(s.is_finite() && (0.0..=1.0).contains(&s), "survival({t}) = {s} for {model:?}");
    ok_finite("retention", model.retention(t));
    ok_finite("churn_probability", model.churn_probability(t));
    ok_finite("expected_lifetime", model.expected_lifetime());
    let n = n % (MAX_T + 1);
    ok_finite("discounted_expected_lifetime", model.discounted_expected_lifetime(d));
    ok_finite("discounted_expected_residual_lifetime", model.discounted_expected_residual_lifetime(d, n));
    for s in model.survival_curve(t % 4096).expect("a curve within MAX_PERIODS") {
        assert!(s.is_finite(), "survival_curve: {s} for {model:?}");
    }
    let json = model.to_json().expect("a model writes");
    assert_eq!(SbgModel::from_json(&json).as_ref(), Ok(model), "{json} reads back as another model");
}

fn check_fit(fit: &SbgFit) {
    assert!(fit.log_likelihood.is_finite(), "fit log_likelihood {fit:?}");
    for se in [fit.std_err_alpha(), fit.std_err_beta()].into_iter().flatten() {
        assert!(se.is_finite(), "fit std_err {fit:?}");
    }
    let json = fit.to_json().expect("a fit writes");
    assert_eq!(SbgFit::from_json(&json).as_ref(), Ok(fit), "{json} reads back as another fit");
}

fn scorer(rows: &[LeadRow], c: f64, standardize: bool, tolerance: f64, max_iterations: u8, weighted: bool) {
    let rows = &rows[..rows.len().min(64)];
    let x: Vec<f64> = rows.iter().map(|r| r.x.f64()).collect();
    let y: Vec<f64> = rows.iter().map(|r| r.y.f64()).collect();
    const CATEGORIES: [&str; 4] = ["organic", "paid", "referral", ""];
    let cat: Vec<&str> = rows.iter().map(|r| CATEGORIES[usize::from(r.category % 4)]).collect();
    // Target 0/1 mostly, sometimes another value (an error to reach).
    let target: Vec<f64> = rows
        .iter()
        .map(|r| if r.converted < 250 { f64::from(r.converted % 2) } else { f64::from(r.converted) })
        .collect();
    let weights: Vec<f64> = rows.iter().map(|r| r.weight.f64()).collect();
    let features = [LeadColumn::numeric("x", &x), LeadColumn::numeric("y", &y), LeadColumn::labels("channel", &cat)];
    let target_col = LeadColumn::numeric("converted", &target);
    let options = ScorerOptions::with_c(c)
        .standardize(standardize)
        .convergence(tolerance, u32::from(max_iterations % 51))
        .parallel(false);
    let fitted = LeadScorer::fit(&features, &target_col, weighted.then_some(&weights[..]), options);
    let Ok(scorer) = fitted else { return };
    let json = scorer.to_json().expect("a trained scorer writes");
    assert_eq!(LeadScorer::from_json(&json).as_ref(), Ok(&scorer), "{json} reads back as another scorer");
    match scorer.predict_proba(&features) {
        Ok(p) => p.iter().for_each(|p| assert!((0.0..=1.0).contains(p), "predict_proba {p}")),
        Err(e) => {
            let _ = e.to_string();
        }
    }
    if let Ok(d) = scorer.decision_function(&features) {
        d.iter().for_each(|v| assert!(v.is_finite(), "decision_function {v}"));
    }
    if let Ok(v) = scorer.lead_values(&features, &y) {
        v.iter().for_each(|v| assert!(v.is_finite(), "lead_values {v}"));
    }
    let t = scorer.training();
    assert!(t.objective.is_finite() && t.log_loss.is_finite(), "training stats {t:?}");
}

fuzz_target!(|op: Op| {
    match op {
        Op::Fit(cohorts) => {
            let cohorts: Vec<Vec<u64>> = cohorts.iter().take(8).map(Counts::get).collect();
            let result = if cohorts.len() == 1 { SbgFit::fit(&cohorts[0]) } else { SbgFit::fit_cohorts(&cohorts) };
            match result {
                Ok(fit) => {
                    check_fit(&fit);
                    check_model(&fit.model, 12, 0.1, 3);
                    ok_finite("log_likelihood", fit.model.log_likelihood(&cohorts));
                }
                Err(e) => {
                    let _ = (e.to_string(), e.kind(), e.field(), e.row());
                }
            }
        }
        Op::Model { alpha, beta, t, d, n } => {
            if let Ok(model) = SbgModel::new(alpha.f64(), beta.f64()) {
                check_model(&model, t, d.f64(), n);
            }
        }
        Op::CohortLtv { surviving, active, revenue, margin, discount, horizon, growth, model } => {
            let surviving = surviving.get();
            let len = surviving.len();
            // Mostly the same length as `surviving` (a length mismatch is one of the errors to reach).
            let active: Vec<u64> = active.iter().take(len.max(1)).map(|&a| u64::from(a)).collect();
            let revenue: Vec<f64> = revenue.iter().take(len.max(1)).map(|r| r.f64()).collect();
            let mut options = CohortLtvOptions::new(margin.f64(), discount.f64());
            if let Some(h) = horizon {
                options = options.with_horizon(u32::from(h) % 10_001);
            }
            options = options.with_growth(match growth.0 % 3 {
                0 => Growth::None,
                1 => Growth::Observed,
                _ => Growth::Fixed(growth.1.f64()),
            });
            if let Some((a, b)) = model {
                match SbgModel::new(a.f64(), b.f64()) {
                    Ok(m) => options = options.with_model(m),
                    Err(_) => return,
                }
            }
            match cohort_ltv(&surviving, &active, &revenue, &options) {
                Ok(v) => {
                    for x in
                        [v.observed_value, v.projected_value, v.ltv_per_customer, v.growth_rate, v.margin_per_active]
                    {
                        assert!(x.is_finite(), "cohort_ltv: non-finite value in {v:?}");
                    }
                    for age in &v.projection {
                        for x in [age.customers, age.margin, age.discounted_margin, age.cumulative_value] {
                            assert!(x.is_finite(), "cohort_ltv: non-finite projection {age:?}");
                        }
                    }
                }
                Err(e) => {
                    let _ = (e.to_string(), e.kind(), e.field(), e.row());
                }
            }
        }
        Op::Scorer { rows, c, standardize, tolerance, max_iterations, weighted } => {
            scorer(&rows, c.f64(), standardize, tolerance.f64(), max_iterations, weighted);
        }
        Op::Metrics { scores, bins, n_rows, fraction, seed } => {
            let scores = &scores[..scores.len().min(MAX_ROWS)];
            let p: Vec<f64> = scores.iter().map(|(s, _)| s.f64()).collect();
            let target: Vec<f64> = scores.iter().map(|(_, t)| f64::from(t % 3)).collect();
            ok_finite("auc", auc(&p, &target));
            ok_finite("log_loss", log_loss(&p, &target));
            if let Ok(table) = calibration(&p, &target, usize::from(bins)) {
                for b in table {
                    for x in [b.min_predicted, b.max_predicted, b.mean_predicted, b.observed_rate] {
                        assert!(x.is_finite(), "calibration: {b:?}");
                    }
                }
            }
            if let Ok(mask) = holdout_mask(usize::from(n_rows), fraction.f64(), seed) {
                assert_eq!(mask.len(), usize::from(n_rows));
            }
        }
    }
});

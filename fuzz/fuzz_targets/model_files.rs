//! The ltv-models file parsers on arbitrary bytes: `SbgModel::from_json`, `SbgFit::from_json` and
//! `LeadScorer::from_json` (the seed corpus is the valid files of tests/vectors/sbg and tests/vectors/scorer,
//! so libFuzzer's mutations stay close to the format).
//!
//! Checks, for a file that parses: `to_json -> from_json` gives an equal value and the same JSON again;
//! every prediction method on a grid of awkward inputs (0, huge, negative, NaN, infinite) returns `Ok`
//! with finite values or `Err`, never a panic; a `SbgFit`'s file also parses as a bare `SbgModel`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ltv_models::{FeatureSpec, LeadColumn, LeadScorer, ModelError, SbgFit, SbgModel};

const TS: [u32; 7] = [0, 1, 2, 7, 100, 1000, 1_000_000];
const DS: [f64; 9] = [0.0, 1e-300, 1e-9, 0.1, 1.0, 1e300, -0.1, f64::NAN, f64::INFINITY];
const XS: [f64; 8] = [0.0, -1.0, 3.5, 1e300, -1e300, 5e-324, f64::NAN, f64::NEG_INFINITY];

fn finite(what: &str, r: Result<f64, ModelError>) {
    match r {
        Ok(v) => assert!(v.is_finite(), "{what}: Ok result is not finite: {v}"),
        Err(e) => {
            let _ = (e.to_string(), e.kind(), e.field(), e.row());
        }
    }
}

fn all_finite(what: &str, r: Result<Vec<f64>, ModelError>) {
    match r {
        Ok(vs) => vs.iter().for_each(|v| assert!(v.is_finite(), "{what}: Ok result is not finite: {v}")),
        Err(e) => {
            let _ = (e.to_string(), e.kind(), e.field(), e.row());
        }
    }
}

fn sbg_predictions(model: &SbgModel) {
    for t in TS {
        let s = model.survival(t);
        assert!(s.is_finite() && (0.0..=1.0).contains(&s), "survival({t}) = {s} for {model:?}");
        finite("retention", model.retention(t));
        finite("churn_probability", model.churn_probability(t));
    }
    model.survival_curve(1000).expect("a curve within MAX_PERIODS").iter().for_each(|s| assert!(s.is_finite(), "survival_curve: {s} for {model:?}"));
    finite("expected_lifetime", model.expected_lifetime());
    for d in DS {
        finite("discounted_expected_lifetime", model.discounted_expected_lifetime(d));
        for n in [0, 1, 5, 1000] {
            finite("discounted_expected_residual_lifetime", model.discounted_expected_residual_lifetime(d, n));
        }
    }
    finite("log_likelihood", model.log_likelihood(&[vec![1000_u64, 869, 743, 653]]));
}

fn scorer_predictions(scorer: &LeadScorer) {
    let n = XS.len();
    let names: Vec<String> = scorer.features().iter().map(|f| f.name().to_owned()).collect();
    let mut numeric: Vec<Vec<f64>> = Vec::new();
    let mut labels: Vec<Vec<&str>> = Vec::new();
    for f in scorer.features() {
        match f {
            FeatureSpec::Numeric { .. } => numeric.push(XS.to_vec()),
            FeatureSpec::Categorical { categories, .. } => {
                labels.push((0..n).map(|i| categories.get(i).map_or("a label never seen", String::as_str)).collect())
            }
            _ => {}
        }
    }
    let (mut ni, mut li) = (0, 0);
    let mut columns: Vec<LeadColumn<'_>> = Vec::new();
    for (f, name) in scorer.features().iter().zip(&names) {
        match f {
            FeatureSpec::Numeric { .. } => {
                columns.push(LeadColumn::numeric(name, &numeric[ni]));
                ni += 1;
            }
            FeatureSpec::Categorical { .. } => {
                columns.push(LeadColumn::labels(name, &labels[li]));
                li += 1;
            }
            _ => {}
        }
    }
    let _ = scorer.coefficient_names();
    let _ = (scorer.target(), scorer.coefficients(), scorer.intercept(), scorer.c(), scorer.standardized());
    let _ = scorer.training();
    // A covariance read from a file is finite and positive definite: finite standard errors and summary rows.
    if let Ok(rows) = scorer.summary() {
        for r in &rows {
            let numbers = [r.estimate, r.std_err, r.lower_95, r.upper_95, r.z, r.p_value];
            assert!(numbers.iter().all(|v| v.is_finite()) && r.std_err > 0.0, "summary: {r:?}");
        }
    }
    if let Ok(p) = scorer.predict_proba(&columns) {
        p.iter().for_each(|p| assert!((0.0..=1.0).contains(p), "predict_proba: {p}"));
    }
    all_finite("decision_function", scorer.decision_function(&columns));
    all_finite("lead_values", scorer.lead_values(&columns, &[1.0, 0.0, 2e4, 1e300, -1.0, f64::NAN, 3.0, 4.0]));
    let target = [0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0];
    let target_name = scorer.target().to_owned();
    let mut with_target = columns.clone();
    with_target.push(LeadColumn::numeric(&target_name, &target));
    for bins in [0, 1, 3, 10] {
        if let Ok(e) = scorer.evaluate(&with_target, bins) {
            assert!(e.auc.is_finite() && e.log_loss.is_finite(), "evaluate: {e:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(model) = SbgModel::from_json(&text) {
        let json = model.to_json().expect("a parsed model writes");
        let back = SbgModel::from_json(&json).expect("a written model reads");
        assert_eq!(back, model, "SbgModel: {json} reads back as another model");
        assert_eq!(back.to_json().expect("writes"), json);
        sbg_predictions(&model);
    }
    if let Ok(fit) = SbgFit::from_json(&text) {
        let json = fit.to_json().expect("a parsed fit writes");
        let back = SbgFit::from_json(&json).expect("a written fit reads");
        assert_eq!(back, fit, "SbgFit: {json} reads back as another fit");
        assert_eq!(back.to_json().expect("writes"), json);
        assert_eq!(SbgModel::from_json(&text).ok(), Some(fit.model), "a fit's file is a model file too");
        sbg_predictions(&fit.model);
    }
    if let Ok(scorer) = LeadScorer::from_json(&text) {
        let json = scorer.to_json().expect("a parsed scorer writes");
        let back = LeadScorer::from_json(&json).expect("a written scorer reads");
        assert_eq!(back, scorer, "LeadScorer: {json} reads back as another scorer");
        assert_eq!(back.to_json().expect("writes"), json);
        scorer_predictions(&scorer);
    }
});

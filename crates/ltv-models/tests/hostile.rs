//! Hostile input (issue 10), the model slice: resource caps, parameter domains, model files that
//! validate but would compute garbage, and debug assertions reachable from public input. Each test
//! names the class it guards; every call must return a finite value or a typed error, quickly.

use std::time::{Duration, Instant};

use ltv_models::{
    CohortLtvOptions, CohortTable, LeadColumn, LeadScorer, MAX_COEFFICIENT, MAX_FEATURE_MAGNITUDE, MAX_PARAMETER,
    MAX_PERIODS, MAX_SCORER_ITERATIONS, MAX_TABLE_AGES, MIN_FEATURE_SCALE, MIN_PARAMETER, ModelError, SbgFit, SbgModel,
    ScorerOptions, cohort_ltv, cohort_ltv_table,
};
use proptest::prelude::*;

/// Runs `f`, asserting it returns within `limit` (these calls are O(1) or capped).
fn quick<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    assert!(start.elapsed() < limit, "took {:?}", start.elapsed());
    out
}

// --- Resource exhaustion -----------------------------------------------------------------------------

#[test]
fn survival_at_huge_t_is_closed_form_and_fast() {
    let m = SbgModel::new(0.7, 1.2).unwrap();
    let s = quick(Duration::from_millis(50), || m.survival(1 << 31));
    // S(t) ~ Γ(a + b) / Γ(b) t^-a for large t.
    let asymptotic = (2.0_f64.powi(31)).powf(-0.7) * (ln_gamma_ratio(1.9, 1.2)).exp();
    assert!(s > 0.0 && (s / asymptotic - 1.0).abs() < 1e-6, "{s} vs {asymptotic}");
    let s = quick(Duration::from_millis(50), || m.survival(u32::MAX));
    assert!(s.is_finite() && s > 0.0);
    assert!(quick(Duration::from_millis(50), || m.churn_probability(u32::MAX)).unwrap().is_finite());
}

/// `ln Γ(x) - ln Γ(y)` by the product for the tests' values (`x - y` whole or a few steps).
fn ln_gamma_ratio(x: f64, y: f64) -> f64 {
    // Γ(1.9) / Γ(1.2) from tables: Γ(1.9) = 0.9617658319, Γ(1.2) = 0.9181687424.
    assert!((x - 1.9).abs() < 1e-12 && (y - 1.2).abs() < 1e-12);
    (0.961_765_831_907_387_f64 / 0.918_168_742_399_761).ln()
}

#[test]
fn closed_form_survival_joins_the_recursion() {
    // Past 1024 the closed form continues the product: compare with the curve (the product) at 3000.
    for (alpha, beta) in [(0.7, 1.2), (1e-8, 1e8), (3.8, 15.2), (50.0, 0.5)] {
        let m = SbgModel::new(alpha, beta).unwrap();
        let curve = m.survival_curve(3000).unwrap();
        for t in [1024_u32, 1025, 2000, 3000] {
            let (got, want) = (m.survival(t), curve[t as usize]);
            assert!((got - want).abs() <= 1e-12 * want, "({alpha}, {beta}) S({t}) = {got}, product {want}");
        }
        // Bit for bit the product up to 1024.
        assert_eq!(m.survival(1000).to_bits(), curve[1000].to_bits());
    }
}

#[test]
fn curves_and_horizons_are_capped_before_allocating() {
    let m = SbgModel::new(0.7, 1.2).unwrap();
    let err = quick(Duration::from_millis(50), || m.survival_curve(u32::MAX)).unwrap_err();
    assert!(matches!(err, ModelError::InvalidPeriod { field: "periods", value: u32::MAX, .. }), "{err}");
    assert_eq!(err.field(), Some("periods"));
    assert!(err.to_string().contains("1000000"), "{err}");
    assert_eq!(m.survival_curve(MAX_PERIODS).unwrap().len(), MAX_PERIODS as usize + 1);

    let options = CohortLtvOptions::new(0.8, 0.01).with_model(m).with_horizon(u32::MAX);
    let err =
        quick(Duration::from_millis(50), || cohort_ltv(&[100, 60], &[100, 60], &[10.0, 6.0], &options)).unwrap_err();
    assert!(matches!(err, ModelError::InvalidPeriod { field: "horizon", value: u32::MAX, .. }), "{err}");
    assert_eq!(err.value(), Some(f64::from(u32::MAX)));

    // A table: cohorts x horizon is capped too.
    let labels: Vec<String> = (0..10).map(|i| i.to_string()).collect();
    let codes: Vec<usize> = (0..10).collect();
    let zeros = vec![0_u64; 10];
    let size = vec![100_u64; 10];
    let revenue = vec![1.0; 10];
    let table = CohortTable::new(&codes, &labels, &zeros, &size, &size, &revenue);
    let horizon = u32::try_from(MAX_TABLE_AGES / 10 + 1).unwrap();
    let options = CohortLtvOptions::new(0.8, 0.01).with_model(m).with_horizon(horizon);
    let err = quick(Duration::from_millis(50), || cohort_ltv_table(&table, &options, false)).unwrap_err();
    assert!(matches!(err, ModelError::InvalidPeriod { field: "horizon", .. }), "{err}");
}

#[test]
fn no_debug_assertion_is_reachable_from_accepted_models() {
    // alpha + beta + n rounds to beta + n: the series is the geometric limit, not an assertion failure.
    let m = SbgModel::new(MIN_PARAMETER, 1.0).unwrap();
    for d in [1e-3, 0.1, 10.0] {
        for n in [1, 1000, u32::MAX] {
            let derl = m.discounted_expected_residual_lifetime(d, n).unwrap();
            assert!(derl.is_finite() && derl > 0.0 && derl <= (1.0 + d) / d * (1.0 + 1e-12), "{derl}");
        }
        assert!(m.discounted_expected_lifetime(d).unwrap().is_finite());
    }
    // A discount rate so small that 1 / (1 + d) rounds to 1: an error naming it.
    let err = m.discounted_expected_lifetime(1e-17).unwrap_err();
    assert_eq!(err.field(), Some("discount_rate"));
    assert_eq!(err.value(), Some(1e-17));
}

// --- Parameters that validate but compute garbage -------------------------------------------------

#[test]
fn parameters_outside_the_domain_are_errors() {
    for (alpha, beta, field) in [
        (f64::MAX, 1.0, "alpha"),
        (1.0, f64::MAX, "beta"),
        (1e-17, 1.0, "alpha"),
        (5e-324, 1.0, "alpha"),
        (1.0, 1e-300, "beta"),
        (MAX_PARAMETER * 1.000_001, 1.0, "alpha"),
    ] {
        let err = SbgModel::new(alpha, beta).unwrap_err();
        assert!(matches!(err, ModelError::InvalidParameter { .. }), "{err}");
        assert_eq!(err.field(), Some(field));
        let value = if field == "alpha" { alpha } else { beta };
        assert_eq!(err.value(), Some(value));
        let json = format!(r#"{{"model":"sbg","format_version":1,"alpha":{alpha:e},"beta":{beta:e}}}"#);
        assert_eq!(SbgModel::from_json(&json).unwrap_err().field(), Some(field));
    }
    assert!(SbgModel::new(MIN_PARAMETER, MAX_PARAMETER).is_ok());
}

#[test]
fn a_fit_outside_the_domain_is_no_finite_maximum() {
    // Almost nobody churns: alpha runs to 0 (or beta to infinity).
    let err = SbgFit::fit(&[1_000_000_000, 999_999_999, 999_999_999, 999_999_999]).unwrap_err();
    assert!(matches!(err, ModelError::NoFiniteMaximum { .. }), "{err}");
    assert!(!err.to_string().contains("sBG likelihood"));
}

#[test]
fn duplicate_keys_are_rejected_in_every_model_file() {
    let dup = r#"{"model":"sbg","format_version":1,"alpha":1,"alpha":2,"beta":1}"#;
    let err = SbgModel::from_json(dup).unwrap_err();
    assert!(matches!(err, ModelError::Json { .. }) && err.to_string().contains("duplicate key `alpha`"), "{err}");
    let dup_header = r#"{"model":"sbg","model":"sbg","format_version":1,"alpha":1,"beta":1}"#;
    assert!(SbgModel::from_json(dup_header).unwrap_err().to_string().contains("duplicate key `model`"));
    let fit = SbgFit::fit(&[1000, 631, 468, 382, 326, 289, 262, 241]).unwrap().to_json().unwrap();
    let dup_fit = fit.replace(r#""converged":true"#, r#""converged":true,"converged":false"#);
    assert!(SbgFit::from_json(&dup_fit).unwrap_err().to_string().contains("duplicate key `converged`"));
    // Through serde too.
    assert!(serde_json::from_str::<SbgModel>(dup).is_err());

    let scorer = trained().to_json().unwrap();
    let dup_scorer = scorer.replacen(r#""intercept":"#, r#""intercept":0.0,"intercept":"#, 1);
    let err = LeadScorer::from_json(&dup_scorer).unwrap_err();
    assert!(err.to_string().contains("duplicate key `intercept`"), "{err}");
    assert!(serde_json::from_str::<LeadScorer>(&dup_scorer).is_err());
}

fn trained() -> LeadScorer {
    let x = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
    let y = [0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0];
    LeadScorer::fit(
        &[LeadColumn::numeric("x", &x)],
        &LeadColumn::numeric("converted", &y),
        None,
        ScorerOptions::with_c(1.0),
    )
    .unwrap()
}

#[test]
fn scorer_files_that_would_score_inf_or_nan_are_rejected() {
    let json = trained().to_json().unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let edit = |path: &[&str], index: Option<usize>, new: serde_json::Value| {
        let mut v = value.clone();
        let mut cursor = &mut v;
        for key in path {
            cursor = &mut cursor[*key];
        }
        if let Some(i) = index {
            cursor = &mut cursor[i];
        }
        *cursor = new;
        LeadScorer::from_json(&v.to_string())
    };
    let err = edit(&["coefficients"], Some(0), serde_json::json!(1e300)).unwrap_err();
    assert_eq!((err.field(), err.value()), (Some("coefficients"), Some(1e300)));
    let err = edit(&["intercept"], None, serde_json::json!(-1e200)).unwrap_err();
    assert_eq!((err.field(), err.value()), (Some("intercept"), Some(-1e200)));
    let err =
        edit(&["features"], Some(0), serde_json::json!({"type": "numeric", "name": "x", "mean": 3.5, "scale": 5e-324}))
            .unwrap_err();
    assert_eq!((err.field(), err.value()), (Some("features.scale"), Some(5e-324)));
    let err =
        edit(&["features"], Some(0), serde_json::json!({"type": "numeric", "name": "x", "mean": 1e200, "scale": 1.0}))
            .unwrap_err();
    assert_eq!((err.field(), err.value()), (Some("features.mean"), Some(1e200)));
    const { assert!(MAX_COEFFICIENT >= 1e100 && MIN_FEATURE_SCALE <= 1e-100) };
}

#[test]
fn scores_are_finite_or_an_error_naming_the_row() {
    let scorer = trained();
    let x = [1.0, MAX_FEATURE_MAGNITUDE, -MAX_FEATURE_MAGNITUDE];
    let eta = scorer.decision_function(&[LeadColumn::numeric("x", &x)]).unwrap();
    assert!(eta.iter().all(|e| e.is_finite()));
    let x = [1.0, 2e100];
    let err = scorer.predict_proba(&[LeadColumn::numeric("x", &x)]).unwrap_err();
    assert_eq!((err.field(), err.row()), (Some("x"), Some(1)));
}

#[test]
fn huge_training_features_are_errors_not_dropped() {
    let x = [0.0, 1.0, 2.0, 1e153, 4.0, 5.0];
    let y = [0.0, 0.0, 1.0, 0.0, 1.0, 1.0];
    let err = LeadScorer::fit(
        &[LeadColumn::numeric("x", &x)],
        &LeadColumn::numeric("converted", &y),
        None,
        ScorerOptions::default(),
    )
    .unwrap_err();
    assert_eq!((err.kind(), err.field(), err.row()), ("invalid_data", Some("x"), Some(3)));
    // Values that vary by less than the smallest scale: an error naming the column.
    let x = [0.0, 1e-120, 2e-120, 0.0, 1e-120, 2e-120];
    let err = LeadScorer::fit(
        &[LeadColumn::numeric("x", &x)],
        &LeadColumn::numeric("converted", &y),
        None,
        ScorerOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("x"));
}

#[test]
fn training_iterations_are_capped() {
    let x = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
    let y = [0.0, 0.0, 1.0, 0.0, 1.0, 1.0];
    let fit = |max| {
        let options = ScorerOptions::default().convergence(1e-300, max);
        LeadScorer::fit(&[LeadColumn::numeric("x", &x)], &LeadColumn::numeric("converted", &y), None, options)
    };
    let err = fit(u32::MAX).unwrap_err();
    assert_eq!((err.field(), err.value()), (Some("max_iterations"), Some(f64::from(u32::MAX))));
    let scorer = quick(Duration::from_secs(5), || fit(MAX_SCORER_ITERATIONS)).unwrap();
    assert!(scorer.training().iterations <= MAX_SCORER_ITERATIONS);
}

#[test]
fn no_message_names_the_wrong_model() {
    let err = ModelError::NoFiniteMaximum { reason: "the lead scorer's Hessian cannot be factorised" };
    assert!(!err.to_string().contains("sBG"), "{err}");
}

// --- Every accepted model gives finite outputs ----------------------------------------------------

fn log_uniform() -> impl Strategy<Value = f64> {
    (MIN_PARAMETER.log10()..=MAX_PARAMETER.log10()).prop_map(|e| 10f64.powf(e).clamp(MIN_PARAMETER, MAX_PARAMETER))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn every_accepted_model_gives_finite_outputs(
        alpha in log_uniform(),
        beta in log_uniform(),
        t in prop_oneof![0u32..100, any::<u32>()],
        d in prop_oneof![Just(1e-3), 1e-3f64..10.0, Just(1e6)],
    ) {
        let m = SbgModel::new(alpha, beta).unwrap();
        let s = m.survival(t);
        prop_assert!(s.is_finite() && (0.0..=1.0).contains(&s));
        if t >= 1 {
            let r = m.retention(t).unwrap();
            prop_assert!(r.is_finite() && (0.0..=1.0).contains(&r));
            let p = m.churn_probability(t).unwrap();
            prop_assert!(p.is_finite() && (0.0..=1.0).contains(&p));
        }
        match m.expected_lifetime() {
            Ok(e) => prop_assert!(e.is_finite() && e >= 1.0),
            Err(err) => prop_assert_eq!(err.kind(), "infinite_lifetime"),
        }
        match m.discounted_expected_lifetime(d) {
            Ok(del) => prop_assert!(del.is_finite() && del >= 1.0 * (1.0 - 1e-12)),
            Err(err) => prop_assert_eq!(err.kind(), "series_not_converged"),
        }
        match m.discounted_expected_residual_lifetime(d, t.max(1)) {
            Ok(derl) => prop_assert!(derl.is_finite() && derl >= 0.0),
            Err(err) => prop_assert_eq!(err.kind(), "series_not_converged"),
        }
        let ll = m.log_likelihood(&[[1000_u64, 600, 400]]).unwrap();
        prop_assert!(ll.is_finite() && ll <= 0.0);
    }

    #[test]
    fn corrupted_model_files_are_values_or_typed_errors(
        position in 0usize..64,
        byte in any::<u8>(),
    ) {
        let json = SbgFit::fit(&[1000, 631, 468, 382, 326, 289, 262, 241]).unwrap().to_json().unwrap();
        let mut bytes = json.into_bytes();
        let i = position % bytes.len();
        bytes[i] = byte;
        if let Ok(text) = String::from_utf8(bytes)
            && let Ok(m) = SbgModel::from_json(&text)
        {
            prop_assert!(m.survival(10).is_finite() && m.discounted_expected_lifetime(0.1).is_ok());
        }
    }
}

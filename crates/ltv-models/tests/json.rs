//! The JSON model file: round trips, the documented layout, and rejection of bad files.

use ltv_models::{FORMAT_VERSION, ModelError, SBG_MODEL_TAG, SbgFit, SbgModel};
use proptest::prelude::*;

const REGULAR: [u64; 8] = [1000, 631, 468, 382, 326, 289, 262, 241];

#[test]
fn model_round_trips_and_has_the_documented_layout() -> Result<(), ModelError> {
    let m = SbgModel::new(0.704, 1.182)?;
    let json = m.to_json()?;
    assert_eq!(json, r#"{"model":"sbg","format_version":1,"alpha":0.704,"beta":1.182}"#);
    assert_eq!(SbgModel::from_json(&json)?, m);
    assert_eq!((SBG_MODEL_TAG, FORMAT_VERSION), ("sbg", 1));
    Ok(())
}

#[test]
fn fit_round_trips_and_has_the_documented_layout() -> Result<(), ModelError> {
    let fit = SbgFit::fit(&REGULAR)?;
    let json = fit.to_json()?;
    assert_eq!(SbgFit::from_json(&json)?, fit);
    // The same file read as a bare model keeps the parameters.
    assert_eq!(SbgModel::from_json(&json)?, fit.model);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["model"], "sbg");
    assert_eq!(value["format_version"], 1);
    assert_eq!(value["alpha"].as_f64(), Some(fit.model.alpha()));
    let f = &value["fit"];
    let mut keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["converged", "iterations", "log_likelihood", "n_cohorts", "n_customers", "std_err_alpha", "std_err_beta"]
    );
    assert_eq!(f["n_customers"], 1000);
    assert_eq!(f["converged"], true);
    // serde impls write and read the same file.
    assert_eq!(serde_json::to_string(&fit).unwrap(), json);
    assert_eq!(serde_json::from_str::<SbgFit>(&json).unwrap(), fit);
    Ok(())
}

#[test]
fn files_written_by_hand_are_read() -> Result<(), ModelError> {
    // Keys in another order, integers for floats, whitespace, null standard errors.
    let json = r#"{
        "beta": 2, "alpha": 1, "format_version": 1, "model": "sbg",
        "fit": {"converged": false, "iterations": 3, "n_cohorts": 2, "n_customers": 50,
                "std_err_beta": null, "std_err_alpha": null, "log_likelihood": -12.5}
    }"#;
    let fit = SbgFit::from_json(json)?;
    assert_eq!(fit.model, SbgModel::new(1.0, 2.0)?);
    assert_eq!((fit.std_err_alpha(), fit.n_cohorts, fit.converged), (None, 2, false));
    Ok(())
}

#[test]
fn bad_files_are_rejected_with_a_reason() {
    let cases: [(&str, &str); 17] = [
        ("not json", "invalid JSON model file"),
        ("[1, 2]", "expected a JSON object"),
        (r#"{"format_version":1,"alpha":1,"beta":1}"#, "missing field `model`"),
        (r#"{"model":"bgnbd","format_version":1,"alpha":1,"beta":1}"#, "unknown model \"bgnbd\""),
        (r#"{"model":7,"format_version":1,"alpha":1,"beta":1}"#, "unknown model \"7\""),
        (r#"{"model":"sbg","alpha":1,"beta":1}"#, "missing field `format_version`"),
        (r#"{"model":"sbg","format_version":2,"alpha":1,"beta":1}"#, "unsupported format_version 2"),
        (r#"{"model":"sbg","format_version":"1","alpha":1,"beta":1}"#, "unsupported format_version \"1\""),
        (r#"{"model":"sbg","format_version":1,"alpha":-1,"beta":1}"#, "invalid alpha: got -1"),
        (r#"{"model":"sbg","format_version":1,"alpha":1,"beta":0}"#, "invalid beta: got 0"),
        (r#"{"model":"sbg","format_version":1,"alpha":1}"#, "missing field `beta`"),
        (r#"{"model":"sbg","format_version":1,"alpha":"1","beta":1}"#, "invalid type"),
        (r#"{"model":"sbg","format_version":1,"alpha":1,"beta":1,"gamma":1}"#, "unknown field `gamma`"),
        (r#"{"model":"sbg","format_version":1,"alpha":1e999,"beta":1}"#, "invalid JSON model file"),
        (
            r#"{"model":"sbg","format_version":1,"alpha":1,"beta":1,"fit":{"log_likelihood":3,"std_err_alpha":null,"std_err_beta":null,"n_customers":5,"n_cohorts":1,"iterations":1,"converged":true}}"#,
            "invalid fit.log_likelihood",
        ),
        (
            r#"{"model":"sbg","format_version":1,"alpha":1,"beta":1,"fit":{"log_likelihood":-3,"std_err_alpha":-1,"std_err_beta":null,"n_customers":5,"n_cohorts":1,"iterations":1,"converged":true}}"#,
            "invalid fit.std_err_alpha",
        ),
        (
            r#"{"model":"sbg","format_version":1,"alpha":1,"beta":1,"fit":{"log_likelihood":-3,"std_err_alpha":null,"std_err_beta":null,"n_customers":5,"n_cohorts":0,"iterations":1,"converged":true}}"#,
            "invalid fit.n_cohorts",
        ),
    ];
    for (json, expected) in cases {
        let err = SbgModel::from_json(json).unwrap_err();
        assert!(err.to_string().contains(expected), "{json}: {err}");
        let err = SbgFit::from_json(json).unwrap_err();
        assert!(err.to_string().contains(expected), "{json}: {err}");
        // The serde impls reject the same files.
        assert!(serde_json::from_str::<SbgModel>(json).is_err(), "{json}");
    }
    // A bare model is not a fit.
    let bare = r#"{"model":"sbg","format_version":1,"alpha":1,"beta":1}"#;
    assert_eq!(SbgFit::from_json(bare), Err(ModelError::MissingFit));
    // The fit object is checked for unknown and missing keys too.
    let extra = r#"{"model":"sbg","format_version":1,"alpha":1,"beta":1,"fit":{"log_likelihood":-3,"std_err_alpha":null,"std_err_beta":null,"n_customers":5,"n_cohorts":1,"iterations":1,"converged":true,"aic":1}}"#;
    assert!(SbgFit::from_json(extra).unwrap_err().to_string().contains("unknown field `aic`"));
    let missing = r#"{"model":"sbg","format_version":1,"alpha":1,"beta":1,"fit":{"log_likelihood":-3}}"#;
    assert!(SbgFit::from_json(missing).unwrap_err().to_string().contains("missing field"));
}

proptest! {
    #[test]
    fn any_valid_model_round_trips_exactly(
        alpha in ltv_models::MIN_PARAMETER..=ltv_models::MAX_PARAMETER,
        beta in ltv_models::MIN_PARAMETER..=ltv_models::MAX_PARAMETER,
    ) {
        let m = SbgModel::new(alpha, beta).unwrap();
        let back = SbgModel::from_json(&m.to_json().unwrap()).unwrap();
        prop_assert_eq!(back.alpha().to_bits(), alpha.to_bits());
        prop_assert_eq!(back.beta().to_bits(), beta.to_bits());
    }
}

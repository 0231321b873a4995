//! The cross-language sBG vectors (`tests/vectors/sbg/`): model files written by Python and by Rust, read
//! here to the identical floats, written back byte for byte, refitted, and their predictions reproduced
//! exactly. `tests/python/test_sbg_vectors.py` runs the same cases from Python.

use std::path::PathBuf;

use ltv_models::{ModelError, SbgFit, SbgModel};
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/sbg")
}

fn floats(case: &Value, key: &str) -> Result<Vec<f64>, String> {
    case[key]
        .as_array()
        .ok_or(format!("{key}: not an array"))?
        .iter()
        .map(|v| v.as_f64().ok_or(format!("{key}: not a number")))
        .collect()
}

fn counts(cohort: &Value) -> Result<Vec<u64>, String> {
    cohort
        .as_array()
        .ok_or("cohort: not an array")?
        .iter()
        .map(|v| v.as_u64().ok_or("not a count".to_owned()))
        .collect()
}

#[test]
fn every_case_reads_writes_refits_and_predicts_identically() -> TestResult {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(dir().join("cases.json"))?)?;
    let cases = doc["cases"].as_array().ok_or("cases: not an array")?;
    assert_eq!(cases.len(), 3);
    let mut writers = Vec::new();
    for case in cases {
        let file = case["file"].as_str().ok_or("file")?;
        let text = std::fs::read_to_string(dir().join(file))?;
        let text = text.trim_end();
        writers.push(case["writer"].as_str().ok_or("writer")?.to_owned());
        let model = if case["kind"] == "fit" {
            let fit = SbgFit::from_json(text)?;
            assert_eq!(fit.to_json()?, text, "{file}: Rust writes it back byte for byte");
            if let Some(cohorts) = case["cohorts"].as_array() {
                let data = cohorts.iter().map(counts).collect::<Result<Vec<_>, _>>()?;
                assert_eq!(SbgFit::fit_cohorts(&data)?, fit, "{file}: refitting gives the identical fit");
            }
            fit.model
        } else {
            let model = SbgModel::from_json(text)?;
            assert_eq!(model.to_json()?, text, "{file}");
            model
        };
        assert_eq!(model.alpha().to_bits(), case["alpha"].as_f64().ok_or("alpha")?.to_bits(), "{file}");
        assert_eq!(model.beta().to_bits(), case["beta"].as_f64().ok_or("beta")?.to_bits(), "{file}");

        let t: Vec<u32> = floats(case, "t")?.iter().map(|&x| x as u32).collect();
        let survival: Vec<f64> = t.iter().map(|&p| model.survival(p)).collect();
        assert_eq!(survival, floats(case, "survival")?, "{file}: survival");
        let retention = t[1..].iter().map(|&p| model.retention(p)).collect::<Result<Vec<_>, ModelError>>()?;
        assert_eq!(retention, floats(case, "retention")?, "{file}: retention");
        let churn = t[1..].iter().map(|&p| model.churn_probability(p)).collect::<Result<Vec<_>, ModelError>>()?;
        assert_eq!(churn, floats(case, "churn_probability")?, "{file}: churn_probability");
        let d = case["discount_rate"].as_f64().ok_or("discount_rate")?;
        assert_eq!(model.discounted_expected_lifetime(d)?, case["del"].as_f64().ok_or("del")?, "{file}: del");
        let derl = floats(case, "derl_n")?
            .iter()
            .map(|&n| model.discounted_expected_residual_lifetime(d, n as u32))
            .collect::<Result<Vec<_>, ModelError>>()?;
        assert_eq!(derl, floats(case, "derl")?, "{file}: derl");
    }
    assert!(writers.iter().any(|w| w == "python") && writers.iter().any(|w| w == "rust"));
    Ok(())
}

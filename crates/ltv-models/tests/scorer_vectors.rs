//! Cross-language vectors of the lead scorer (tests/vectors/scorer/):
//! - `python_trained.json`: a scorer trained by the Python package; Rust must score its leads identically;
//! - `rust_trained.json`: a scorer trained here on `training_table.json`; retraining must reproduce it bit
//!   for bit, and the Python tests read it and must score its leads identically.
//!
//! `LTV_REGENERATE_VECTORS=1 cargo test -p ltv-models --test scorer_vectors` rewrites `rust_trained.json`.

use std::path::PathBuf;

use ltv_models::{LeadColumn, LeadScorer, ScorerOptions};
use serde_json::{Value, json};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/scorer")
}

fn read(name: &str) -> Value {
    let text = std::fs::read_to_string(dir().join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The columns of a `{name: [values]}` object: numbers become numeric columns, strings labels.
struct Table {
    numeric: Vec<(String, Vec<f64>)>,
    labels: Vec<(String, Vec<String>)>,
}

impl Table {
    fn from(value: &Value) -> Self {
        let mut numeric = Vec::new();
        let mut labels = Vec::new();
        for (name, column) in value.as_object().unwrap() {
            let values = column.as_array().unwrap();
            if values.iter().all(Value::is_number) {
                numeric.push((name.clone(), values.iter().map(|v| v.as_f64().unwrap()).collect()));
            } else {
                labels.push((name.clone(), values.iter().map(|v| v.as_str().unwrap().to_owned()).collect()));
            }
        }
        Self { numeric, labels }
    }

    fn strs(&self) -> Vec<(String, Vec<&str>)> {
        self.labels.iter().map(|(n, v)| (n.clone(), v.iter().map(String::as_str).collect())).collect()
    }
}

fn columns<'a>(table: &'a Table, strs: &'a [(String, Vec<&'a str>)], skip: &str) -> Vec<LeadColumn<'a>> {
    let numeric = table.numeric.iter().filter(|(n, _)| n != skip).map(|(n, v)| LeadColumn::numeric(n, v));
    numeric.chain(strs.iter().map(|(n, v)| LeadColumn::labels(n, v))).collect()
}

#[test]
fn rust_scores_the_python_trained_scorer_identically() {
    let doc = read("python_trained.json");
    let scorer = LeadScorer::from_json(&doc["scorer"].to_string()).unwrap();
    let leads = Table::from(&doc["leads"]);
    let strs = leads.strs();
    let p = scorer.predict_proba(&columns(&leads, &strs, "")).unwrap();
    let expected: Vec<f64> =
        doc["expected_probabilities"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert_eq!(p.len(), expected.len());
    for (row, (a, b)) in p.iter().zip(&expected).enumerate() {
        assert!((a - b).abs() <= 1e-15, "row {row}: {a} vs {b}");
    }
    // And bit for bit, as both run the same Rust code.
    assert_eq!(p, expected);
}

fn train_rust_vector() -> Value {
    let table = Table::from(&read("training_table.json"));
    let strs = table.strs();
    let features = columns(&table, &strs, "converted");
    let target = table.numeric.iter().find(|(n, _)| n == "converted").unwrap();
    let scorer =
        LeadScorer::fit(&features, &LeadColumn::numeric("converted", &target.1), None, ScorerOptions::with_c(2.0))
            .unwrap();
    let leads_value = read("python_trained.json")["leads"].clone();
    let leads = Table::from(&leads_value);
    let lead_strs = leads.strs();
    let p = scorer.predict_proba(&columns(&leads, &lead_strs, "")).unwrap();
    json!({
        "description": "A scorer trained in Rust (LeadScorer::fit, c = 2, every column of training_table.json \
                        but converted as a feature); Python must give these probabilities to the leads.",
        "scorer": serde_json::from_str::<Value>(&scorer.to_json().unwrap()).unwrap(),
        "leads": leads_value,
        "expected_probabilities": p,
    })
}

#[test]
fn rust_training_reproduces_the_rust_trained_vector() {
    let fresh = train_rust_vector();
    let path = dir().join("rust_trained.json");
    if std::env::var_os("LTV_REGENERATE_VECTORS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&fresh).unwrap() + "\n").unwrap();
    }
    let stored = read("rust_trained.json");
    assert_eq!(fresh["scorer"], stored["scorer"]);
    assert_eq!(fresh["expected_probabilities"], stored["expected_probabilities"]);
}

//! The scorer's JSON model file (format described on [`LeadScorer::to_json`]).

use serde::{Deserialize, Serialize};

use super::{FeatureSpec, LeadScorer, ScorerOptions, TrainingStats};
use crate::error::ModelError;
use crate::file;

/// The `"model"` tag of a lead-scorer model file.
pub const SCORER_MODEL_TAG: &str = "logistic_scorer";
/// The `"format_version"` of the lead-scorer model file this crate writes and reads.
pub const SCORER_FORMAT_VERSION: u32 = 1;

/// The file's fields after the shared header (`model`, `format_version`; see [`crate::file`]);
/// validated on the way in.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScorerRepr {
    target: String,
    features: Vec<FeatureSpec>,
    coefficients: Vec<f64>,
    intercept: f64,
    c: f64,
    standardize: bool,
    training: TrainingStats,
}

impl From<LeadScorer> for ScorerRepr {
    fn from(s: LeadScorer) -> Self {
        Self {
            target: s.target,
            features: s.features,
            coefficients: s.coefficients,
            intercept: s.intercept,
            c: s.c,
            standardize: s.standardize,
            training: s.training,
        }
    }
}

impl TryFrom<ScorerRepr> for LeadScorer {
    type Error = ModelError;

    fn try_from(file: ScorerRepr) -> Result<Self, ModelError> {
        let options = ScorerOptions::with_c(file.c).standardize(file.standardize);
        Self::from_parts(file.target, file.features, file.coefficients, file.intercept, options, file.training)
    }
}

fn parameter(field: &'static str, value: f64, allowed: &'static str) -> ModelError {
    ModelError::InvalidParameter { field, value, allowed }
}

fn data(field: &str, reason: impl Into<String>) -> ModelError {
    ModelError::InvalidData { field: field.to_owned(), row: None, reason: reason.into() }
}

/// Checks that a scorer's parts are consistent: names, categories, standardization, one finite
/// coefficient per indicator, a finite intercept, `c > 0`, and plausible training statistics.
pub(crate) fn validate(s: &LeadScorer) -> Result<(), ModelError> {
    if s.target.is_empty() {
        return Err(data("target", "the target name is empty"));
    }
    if s.features.is_empty() {
        return Err(data("features", "no features: a scorer has at least one"));
    }
    let mut names = std::collections::BTreeSet::new();
    for feature in &s.features {
        let name = feature.name();
        if name.is_empty() || !names.insert(name) || name == s.target {
            return Err(data("features", format!("feature name {name:?} is empty, repeated, or the target's")));
        }
        match feature {
            FeatureSpec::Numeric { mean, scale, .. } => {
                if !mean.is_finite() {
                    return Err(parameter("features.mean", *mean, "a finite mean"));
                }
                if !(scale.is_finite() && *scale > 0.0) {
                    return Err(parameter("features.scale", *scale, "a finite scale > 0"));
                }
                if !s.standardize && (*mean != 0.0 || *scale != 1.0) {
                    return Err(data(name, "an unstandardized scorer has mean 0 and scale 1 for every feature"));
                }
            }
            FeatureSpec::Categorical { categories, .. } => {
                if categories.is_empty() {
                    return Err(data(name, "a categorical feature has at least one category"));
                }
                if categories.windows(2).any(|w| matches!(w, [a, b] if a >= b)) {
                    return Err(data(name, "categories must be sorted (UTF-8 byte order) and unique"));
                }
            }
        }
    }
    let width: usize = s.features.iter().map(FeatureSpec::width).sum();
    if s.coefficients.len() != width {
        return Err(data(
            "coefficients",
            format!(
                "got {} coefficients, expected {width} (one per numeric feature and per category)",
                s.coefficients.len()
            ),
        ));
    }
    if let Some(&bad) = s.coefficients.iter().find(|b| !b.is_finite()) {
        return Err(parameter("coefficients", bad, "finite coefficients"));
    }
    if !s.intercept.is_finite() {
        return Err(parameter("intercept", s.intercept, "a finite intercept"));
    }
    if !(s.c.is_finite() && s.c > 0.0) {
        return Err(parameter("c", s.c, "a finite penalty C > 0"));
    }
    let t = &s.training;
    if t.n_rows == 0 || t.n_positive == 0 || t.n_positive >= t.n_rows {
        return Err(parameter(
            "training.n_positive",
            t.n_positive as f64,
            "between 1 and training.n_rows - 1 (training needs both classes)",
        ));
    }
    for (name, value, allowed) in [
        ("training.total_weight", t.total_weight, "a finite total weight > 0"),
        ("training.objective", t.objective, "a finite objective > 0"),
        ("training.log_loss", t.log_loss, "a finite log loss > 0"),
    ] {
        if !(value.is_finite() && value > 0.0) {
            return Err(parameter(name, value, allowed));
        }
    }
    if !(t.gradient_max.is_finite() && t.gradient_max >= 0.0) {
        return Err(parameter("training.gradient_max", t.gradient_max, "a finite gradient norm >= 0"));
    }
    Ok(())
}

impl LeadScorer {
    /// The scorer as a JSON model file (compact, one line), format version 1:
    ///
    /// ```json
    /// {"model": "logistic_scorer", "format_version": 1, "target": "converted",
    ///  "features": [
    ///    {"type": "numeric", "name": "pricing_page_visits", "mean": 2.1, "scale": 1.7},
    ///    {"type": "categorical", "name": "company_size", "categories": ["enterprise", "mid_market", "smb"]}],
    ///  "coefficients": [0.82, 0.31, -0.05, -0.26], "intercept": -1.9, "c": 1.0, "standardize": true,
    ///  "training": {"n_rows": 5000, "n_positive": 612, "total_weight": 5000.0, "objective": 1702.4,
    ///               "log_loss": 0.3401, "gradient_max": 3.1e-12, "iterations": 7, "converged": true}}
    /// ```
    ///
    /// `coefficients` has one entry per numeric feature and one per category, in `features` order.
    /// Readers reject another `model` or `format_version`, unknown or missing keys, mistyped values,
    /// unsorted or repeated categories, a coefficient count that does not match the features, and
    /// non-finite or out-of-domain numbers. Floats are written in shortest round-trip form, so a file
    /// read back scores bit for bit as the scorer that wrote it.
    ///
    /// # Errors
    /// None in practice (every number is finite); the `Result` guards the serializer.
    pub fn to_json(&self) -> Result<String, ModelError> {
        file::write(SCORER_MODEL_TAG, SCORER_FORMAT_VERSION, &ScorerRepr::from(self.clone()))
    }

    /// Reads a scorer from a JSON model file (see [`Self::to_json`]).
    ///
    /// # Errors
    /// [`ModelError::UnknownModel`] / [`ModelError::UnsupportedFormatVersion`] for another model or version;
    /// [`ModelError::Json`] for malformed JSON or a missing, extra or mistyped field;
    /// [`ModelError::InvalidParameter`] / [`ModelError::InvalidData`] for inconsistent or out-of-domain
    /// contents.
    pub fn from_json(json: &str) -> Result<Self, ModelError> {
        Self::try_from(file::body::<ScorerRepr>(file::read(json, SCORER_MODEL_TAG, SCORER_FORMAT_VERSION)?)?)
    }
}

impl Serialize for LeadScorer {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        file::serialize(serializer, SCORER_MODEL_TAG, SCORER_FORMAT_VERSION, &ScorerRepr::from(self.clone()))
    }
}

impl<'de> Deserialize<'de> for LeadScorer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        file::open(value, SCORER_MODEL_TAG, SCORER_FORMAT_VERSION)
            .and_then(file::body::<ScorerRepr>)
            .and_then(Self::try_from)
            .map_err(serde::de::Error::custom)
    }
}

//! The scorer's JSON model file (format described on [`LeadScorer::to_json`]).

use serde::{Deserialize, Serialize};

use super::scorer::LeadScorer;
use super::types::{FeatureSpec, ScorerOptions, TrainingStats};
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
        let file::Strict(value) = file::Strict::deserialize(deserializer)?;
        file::open(value, SCORER_MODEL_TAG, SCORER_FORMAT_VERSION)
            .and_then(file::body::<ScorerRepr>)
            .and_then(Self::try_from)
            .map_err(serde::de::Error::custom)
    }
}

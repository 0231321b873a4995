//! The scorer's JSON model file (format described on [`LeadScorer::to_json`]).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::inference::Covariance;
use super::scorer::LeadScorer;
use super::types::{FeatureSpec, ScorerOptions, TrainingStats};
use crate::error::ModelError;
use crate::file;

/// The `"model"` tag of a lead-scorer model file.
pub const SCORER_MODEL_TAG: &str = "logistic_scorer";
/// The `"format_version"` of the lead-scorer model file this crate writes: `2` (the coefficient
/// covariance added). Version 1 files (without it) are read too, and a scorer read from one is written
/// back as version 1.
pub const SCORER_FORMAT_VERSION: u32 = 2;

/// The versions this crate reads.
const READABLE: [u32; 2] = [1, SCORER_FORMAT_VERSION];

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
    /// Version 2: the covariance's lower triangle, row by row (row `i` has `i + 1` entries), or `null`
    /// where it does not exist; absent in version 1 (`None`). Read apart from the derived fields
    /// ([`read_covariance`]).
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    covariance: Option<Option<Vec<Vec<f64>>>>,
}

/// The lower triangle of a row-major `n x n` matrix, row by row.
fn lower_triangle(matrix: &[f64], n: usize) -> Vec<Vec<f64>> {
    (0..n).map(|i| matrix[i * n..i * n + i + 1].to_vec()).collect()
}

impl From<LeadScorer> for ScorerRepr {
    fn from(s: LeadScorer) -> Self {
        let n = s.coefficients.len() + 1;
        let covariance = match &s.covariance {
            Covariance::Matrix(m) => Some(Some(lower_triangle(m, n))),
            Covariance::Singular => Some(None),
            Covariance::NotStored => None,
        };
        Self {
            target: s.target,
            features: s.features,
            coefficients: s.coefficients,
            intercept: s.intercept,
            c: s.c,
            standardize: s.standardize,
            training: s.training,
            covariance,
        }
    }
}

fn malformed(message: impl Into<String>) -> ModelError {
    ModelError::Json { message: message.into() }
}

/// Takes the `covariance` key of a version `version` file: required in version 2 (a lower triangle, or
/// `null`), absent in version 1. The matrix's size and contents are checked with the other parts.
fn read_covariance(object: &mut file::Object, version: u32) -> Result<Covariance, ModelError> {
    match (version, object.remove("covariance")) {
        (1, None) => Ok(Covariance::NotStored),
        (1, Some(_)) => Err(malformed("unknown field `covariance`: format version 1 files have no covariance")),
        (_, None) => Err(malformed("missing field `covariance`")),
        (_, Some(Value::Null)) => Ok(Covariance::Singular),
        (_, Some(value)) => {
            let rows: Vec<Vec<f64>> =
                serde_json::from_value(value).map_err(|e| malformed(format!("covariance: {e}")))?;
            let n = rows.len();
            if let Some(i) = (0..n).find(|&i| rows[i].len() != i + 1) {
                return Err(ModelError::InvalidData {
                    field: "covariance".to_owned(),
                    row: Some(i),
                    reason: format!("row {i} of the lower triangle has {} entries, expected {}", rows[i].len(), i + 1),
                });
            }
            let mut matrix = vec![0.0; n * n];
            for (i, row) in rows.iter().enumerate() {
                for (j, &v) in row.iter().enumerate() {
                    matrix[i * n + j] = v;
                    matrix[j * n + i] = v;
                }
            }
            Ok(Covariance::Matrix(matrix))
        }
    }
}

/// The scorer in a parsed model file (after its header).
fn from_object(mut object: file::Object, version: u32) -> Result<LeadScorer, ModelError> {
    let covariance = read_covariance(&mut object, version)?;
    let repr = file::body::<ScorerRepr>(object)?;
    let options = ScorerOptions::with_c(repr.c).standardize(repr.standardize);
    LeadScorer::from_parts(
        repr.target,
        repr.features,
        repr.coefficients,
        repr.intercept,
        options,
        repr.training,
        covariance,
    )
}

/// The version a scorer is written as: 1 for one read from a version 1 file (no covariance), else 2.
fn version_of(s: &LeadScorer) -> u32 {
    if s.covariance == Covariance::NotStored { 1 } else { SCORER_FORMAT_VERSION }
}

impl LeadScorer {
    /// The scorer as a JSON model file (compact, one line), format version 2:
    ///
    /// ```json
    /// {"model": "logistic_scorer", "format_version": 2, "target": "converted",
    ///  "features": [
    ///    {"type": "numeric", "name": "pricing_page_visits", "mean": 2.1, "scale": 1.7},
    ///    {"type": "categorical", "name": "company_size", "categories": ["enterprise", "mid_market", "smb"]}],
    ///  "coefficients": [0.82, 0.31, -0.05, -0.26], "intercept": -1.9, "c": 1.0, "standardize": true,
    ///  "training": {"n_rows": 5000, "n_positive": 612, "total_weight": 5000.0, "objective": 1702.4,
    ///               "log_loss": 0.3401, "gradient_max": 3.1e-12, "iterations": 7, "converged": true},
    ///  "covariance": [[0.0021], [0.0001, 0.0019], [-0.0004, 0.0002, 0.0330], ...]}
    /// ```
    ///
    /// `coefficients` has one entry per numeric feature and one per category, in `features` order.
    /// `covariance` is the lower triangle of [`Self::covariance`], row by row (row `i` has `i + 1`
    /// entries; the intercept first, then the coefficients), `(p + 1)(p + 2) / 2` numbers, or `null`
    /// when the covariance does not exist. Version 1 files are the same without `covariance`: they
    /// are read (the scorer then has no covariance) and a scorer read from one is written back as
    /// version 1, unchanged.
    /// Readers reject another `model` or `format_version`, unknown or missing keys, mistyped values,
    /// unsorted or repeated categories, a coefficient count that does not match the features, and
    /// non-finite or out-of-domain numbers, and a covariance of the wrong size, not finite or not
    /// positive definite. Floats are written in shortest round-trip form, so a file read back scores
    /// bit for bit as the scorer that wrote it, and has the same covariance.
    ///
    /// # Errors
    /// None in practice (every number is finite); the `Result` guards the serializer.
    pub fn to_json(&self) -> Result<String, ModelError> {
        file::write(SCORER_MODEL_TAG, version_of(self), &ScorerRepr::from(self.clone()))
    }

    /// Reads a scorer from a JSON model file (see [`Self::to_json`]).
    ///
    /// # Errors
    /// [`ModelError::UnknownModel`] / [`ModelError::UnsupportedFormatVersion`] for another model or a
    /// version other than 1 and 2;
    /// [`ModelError::Json`] for malformed JSON or a missing, extra or mistyped field;
    /// [`ModelError::InvalidParameter`] / [`ModelError::InvalidData`] for inconsistent or out-of-domain
    /// contents.
    pub fn from_json(json: &str) -> Result<Self, ModelError> {
        let (object, version) = file::read_versions(json, SCORER_MODEL_TAG, &READABLE)?;
        from_object(object, version)
    }
}

impl Serialize for LeadScorer {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        file::serialize(serializer, SCORER_MODEL_TAG, version_of(self), &ScorerRepr::from(self.clone()))
    }
}

impl<'de> Deserialize<'de> for LeadScorer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let file::Strict(value) = file::Strict::deserialize(deserializer)?;
        file::open_versions(value, SCORER_MODEL_TAG, &READABLE)
            .and_then(|(object, version)| from_object(object, version))
            .map_err(serde::de::Error::custom)
    }
}

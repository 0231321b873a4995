//! A logistic-regression lead scorer with an L2 penalty: P(convert) for each lead, and lead value =
//! P(convert) x customer LTV.
//!
//! See [`LeadScorer`] for the model, the objective and how it is trained.
//!
//! This file only declares and re-exports. Imports run one way: `types` (plain data) <- `encoding` <-
//! `train` <- `metrics` <- `scorer` (the [`LeadScorer`] type) <- `file` (its model file); `inference`
//! (the coefficient covariance and summary) imports none of them and is used by `train`, `scorer` and
//! `file`.

mod encoding;
mod file;
mod inference;
mod metrics;
mod scorer;
mod train;
mod types;

pub use encoding::{MAX_FEATURE_MAGNITUDE, MIN_FEATURE_SCALE};
pub use file::{SCORER_FORMAT_VERSION, SCORER_MODEL_TAG};
pub use inference::CoefficientEstimate;
pub use metrics::{CalibrationBin, Evaluation, auc, calibration, holdout_mask, log_loss};
pub use scorer::LeadScorer;
pub use scorer::MAX_COEFFICIENT;
pub use train::MAX_SCORER_ITERATIONS;
pub use types::{ColumnValues, FeatureSpec, LeadColumn, ScorerOptions, TrainingStats};

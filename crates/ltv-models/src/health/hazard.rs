//! The discrete-time churn hazard model: the lead scorer's logistic regression on account-period rows.

use serde::{Deserialize, Serialize};

use super::features::{HealthFeatures, HealthOptions};
use crate::error::ModelError;
use crate::file;
use crate::scoring::{Evaluation, LeadColumn, LeadScorer, ScorerOptions};

/// The `"model"` tag of an account-health model file.
pub const HEALTH_MODEL_TAG: &str = "account_health";
/// The `"format_version"` of the account-health model file.
pub const HEALTH_FORMAT_VERSION: u32 = 1;
/// The name of the label column the scorer is trained on.
pub const LABEL_COLUMN: &str = "churn_within_horizon";

/// A discrete-time churn hazard model (Singer & Willett, "It's about time: Using discrete-time survival
/// analysis to study duration and the timing of events", *Journal of Educational Statistics* 18(2), 1993,
/// 155–195: the logit of the hazard is linear in the covariates, fitted by logistic regression on
/// person-period rows): a [`LeadScorer`] (L2-penalised logistic regression, scikit-learn's objective)
/// trained on account-period rows of [`HealthFeatures`] against `churn_within_horizon`.
///
/// With horizon `H` the model gives `P(churn within H periods | features at t)`; the **per-period
/// hazard** is the constant hazard with that probability over `H` periods, `h = 1 - (1 - P)^(1/H)`
/// (with `H = 1` it is `P` itself, the discrete-time hazard of Singer & Willett).
///
/// **Time-based holdout**: [`HealthModel::fit`] with `cut = Some(c)` trains on rows whose whole label
/// window ends before the cut (`period + H - 1 < c`), so no training label sees a period at or after
/// `c`; [`HealthModel::evaluate`] scores rows at `period >= c`.
///
/// ```
/// use ltv_models::{HealthModel, HealthOptions, ScorerOptions, health_features, synthetic_panel};
/// let panel = synthetic_panel(1000, 12, 7)?;
/// let features = health_features(&panel.view(), HealthOptions::new(2, 2))?;
/// let model = HealthModel::fit(&features, Some(9), ScorerOptions::default())?;
/// let p = model.churn_probability(&features)?;
/// let h = model.hazard(&features)?;
/// assert!((1.0 - (1.0 - h[0]).powi(2) - p[0]).abs() < 1e-12);
/// let test = model.evaluate(&features, 9, 10)?;
/// assert!(test.auc > 0.6);
/// assert_eq!(HealthModel::from_json(&model.to_json()?)?, model);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
#[derive(Debug, Clone)]
pub struct HealthModel {
    scorer: LeadScorer,
    options: HealthOptions,
    warnings: Vec<HealthWarning>,
}

/// Two models are equal when they score alike: the same scorer, horizon and window (the fit's
/// [`HealthModel::warnings`] and churn signal are not part of the model file, nor compared).
impl PartialEq for HealthModel {
    fn eq(&self, other: &Self) -> bool {
        self.scorer == other.scorer
            && (self.options.horizon, self.options.window) == (other.options.horizon, other.options.window)
    }
}

/// A documented warning of [`HealthModel::fit`]: the fit went ahead, but something in the data is worth
/// a look.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum HealthWarning {
    /// A feature column takes one value on every training row. It carries no information: the scorer
    /// standardizes it to 0 (scale 1, as scikit-learn's `StandardScaler`) and the L2 penalty keeps its
    /// coefficient at 0, so the fit stays identifiable; drop the column or check the panel (a metric
    /// recorded as 0 everywhere is often a broken pipeline).
    ConstantFeature {
        /// The feature.
        feature: String,
        /// Its one value.
        value: f64,
    },
}

impl std::fmt::Display for HealthWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::ConstantFeature { feature, value } => write!(
                f,
                "feature {feature:?} is constant ({value}) on every training row: it carries no information \
                 (its coefficient is 0 under the L2 penalty)"
            ),
        }
    }
}

/// The columns that take one value on every row (none for no rows), in column order, as
/// [`HealthWarning::ConstantFeature`] warnings.
///
/// ```
/// use ltv_models::{HealthWarning, constant_features};
/// let w = constant_features(&[("logins", &[3.0, 1.0]), ("seats", &[2.0, 2.0])]);
/// assert_eq!(w, [HealthWarning::ConstantFeature { feature: "seats".to_owned(), value: 2.0 }]);
/// ```
#[must_use]
pub fn constant_features(columns: &[(&str, &[f64])]) -> Vec<HealthWarning> {
    columns
        .iter()
        .filter_map(|(name, values)| {
            let first = *values.first()?;
            values
                .iter()
                .all(|&v| v == first || (v.is_nan() && first.is_nan()))
                .then(|| HealthWarning::ConstantFeature { feature: (*name).to_owned(), value: first })
        })
        .collect()
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct HealthRepr {
    horizon: u32,
    window: u32,
    scorer: LeadScorer,
}

fn invalid(field: &str, reason: String) -> ModelError {
    ModelError::InvalidData { field: field.to_owned(), row: None, reason }
}

/// The rows of `features` where `keep` holds, as owned columns and labels.
fn subset(features: &HealthFeatures, keep: impl Fn(usize) -> bool) -> (Vec<Vec<f64>>, Vec<f64>) {
    let rows: Vec<usize> = (0..features.len()).filter(|&i| keep(i)).collect();
    let columns = features.columns.iter().map(|c| rows.iter().map(|&i| c[i]).collect()).collect();
    let label = rows.iter().map(|&i| features.churn_within_horizon[i]).collect();
    (columns, label)
}

fn lead_columns<'a>(names: &'a [String], columns: &'a [Vec<f64>]) -> Vec<LeadColumn<'a>> {
    names.iter().zip(columns).map(|(n, c)| LeadColumn::numeric(n, c)).collect()
}

/// The per-period hazard `1 - (1 - P)^(1/H)` of each probability `P` of churning within `horizon`
/// periods (computed as `-expm1(ln_1p(-P) / H)`, accurate for small `P`).
///
/// ```
/// let h = ltv_models::per_period_hazard(&[0.19], 2)?;
/// assert!((h[0] - 0.1).abs() < 1e-15);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// [`ModelError::InvalidData`] naming the row for a probability outside `[0, 1]`;
/// [`ModelError::InvalidPeriod`] for a horizon outside `1..=120`.
pub fn per_period_hazard(probability: &[f64], horizon: u32) -> Result<Vec<f64>, ModelError> {
    HealthOptions::new(horizon, 1).check()?;
    if let Some(row) = probability.iter().position(|p| !(0.0..=1.0).contains(p)) {
        return Err(ModelError::InvalidData {
            field: "probability".to_owned(),
            row: Some(row),
            reason: format!("got {}, expected a probability in [0, 1]", probability[row]),
        });
    }
    let h = f64::from(horizon);
    Ok(probability.iter().map(|&p| -((-p).ln_1p() / h).exp_m1()).collect())
}

impl HealthModel {
    /// Trains on the rows with a known label (and, with `cut`, whose label window ends before `cut`).
    ///
    /// A feature constant over the training rows is not an error: the fit goes ahead (the scorer
    /// standardizes it to 0 and the L2 penalty holds its coefficient at 0) and [`Self::warnings`] names it.
    ///
    /// # Errors
    /// [`ModelError::InvalidData`] naming `cut` when no row is left to train on, or when the training rows
    /// hold no churn event (or only events; naming `churn_within_horizon` without a cut), and the
    /// scorer's training errors.
    pub fn fit(features: &HealthFeatures, cut: Option<i64>, options: ScorerOptions) -> Result<Self, ModelError> {
        let h = i64::from(features.options.horizon);
        let (columns, label) = subset(features, |i| {
            features.label_known[i] && cut.is_none_or(|c| features.period[i].saturating_add(h - 1) < c)
        });
        if label.is_empty() {
            return Err(invalid(
                "cut",
                format!("no row with a known label ends its {h}-period label window before the cut {cut:?}"),
            ));
        }
        let events = label.iter().filter(|&&y| y == 1.0).count();
        if events == 0 || events == label.len() {
            let (field, place) = match cut {
                Some(c) => ("cut", format!("whose label window ends before the cut {c}")),
                None => (LABEL_COLUMN, "with a known label".to_owned()),
            };
            return Err(invalid(
                field,
                format!(
                    "{events} churn events among the {} training rows {place}: training needs both churned and \
                     retained rows",
                    label.len()
                ),
            ));
        }
        let named: Vec<(&str, &[f64])> =
            features.names.iter().zip(&columns).map(|(n, c)| (n.as_str(), c.as_slice())).collect();
        let warnings = constant_features(&named);
        let scorer = LeadScorer::fit(
            &lead_columns(&features.names, &columns),
            &LeadColumn::numeric(LABEL_COLUMN, &label),
            None,
            options,
        )?;
        Ok(Self { scorer, options: features.options, warnings })
    }

    /// The fit's warnings (constant features), empty for a model read from a file.
    #[must_use]
    pub fn warnings(&self) -> &[HealthWarning] {
        &self.warnings
    }

    fn check(&self, features: &HealthFeatures) -> Result<(), ModelError> {
        let (f, m) = (features.options, self.options);
        if (f.horizon, f.window) != (m.horizon, m.window) {
            return Err(invalid(
                "features",
                format!(
                    "computed with horizon {} and window {}, the model with horizon {} and window {}",
                    features.options.horizon, features.options.window, self.options.horizon, self.options.window
                ),
            ));
        }
        Ok(())
    }

    /// P(churn within the horizon) for each row.
    ///
    /// # Errors
    /// [`ModelError::InvalidData`] for features computed with another horizon or window, and the
    /// scorer's scoring errors.
    pub fn churn_probability(&self, features: &HealthFeatures) -> Result<Vec<f64>, ModelError> {
        self.check(features)?;
        self.scorer.predict_proba(&features.lead_columns())
    }

    /// The per-period hazard `1 - (1 - P)^(1/H)` for each row.
    ///
    /// # Errors
    /// As [`Self::churn_probability`].
    pub fn hazard(&self, features: &HealthFeatures) -> Result<Vec<f64>, ModelError> {
        per_period_hazard(&self.churn_probability(features)?, self.options.horizon)
    }

    /// AUC, log loss and a calibration table of `bins` bins (the scorer's evaluation) on the rows at
    /// `period >= cut` with a known label.
    ///
    /// # Errors
    /// [`ModelError::InvalidData`] naming `cut` when no row, or no churn event, or no non-event is at or
    /// after the cut; as [`Self::churn_probability`].
    pub fn evaluate(&self, features: &HealthFeatures, cut: i64, bins: usize) -> Result<Evaluation, ModelError> {
        self.check(features)?;
        let (columns, label) = subset(features, |i| features.label_known[i] && features.period[i] >= cut);
        let events = label.iter().filter(|&&y| y == 1.0).count();
        if events == 0 || events == label.len() {
            return Err(invalid(
                "cut",
                format!(
                    "{events} churn events among the {} labelled rows at period >= {cut}: the test set needs both \
                     churned and retained rows",
                    label.len()
                ),
            ));
        }
        let mut all = lead_columns(&features.names, &columns);
        all.push(LeadColumn::numeric(LABEL_COLUMN, &label));
        self.scorer.evaluate(&all, bins)
    }

    /// The trained scorer (coefficients, standardization, training statistics).
    #[must_use]
    pub fn scorer(&self) -> &LeadScorer {
        &self.scorer
    }

    /// The horizon and window the model was trained with (and the churn signal of its training
    /// features; [`ChurnSignal::Flag`](super::ChurnSignal::Flag) for a model read from a file).
    #[must_use]
    pub fn options(&self) -> HealthOptions {
        self.options
    }

    /// The model file: `{"model": "account_health", "format_version": 1, "horizon": H, "window": w,
    /// "scorer": <the lead scorer's model file>}` (see [`LeadScorer::to_json`]), one line.
    ///
    /// # Errors
    /// None in practice; the `Result` guards the serializer.
    pub fn to_json(&self) -> Result<String, ModelError> {
        let repr =
            HealthRepr { horizon: self.options.horizon, window: self.options.window, scorer: self.scorer.clone() };
        file::write(HEALTH_MODEL_TAG, HEALTH_FORMAT_VERSION, &repr)
    }

    /// Reads a model file (see [`Self::to_json`]).
    ///
    /// # Errors
    /// The file errors of [`LeadScorer::from_json`]; [`ModelError::InvalidPeriod`] for a horizon or window
    /// outside `1..=120`.
    pub fn from_json(json: &str) -> Result<Self, ModelError> {
        let repr = file::body::<HealthRepr>(file::read(json, HEALTH_MODEL_TAG, HEALTH_FORMAT_VERSION)?)?;
        let options = HealthOptions::new(repr.horizon, repr.window).check()?;
        Ok(Self { scorer: repr.scorer, options, warnings: Vec::new() })
    }
}

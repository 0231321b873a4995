//! A logistic-regression lead scorer with an L2 penalty: P(convert) for each lead, and lead value =
//! P(convert) x customer LTV.
//!
//! See [`LeadScorer`] for the model, the objective and how it is trained.

mod encoding;
mod file;
mod metrics;
mod train;

use crate::error::ModelError;

pub use file::{SCORER_FORMAT_VERSION, SCORER_MODEL_TAG};
pub use metrics::{CalibrationBin, Evaluation, auc, calibration, holdout_mask, log_loss};

/// One input column of a lead table, by name.
///
/// A feature's kind follows from its values: [`ColumnValues::Numeric`] makes a numeric feature,
/// [`ColumnValues::Labels`] and [`ColumnValues::Codes`] a categorical one. Columns that the model does not
/// use are ignored when scoring.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeadColumn<'a> {
    /// The column name (the feature name).
    pub name: &'a str,
    /// The values, one per lead.
    pub values: ColumnValues<'a>,
}

impl<'a> LeadColumn<'a> {
    /// A numeric column (finite values; NaN, a missing value, is an error naming the row).
    #[must_use]
    pub fn numeric(name: &'a str, values: &'a [f64]) -> Self {
        Self { name, values: ColumnValues::Numeric(values) }
    }

    /// A categorical column of labels.
    #[must_use]
    pub fn labels(name: &'a str, labels: &'a [&'a str]) -> Self {
        Self { name, values: ColumnValues::Labels(labels) }
    }

    /// A categorical column given as codes into `categories` (see [`ColumnValues::Codes`]).
    #[must_use]
    pub fn codes(name: &'a str, codes: &'a [i64], categories: &'a [String]) -> Self {
        Self { name, values: ColumnValues::Codes { codes, categories } }
    }
}

/// The values of a [`LeadColumn`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnValues<'a> {
    /// Numbers (pricing-page visits, email opens, days since engagement).
    Numeric(&'a [f64]),
    /// Category labels (channel, company size, industry).
    Labels(&'a [&'a str]),
    /// Category labels encoded as codes: row `i` has label `categories[codes[i]]`. Code `-1` is a label
    /// outside `categories` (an unseen category: all-zero indicators when scoring, an error when
    /// training); any other negative code is a missing value (an error naming the row). This is how the
    /// Python package passes categorical columns.
    Codes {
        /// One code per row.
        codes: &'a [i64],
        /// The labels the codes index, without duplicates (any order).
        categories: &'a [String],
    },
}

impl ColumnValues<'_> {
    /// The number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            Self::Numeric(v) => v.len(),
            Self::Labels(v) => v.len(),
            Self::Codes { codes, .. } => codes.len(),
        }
    }

    /// Whether there are no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A feature of a trained [`LeadScorer`], with what the model learned about it at training.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum FeatureSpec {
    /// A numeric feature, entering the model as `(x - mean) / scale`.
    Numeric {
        /// The column name.
        name: String,
        /// The training mean (`0` when trained with `standardize = false`).
        mean: f64,
        /// The training standard deviation (population, `ddof = 0`, weighted by the sample weights; `1`
        /// for a constant column, as scikit-learn's `StandardScaler`; `1` when trained with
        /// `standardize = false`).
        scale: f64,
    },
    /// A categorical feature, one-hot encoded: one indicator per category, in this order.
    Categorical {
        /// The column name.
        name: String,
        /// The categories seen at training, sorted (byte order of their UTF-8, which is Unicode code-point
        /// order) and unique. A label outside this list scores with all indicators 0.
        categories: Vec<String>,
    },
}

impl FeatureSpec {
    /// The column name.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::Numeric { name, .. } | Self::Categorical { name, .. } => name,
        }
    }

    /// How many coefficients the feature has: 1 for a numeric feature, one per category otherwise.
    #[must_use]
    pub fn width(&self) -> usize {
        match self {
            Self::Numeric { .. } => 1,
            Self::Categorical { categories, .. } => categories.len(),
        }
    }
}

/// Training options of [`LeadScorer::fit`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct ScorerOptions {
    /// The inverse penalty strength, scikit-learn's `C` (finite, `> 0`; default `1`). The objective is
    /// `C * sum_i w_i logloss_i + 0.5 * ||beta||^2`, so `C` is `1 / l2` for a penalty written
    /// `sum_i logloss_i + 0.5 * l2 * ||beta||^2`. Smaller `C`, stronger shrinkage.
    pub c: f64,
    /// Standardize numeric features by their training mean and standard deviation before fitting
    /// (default `true`). The penalty then treats every numeric feature alike whatever its unit, and the
    /// coefficients are per standard deviation. With `false` numeric features enter as they are (mean 0,
    /// scale 1 are stored), which is scikit-learn's `LogisticRegression` on the raw columns.
    pub standardize: bool,
    /// Convergence: stop when the largest absolute gradient component is at most `tolerance` times its
    /// value at the start (all coefficients 0). Finite, `> 0`; default `1e-10`.
    pub tolerance: f64,
    /// The most Newton iterations (default 100). Newton's method usually needs 5 to 10.
    pub max_iterations: u32,
    /// Process row chunks on rayon's thread pool (default `true`); the result is identical either way.
    /// Switch it off in a forked child process, where the pool is unusable.
    pub parallel: bool,
}

impl Default for ScorerOptions {
    fn default() -> Self {
        Self { c: 1.0, standardize: true, tolerance: 1e-10, max_iterations: 100, parallel: true }
    }
}

impl ScorerOptions {
    /// The defaults with penalty `c` (scikit-learn's `C`).
    #[must_use]
    pub fn with_c(c: f64) -> Self {
        Self { c, ..Self::default() }
    }

    /// These options with `standardize` set.
    #[must_use]
    pub fn standardize(self, standardize: bool) -> Self {
        Self { standardize, ..self }
    }

    /// These options with `tolerance` and `max_iterations` set.
    #[must_use]
    pub fn convergence(self, tolerance: f64, max_iterations: u32) -> Self {
        Self { tolerance, max_iterations, ..self }
    }

    /// These options with `parallel` set.
    #[must_use]
    pub fn parallel(self, parallel: bool) -> Self {
        Self { parallel, ..self }
    }
}

/// How training went.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TrainingStats {
    /// Training rows.
    pub n_rows: u64,
    /// Training rows with target 1.
    pub n_positive: u64,
    /// The total sample weight (`n_rows` without weights).
    pub total_weight: f64,
    /// The minimised objective `C * sum_i w_i logloss_i + 0.5 * ||beta||^2`.
    pub objective: f64,
    /// The weighted mean log loss on the training rows.
    pub log_loss: f64,
    /// The largest absolute component of the objective's gradient at the solution.
    pub gradient_max: f64,
    /// Newton iterations.
    pub iterations: u32,
    /// Whether the gradient test was met within `max_iterations`.
    pub converged: bool,
}

/// A logistic-regression lead scorer: `P(convert | x) = 1 / (1 + exp(-(b0 + sum_j beta_j z_j)))`.
///
/// **Features.** Numeric columns enter standardized, `z = (x - mean) / scale` with the training mean and
/// (population) standard deviation, unless trained with [`ScorerOptions::standardize`] `false`.
/// Categorical columns are one-hot encoded against the categories seen at training, sorted; a category
/// not seen at training scores with all its indicators 0 (scikit-learn's `OneHotEncoder(handle_unknown =
/// "ignore")`). No category is dropped: the penalty makes the full one-hot design identifiable.
///
/// **Objective.** Exactly scikit-learn's `LogisticRegression(penalty = "l2", C = c)`: minimise
/// `C * sum_i w_i [log(1 + exp(eta_i)) - y_i eta_i] + 0.5 * ||beta||^2` over the coefficients `beta` and
/// the intercept `b0`, which is not penalised (`w_i` are the optional sample weights). The objective is
/// strictly convex, so the minimum is unique, and it is finite even for separable data.
///
/// **Training.** Newton's method (iteratively reweighted least squares; Hastie, Tibshirani & Friedman,
/// *The Elements of Statistical Learning*, 2nd ed., §4.4.1) from all-zero coefficients, each step a
/// Cholesky solve of the `(p + 1) x (p + 1)` Hessian `C X'WX + diag(0, 1, ..., 1)`, with a backtracking
/// (Armijo) line search, until the gradient's largest component falls below
/// [`ScorerOptions::tolerance`] times its starting value, then one more Newton step to polish. Rows are processed in fixed chunks of 4,096 in
/// parallel (rayon), and the chunks' partial sums are added in chunk order, so the result is the same
/// bit for bit whatever the number of threads. The log loss and sigmoid are evaluated stably
/// (`log(1 + e^x) = max(x, 0) + ln_1p(e^-|x|)`).
///
/// ```
/// use ltv_models::{LeadColumn, LeadScorer, ScorerOptions};
///
/// // Pricing-page visits and webinar attendance of eight leads, and whether they converted.
/// let visits = [0.0, 1.0, 0.0, 2.0, 3.0, 1.0, 4.0, 5.0];
/// let webinar: [&str; 8] = ["no", "no", "yes", "no", "yes", "no", "yes", "yes"];
/// let converted = [0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0];
/// let scorer = LeadScorer::fit(
///     &[LeadColumn::numeric("pricing_page_visits", &visits), LeadColumn::labels("webinar", &webinar)],
///     &LeadColumn::numeric("converted", &converted),
///     None,
///     ScorerOptions::with_c(1.0),
/// )?;
/// assert!(scorer.training().converged);
///
/// // A lead with one visit and no webinar, then the same lead after 4 more visits and a webinar.
/// let (cold_visits, warm_visits) = ([1.0], [5.0]);
/// let cold = scorer.predict_proba(&[
///     LeadColumn::numeric("pricing_page_visits", &cold_visits),
///     LeadColumn::labels("webinar", &["no"]),
/// ])?;
/// let warm = scorer.predict_proba(&[
///     LeadColumn::numeric("pricing_page_visits", &warm_visits),
///     LeadColumn::labels("webinar", &["yes"]),
/// ])?;
/// assert!(warm[0] > cold[0]);
///
/// // Lead value = P(convert) x customer LTV (ltv_core::lead_ltv): for a $20,000 customer the value rises
/// // with the lead's signals.
/// let cold_value = scorer.lead_values(&[
///     LeadColumn::numeric("pricing_page_visits", &cold_visits),
///     LeadColumn::labels("webinar", &["no"]),
/// ], &[20_000.0])?;
/// assert_eq!(cold_value[0], cold[0] * 20_000.0);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// Two scorers are equal when their parameters and training statistics are (the `parallel` switch is
/// not compared).
#[derive(Debug, Clone)]
pub struct LeadScorer {
    target: String,
    features: Vec<FeatureSpec>,
    coefficients: Vec<f64>,
    intercept: f64,
    c: f64,
    standardize: bool,
    training: TrainingStats,
    parallel: bool,
}

impl PartialEq for LeadScorer {
    fn eq(&self, other: &Self) -> bool {
        self.target == other.target
            && self.features == other.features
            && self.coefficients == other.coefficients
            && self.intercept == other.intercept
            && self.c == other.c
            && self.standardize == other.standardize
            && self.training == other.training
    }
}

impl LeadScorer {
    /// Trains the scorer on `features` (each a numeric or categorical [`LeadColumn`]) against `target`
    /// (a numeric column of 0 and 1: converted or not), with optional per-row `sample_weight`s (finite,
    /// `>= 0`, not all 0). See the [type documentation](Self) for the objective and the method.
    ///
    /// # Errors
    /// - [`ModelError::InvalidParameter`] for `c` or `tolerance` not finite and `> 0`;
    /// - [`ModelError::InvalidData`] for no features, a duplicate or empty feature name, a non-numeric
    ///   target, a target other than 0 / 1 or with one class only, a NaN or infinite numeric value, a
    ///   missing or unknown category code, duplicate categories, a bad sample weight (each naming the
    ///   column and row);
    /// - [`ModelError::LengthMismatch`] for columns of different lengths;
    /// - [`ModelError::NoFiniteMaximum`] if the Hessian cannot be factorised even with damping (not
    ///   expected: the penalty keeps it positive definite).
    pub fn fit(
        features: &[LeadColumn<'_>],
        target: &LeadColumn<'_>,
        sample_weight: Option<&[f64]>,
        options: ScorerOptions,
    ) -> Result<Self, ModelError> {
        train::fit(features, target, sample_weight, options)
    }

    /// P(convert) for each lead (row) of `columns`, each in `[0, 1]` (strictly inside except where the
    /// linear score is beyond about +-37, where the nearest `f64` is 0 or 1). Every feature of the model
    /// must be among `columns` (by name); other columns are ignored.
    ///
    /// # Errors
    /// [`ModelError::InvalidData`] for a missing column, a column of the wrong kind, a NaN or infinite
    /// numeric value or a missing category (naming the row); [`ModelError::LengthMismatch`].
    pub fn predict_proba(&self, columns: &[LeadColumn<'_>]) -> Result<Vec<f64>, ModelError> {
        let design = encoding::Design::for_scoring(&self.features, columns)?;
        Ok(train::probabilities(&design, &self.coefficients, self.intercept, self.parallel))
    }

    /// The linear score `eta = b0 + sum_j beta_j z_j` (the log-odds of converting) for each lead.
    ///
    /// # Errors
    /// As [`Self::predict_proba`].
    pub fn decision_function(&self, columns: &[LeadColumn<'_>]) -> Result<Vec<f64>, ModelError> {
        let design = encoding::Design::for_scoring(&self.features, columns)?;
        Ok(train::linear_scores(&design, &self.coefficients, self.intercept, self.parallel))
    }

    /// Lead value = P(convert) x customer LTV for each lead, by [`ltv_core::lead_ltv`] on `f64`.
    /// `customer_ltv` has one value per row, or one value for every row.
    ///
    /// # Errors
    /// As [`Self::predict_proba`]; [`ModelError::InvalidData`] naming `customer_ltv` and the row for a
    /// negative, NaN or infinite LTV; [`ModelError::LengthMismatch`] for a `customer_ltv` of another length.
    pub fn lead_values(&self, columns: &[LeadColumn<'_>], customer_ltv: &[f64]) -> Result<Vec<f64>, ModelError> {
        let p = self.predict_proba(columns)?;
        metrics::lead_values(&p, customer_ltv)
    }

    /// Scores `columns` and compares with their `target` column (0 / 1): AUC, log loss and a calibration
    /// table of `bins` equal-count bins of predicted P (10 for deciles). See [`Evaluation`].
    ///
    /// # Errors
    /// As [`Self::predict_proba`]; [`ModelError::InvalidData`] for a target column that is missing, not
    /// 0 / 1, or of one class only (AUC needs both), or `bins == 0`.
    pub fn evaluate(&self, columns: &[LeadColumn<'_>], bins: usize) -> Result<Evaluation, ModelError> {
        let design = encoding::Design::for_scoring(&self.features, columns)?;
        let target = encoding::find_target(&self.target, columns, design.n_rows)?;
        let eta = train::linear_scores(&design, &self.coefficients, self.intercept, self.parallel);
        metrics::evaluate(&eta, target, bins)
    }

    /// The target column's name, as given at training.
    #[must_use]
    pub fn target(&self) -> &str {
        &self.target
    }

    /// The features, in model order.
    #[must_use]
    pub fn features(&self) -> &[FeatureSpec] {
        &self.features
    }

    /// The coefficients `beta`, feature by feature in [`Self::features`] order, one per numeric feature
    /// (per standard deviation when standardized) and one per category of a categorical feature.
    #[must_use]
    pub fn coefficients(&self) -> &[f64] {
        &self.coefficients
    }

    /// A name for each coefficient: the feature name for a numeric feature, `name=category` for a
    /// category's indicator.
    #[must_use]
    pub fn coefficient_names(&self) -> Vec<String> {
        let mut names = Vec::with_capacity(self.coefficients.len());
        for feature in &self.features {
            match feature {
                FeatureSpec::Numeric { name, .. } => names.push(name.clone()),
                FeatureSpec::Categorical { name, categories } => {
                    names.extend(categories.iter().map(|c| format!("{name}={c}")));
                }
            }
        }
        names
    }

    /// The intercept `b0` (not penalised).
    #[must_use]
    pub fn intercept(&self) -> f64 {
        self.intercept
    }

    /// The penalty `C` it was trained with.
    #[must_use]
    pub fn c(&self) -> f64 {
        self.c
    }

    /// Whether numeric features were standardized.
    #[must_use]
    pub fn standardized(&self) -> bool {
        self.standardize
    }

    /// How training went.
    #[must_use]
    pub fn training(&self) -> &TrainingStats {
        &self.training
    }

    /// Score on rayon's thread pool (`true`, the default) or on the calling thread; the scores are
    /// identical either way.
    pub fn set_parallel(&mut self, parallel: bool) {
        self.parallel = parallel;
    }

    /// Assembles a scorer, checking that the parts fit together (see [`file`]).
    pub(crate) fn from_parts(
        target: String,
        features: Vec<FeatureSpec>,
        coefficients: Vec<f64>,
        intercept: f64,
        options: ScorerOptions,
        training: TrainingStats,
    ) -> Result<Self, ModelError> {
        let scorer = Self {
            target,
            features,
            coefficients,
            intercept,
            c: options.c,
            standardize: options.standardize,
            training,
            parallel: options.parallel,
        };
        file::validate(&scorer)?;
        Ok(scorer)
    }
}

//! [`LeadScorer`]: training, scoring, evaluation and the consistency of its parts.

use super::encoding::{MAX_FEATURE_MAGNITUDE, MIN_FEATURE_SCALE};
use super::inference::{CoefficientEstimate, Covariance};
use super::metrics::Evaluation;
use super::types::{FeatureSpec, LeadColumn, ScorerOptions, TrainingStats};
use super::{encoding, inference, metrics, train};
use crate::error::ModelError;

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
/// **Inference.** Training also keeps the coefficient covariance `(X'WX + P / C)^-1` at the fit, the
/// inverse Hessian of the penalised log-likelihood (see [`Self::covariance`]), from which
/// [`Self::std_errors`] and [`Self::summary`] (estimates, standard errors, 95 % Wald intervals, z tests)
/// follow.
///
/// Two scorers are equal when their parameters, training statistics and covariances are (the
/// `parallel` switch is not compared).
#[derive(Debug, Clone)]
pub struct LeadScorer {
    pub(super) target: String,
    pub(super) features: Vec<FeatureSpec>,
    pub(super) coefficients: Vec<f64>,
    pub(super) intercept: f64,
    pub(super) c: f64,
    pub(super) standardize: bool,
    pub(super) training: TrainingStats,
    pub(super) covariance: Covariance,
    pub(super) parallel: bool,
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
            && self.covariance == other.covariance
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
        let trained = train::fit(features, target, sample_weight, options)?;
        Self::from_parts(
            target.name.to_owned(),
            trained.specs,
            trained.coefficients,
            trained.intercept,
            options,
            trained.training,
            trained.covariance,
        )
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
        let eta = checked_scores(train::linear_scores(&design, &self.coefficients, self.intercept, self.parallel))?;
        Ok(eta.into_iter().map(train::sigmoid).collect())
    }

    /// The linear score `eta = b0 + sum_j beta_j z_j` (the log-odds of converting) for each lead.
    ///
    /// # Errors
    /// As [`Self::predict_proba`].
    pub fn decision_function(&self, columns: &[LeadColumn<'_>]) -> Result<Vec<f64>, ModelError> {
        let design = encoding::Design::for_scoring(&self.features, columns)?;
        checked_scores(train::linear_scores(&design, &self.coefficients, self.intercept, self.parallel))
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
        let eta = checked_scores(train::linear_scores(&design, &self.coefficients, self.intercept, self.parallel))?;
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

    /// The covariance of the estimates `(b0, beta_1, ..., beta_p)` (intercept first, then the coefficients
    /// in [`Self::coefficient_names`] order), `(p + 1) x (p + 1)`, row-major: the inverse Hessian of the
    /// penalised log-likelihood at the fit, in likelihood units,
    ///
    /// ```text
    /// Cov = (X'WX + P / C)^-1,   W = diag(w_i p_i (1 - p_i)),   P = diag(0, 1, ..., 1),
    /// ```
    ///
    /// with `X` the design (ones, then the standardized numeric values and the category indicators, so a
    /// standardized coefficient's variance is per standard deviation squared), `p_i` the fitted
    /// probabilities and `w_i` the sample weights. This is the usual sandwich-free approximation for a
    /// ridge-penalised logistic regression: the posterior covariance under the `N(0, C I)` prior that
    /// the penalty is, and the textbook `(X'WX)^-1` as `C` grows (Hastie, Tibshirani & Friedman, *ESL*,
    /// 2nd ed., §4.4.3); not the sandwich covariance of the shrunken estimate (le Cessie & van
    /// Houwelingen, Applied Statistics 41, 1992). Computed at training from the last Newton Hessian, kept
    /// in the model file (format version 2), exactly symmetric and positive definite. It describes the
    /// returned coefficients: where training did not converge ([`TrainingStats::converged`]) it is
    /// the curvature there, not at the optimum. With a full one-hot encoding and the intercept, the
    /// coefficients are identified only through the penalty: the variance of a shift of every indicator
    /// against the intercept grows like `C`, while contrasts between categories keep finite variances.
    ///
    /// # Errors
    /// - [`ModelError::NoFiniteMaximum`] when `X'WX + P / C` was not numerically positive definite at
    ///   the fit (a penalty too weak for the data: separable classes, whose fitted probabilities are 0 or
    ///   1 to machine precision, or collinear features with `1 / C` below rounding): no covariance
    ///   exists, never a NaN;
    /// - [`ModelError::InvalidData`] naming `covariance` for a scorer read from a format version 1 model
    ///   file, written before the covariance was kept.
    pub fn covariance(&self) -> Result<&[f64], ModelError> {
        match &self.covariance {
            Covariance::Matrix(m) => Ok(m),
            state => Err(inference::no_covariance(state)),
        }
    }

    /// The standard errors of `(b0, beta_1, ..., beta_p)` (intercept first, as [`Self::covariance`]):
    /// the square roots of the covariance's diagonal, each finite and `> 0`.
    ///
    /// # Errors
    /// As [`Self::covariance`].
    pub fn std_errors(&self) -> Result<Vec<f64>, ModelError> {
        let m = self.covariance()?;
        let n = self.coefficients.len() + 1;
        Ok((0..n).map(|k| m[k * n + k].sqrt()).collect())
    }

    /// One [`CoefficientEstimate`] per estimate, the intercept first (named `"(intercept)"`), then the
    /// coefficients in [`Self::coefficient_names`] order: the estimate, its standard error, the 95 % Wald
    /// interval `estimate -/+ 1.959964 std_err`, and the Wald z statistic with its two-sided p-value.
    ///
    /// ```
    /// use ltv_models::{LeadColumn, LeadScorer, ScorerOptions};
    ///
    /// // A 2 x 2 table as weighted rows: exposed (x = 1) 30 converted, 10 not; unexposed 20 and 40.
    /// let (x, y, w) = ([1.0, 1.0, 0.0, 0.0], [1.0, 0.0, 1.0, 0.0], [30.0, 10.0, 20.0, 40.0]);
    /// let options = ScorerOptions::with_c(1e12).standardize(false); // almost no penalty: the MLE
    /// let scorer =
    ///     LeadScorer::fit(&[LeadColumn::numeric("x", &x)], &LeadColumn::numeric("y", &y), Some(&w), options)?;
    /// let rows = scorer.summary()?;
    /// assert_eq!(rows[0].name, "(intercept)");
    /// // The log odds ratio ln(30 * 40 / (10 * 20)) and its textbook standard error sqrt(1/30 + 1/10 + 1/20 + 1/40).
    /// let (log_or, se) = ((30.0_f64 * 40.0 / 200.0).ln(), (1.0_f64 / 30.0 + 0.1 + 0.05 + 0.025).sqrt());
    /// assert!((rows[1].estimate - log_or).abs() < 1e-9 && (rows[1].std_err - se).abs() < 1e-9);
    /// assert!(rows[1].lower_95 < log_or && log_or < rows[1].upper_95 && rows[1].p_value < 1e-3);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// As [`Self::covariance`].
    pub fn summary(&self) -> Result<Vec<CoefficientEstimate>, ModelError> {
        let matrix = self.covariance()?;
        let theta: Vec<f64> = std::iter::once(self.intercept).chain(self.coefficients.iter().copied()).collect();
        inference::summary(self.coefficient_names(), &theta, matrix)
    }

    /// Score on rayon's thread pool (`true`, the default) or on the calling thread; the scores are
    /// identical either way.
    pub fn set_parallel(&mut self, parallel: bool) {
        self.parallel = parallel;
    }

    /// Assembles a scorer, checking that the parts fit together ([`validate`]).
    pub(crate) fn from_parts(
        target: String,
        features: Vec<FeatureSpec>,
        coefficients: Vec<f64>,
        intercept: f64,
        options: ScorerOptions,
        training: TrainingStats,
        covariance: Covariance,
    ) -> Result<Self, ModelError> {
        let scorer = Self {
            target,
            features,
            coefficients,
            intercept,
            c: options.c,
            standardize: options.standardize,
            training,
            covariance,
            parallel: options.parallel,
        };
        validate(&scorer)?;
        Ok(scorer)
    }
}

/// The largest magnitude of a scorer's coefficient or intercept (in a model file or from training):
/// `1e100`. With feature values within [`MAX_FEATURE_MAGNITUDE`](crate::MAX_FEATURE_MAGNITUDE) and scales
/// of at least [`MIN_FEATURE_SCALE`](crate::MIN_FEATURE_SCALE), each term of a score is finite; a score
/// whose sum still leaves the range of `f64` is an error naming the row, never an infinite or NaN score.
pub const MAX_COEFFICIENT: f64 = 1e100;

/// The linear scores of `design`, each checked finite (an error naming the row otherwise).
fn checked_scores(eta: Vec<f64>) -> Result<Vec<f64>, ModelError> {
    match eta.iter().position(|e| !e.is_finite()) {
        None => Ok(eta),
        Some(row) => Err(ModelError::InvalidData {
            field: "features".to_owned(),
            row: Some(row),
            reason: format!(
                "the lead's linear score is {}: its feature values are too large for this model's coefficients \
                 (rescale them)",
                eta[row]
            ),
        }),
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
fn validate(s: &LeadScorer) -> Result<(), ModelError> {
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
                if !encoding::within(*mean, MAX_FEATURE_MAGNITUDE) {
                    return Err(parameter("features.mean", *mean, "a finite mean of magnitude at most 1e100"));
                }
                if !(scale.is_finite() && *scale >= MIN_FEATURE_SCALE) {
                    return Err(parameter("features.scale", *scale, "a finite scale >= MIN_FEATURE_SCALE = 1e-100"));
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
    if let Some(&bad) = s.coefficients.iter().find(|b| !encoding::within(**b, MAX_COEFFICIENT)) {
        return Err(parameter("coefficients", bad, "finite coefficients of magnitude at most MAX_COEFFICIENT = 1e100"));
    }
    if !encoding::within(s.intercept, MAX_COEFFICIENT) {
        return Err(parameter(
            "intercept",
            s.intercept,
            "a finite intercept of magnitude at most MAX_COEFFICIENT = 1e100",
        ));
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
    if let Covariance::Matrix(m) = &s.covariance {
        inference::check(m, width + 1)?;
    }
    Ok(())
}

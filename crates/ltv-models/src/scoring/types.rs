//! The data types of the lead scorer: input columns, feature specifications, options and training
//! statistics (plain data: this module imports nothing else of `scoring`).

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

/// A feature of a trained [`LeadScorer`](crate::LeadScorer), with what the model learned about it at training.
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

/// Training options of [`LeadScorer::fit`](crate::LeadScorer::fit).
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
    /// The most Newton iterations (default 100), at most
    /// [`MAX_SCORER_ITERATIONS`](crate::MAX_SCORER_ITERATIONS) = 1000. Newton's method usually needs 5 to 10.
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

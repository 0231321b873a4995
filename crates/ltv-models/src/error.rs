//! The error type of every fallible operation in this crate.

use std::fmt;

/// A number as an error message shows it, bounded and readable as Python's `repr` writes it: the
/// shortest digits that read back to the same `f64`, in exponent form when the magnitude is at least
/// `1e16` or below `1e-4` (`1e308`, not 309 digits; `5e-324`, not 324 zeros).
///
/// ```
/// use ltv_models::Shown;
///
/// assert_eq!(Shown(1e308).to_string(), "1e308");
/// assert_eq!(Shown(-5e-324).to_string(), "-5e-324");
/// assert_eq!(Shown(1.5e-5).to_string(), "1.5e-5");
/// assert_eq!(Shown(0.03).to_string(), "0.03");
/// assert_eq!(Shown(38.86).to_string(), "38.86");
/// assert_eq!(Shown(1e15).to_string(), "1000000000000000");
/// assert_eq!(Shown(0.0).to_string(), "0");
/// assert_eq!(Shown(f64::NAN).to_string(), "NaN");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shown(pub f64);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let magnitude = self.0.abs();
        if self.0.is_finite() && magnitude != 0.0 && !(1e-4..1e16).contains(&magnitude) {
            write!(f, "{:e}", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

/// Why a model could not be built, evaluated, fitted, or read.
///
/// Every variant names the offending field or value and says what is allowed. No operation in this
/// crate panics or returns a NaN or infinite number: it returns one of these instead.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// A real-valued input is out of its domain (not finite, or outside the allowed range).
    #[error("invalid {field}: got {}, expected {allowed}", Shown(*value))]
    InvalidParameter {
        /// The input, e.g. `"alpha"`, `"discount_rate"`.
        field: &'static str,
        /// The value that was given.
        value: f64,
        /// What is allowed, in words.
        allowed: &'static str,
    },

    /// A period index is out of its domain (periods are counted from 1).
    #[error("invalid {field}: got {value}, expected {allowed}")]
    InvalidPeriod {
        /// The input, e.g. `"t"` or `"n"`.
        field: &'static str,
        /// The value that was given.
        value: u32,
        /// What is allowed, in words.
        allowed: &'static str,
    },

    /// The undiscounted expected lifetime `E[T] = (alpha + beta - 1) / (alpha - 1)` diverges.
    #[error(
        "the undiscounted expected lifetime is infinite when alpha <= 1 (alpha = {alpha}): \
         use the discounted expected lifetime (DEL) with a discount rate d > 0 instead",
        alpha = Shown(*alpha)
    )]
    InfiniteLifetime {
        /// The model's `alpha`.
        alpha: f64,
    },

    /// The Gaussian hypergeometric series behind DEL / DERL did not reach full precision.
    #[error(
        "the hypergeometric series for the discounted lifetime did not converge within {terms} terms \
         at discount rate {discount_rate}: use a discount rate of at least about 1e-5 per period",
        discount_rate = Shown(*discount_rate)
    )]
    SeriesNotConverged {
        /// The number of terms summed before giving up.
        terms: u64,
        /// The discount rate per period that was asked for.
        discount_rate: f64,
    },

    /// No cohort was given to the fit.
    #[error("no cohorts: the fit needs at least one cohort of survival counts")]
    NoCohorts,

    /// A cohort has fewer than two counts (its size and the count after at least one period).
    #[error(
        "cohort {cohort} has {len} count(s): each cohort needs its size (surviving at the start of period 0) \
         and at least one later count"
    )]
    CohortTooShort {
        /// The index of the cohort in the input.
        cohort: usize,
        /// How many counts it has.
        len: usize,
    },

    /// A cohort starts with zero customers.
    #[error("cohort {cohort} is empty: surviving[0] (the cohort size) must be >= 1")]
    EmptyCohort {
        /// The index of the cohort in the input.
        cohort: usize,
    },

    /// A cohort's surviving count (customers still subscribed) grows from one period to the next.
    #[error(
        "cohort {cohort}: surviving[{period}] = {current} exceeds surviving[{}] = {previous}; \
         surviving counts must be non-increasing (customers who leave do not come back)",
        period - 1
    )]
    IncreasingSurviving {
        /// The index of the cohort in the input.
        cohort: usize,
        /// The period whose count is larger than the one before it.
        period: usize,
        /// The count at `period - 1`.
        previous: u64,
        /// The count at `period`.
        current: u64,
    },

    /// The total number of customers does not fit in a `u64`.
    #[error("the total number of customers over all cohorts overflows u64")]
    CustomerCountOverflow,

    /// Every cohort is observed for a single period, so only `alpha / (alpha + beta)` is identified.
    #[error(
        "every cohort is observed for one period only: alpha and beta are identified only when at \
         least one cohort is observed for 2 or more periods"
    )]
    TooFewPeriods,

    /// The likelihood of a fit (the sBG's, or the lead scorer's) has no maximum at finite parameters in
    /// the model's domain; `reason` names the model and says why.
    #[error("the likelihood has no finite maximum: {reason}")]
    NoFiniteMaximum {
        /// Why, in words, with what to do instead.
        reason: &'static str,
    },

    /// A JSON model file names a model other than `"sbg"`.
    #[error("unknown model {found:?} in JSON model file: expected {expected:?}")]
    UnknownModel {
        /// The `"model"` value found (or a description of what was there instead).
        found: String,
        /// The model tag the reader expected.
        expected: &'static str,
    },

    /// A JSON model file has a `format_version` this crate cannot read.
    #[error("unsupported format_version {found} in JSON model file: this version reads {supported}")]
    UnsupportedFormatVersion {
        /// The `"format_version"` value found.
        found: String,
        /// The version this crate reads and writes.
        supported: u32,
    },

    /// A JSON model file read as a fit has no `"fit"` object.
    #[error(
        "the JSON model file has no \"fit\" object: it holds a model, not a fit (read it with SbgModel::from_json)"
    )]
    MissingFit,

    /// The text is not a well-formed model file (bad JSON, a missing, extra or mistyped field).
    #[error("invalid JSON model file: {message}")]
    Json {
        /// The parser's message.
        message: String,
    },

    /// Input data that cannot be used (a bad value, label or shape), naming the field and, when the
    /// problem is in one row, the row (0-based).
    #[error("invalid {field}{}: {reason}", row.map(|r| format!(" at row {r}")).unwrap_or_default())]
    InvalidData {
        /// The column or argument.
        field: String,
        /// The 0-based row, when one row is at fault.
        row: Option<usize>,
        /// What is wrong and what is allowed.
        reason: String,
    },

    /// Two columns that must have the same length do not.
    #[error("{field} has {found} rows but {reference} has {expected}: columns must have the same length")]
    LengthMismatch {
        /// The column whose length is wrong.
        field: String,
        /// The column it is compared with.
        reference: String,
        /// The length of `reference`.
        expected: usize,
        /// The length of `field`.
        found: usize,
    },

    /// A value summed over an unlimited horizon diverges: the margin grows at least as fast as it is
    /// discounted.
    #[error(
        "the value over an unlimited horizon is infinite: growth {growth_rate} per period is not below the \
         discount rate {discount_rate} (alpha = {alpha}); use a discount rate above the growth rate, less \
         growth, or give a horizon",
        discount_rate = Shown(*discount_rate),
        growth_rate = Shown(*growth_rate),
        alpha = Shown(*alpha)
    )]
    DivergentValue {
        /// The discount rate per period.
        discount_rate: f64,
        /// The growth rate per period of the margin.
        growth_rate: f64,
        /// The model's `alpha` (equal rates converge only when `alpha > 1`).
        alpha: f64,
    },

    /// A purchase-model prediction whose series cannot be summed to full precision at these arguments
    /// (e.g. a horizon `t` far beyond the time scale `alpha` of the model: the hypergeometric series then
    /// converges too slowly, or its terms cancel); `field` names the argument to change.
    #[error("{quantity} cannot be computed to full precision at {field} = {}: {reason}", Shown(*value))]
    NotComputable {
        /// The prediction, e.g. `"expected_purchases"`.
        quantity: &'static str,
        /// The argument to change, e.g. `"t"`.
        field: &'static str,
        /// Its value.
        value: f64,
        /// Why, in words.
        reason: &'static str,
    },

    /// The Gamma-Gamma spend model's mean spend per transaction `p gamma / (q - 1)` is infinite (`q <= 1`),
    /// so no expected spend or customer value exists.
    #[error(
        "the mean spend per transaction is infinite when q <= 1 (q = {q}): the Gamma-Gamma model has no \
         expected spend, so no customer value; refit on cleaner spend data or use a fixed spend per transaction",
        q = Shown(*q)
    )]
    InfiniteMeanSpend {
        /// The model's `q`.
        q: f64,
    },

    /// An error in one cohort of a long cohort table ([`cohort_ltv_table`](crate::cohort_ltv_table)):
    /// the cohort's label and, when one row is at fault, the table's row. Its kind, field and value are
    /// those of `source`.
    #[error("cohort {cohort}{}: {source}", row.map(|r| format!(" (table row {r})")).unwrap_or_default())]
    InCohort {
        /// The cohort's label, as the caller spelled it.
        cohort: String,
        /// The 0-based row of the table at fault, when one row is.
        row: Option<usize>,
        /// The error within the cohort.
        source: Box<ModelError>,
    },
}

impl ModelError {
    /// A short, stable name for the kind of error (`"invalid_parameter"`, `"infinite_lifetime"`, ...), the
    /// same string the Python exception carries as `.kind`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::InvalidParameter { .. } => "invalid_parameter",
            Self::InvalidPeriod { .. } => "invalid_period",
            Self::InfiniteLifetime { .. } => "infinite_lifetime",
            Self::SeriesNotConverged { .. } => "series_not_converged",
            Self::NoCohorts => "no_cohorts",
            Self::CohortTooShort { .. } => "cohort_too_short",
            Self::EmptyCohort { .. } => "empty_cohort",
            Self::IncreasingSurviving { .. } => "increasing_surviving",
            Self::CustomerCountOverflow => "customer_count_overflow",
            Self::TooFewPeriods => "too_few_periods",
            Self::NoFiniteMaximum { .. } => "no_finite_maximum",
            Self::UnknownModel { .. } => "unknown_model",
            Self::UnsupportedFormatVersion { .. } => "unsupported_format_version",
            Self::MissingFit => "missing_fit",
            Self::Json { .. } => "json",
            Self::InvalidData { .. } => "invalid_data",
            Self::LengthMismatch { .. } => "length_mismatch",
            Self::DivergentValue { .. } => "divergent_value",
            Self::NotComputable { .. } => "not_computable",
            Self::InfiniteMeanSpend { .. } => "infinite_mean_spend",
            Self::InCohort { source, .. } => source.kind(),
        }
    }

    /// The input field the error is about, when there is one (the same string the Python exception
    /// carries as `.field`): the parameter or column, `"surviving"` for the counts of a fit,
    /// `"discount_rate"` for a divergent discounted sum, the model file's key for file errors.
    #[must_use]
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::InvalidParameter { field, .. } | Self::InvalidPeriod { field, .. } => Some(field),
            Self::InvalidData { field, .. } | Self::LengthMismatch { field, .. } => Some(field),
            Self::InfiniteLifetime { .. } => Some("alpha"),
            Self::NotComputable { field, .. } => Some(field),
            Self::InfiniteMeanSpend { .. } => Some("q"),
            Self::SeriesNotConverged { .. } | Self::DivergentValue { .. } => Some("discount_rate"),
            Self::NoCohorts
            | Self::CohortTooShort { .. }
            | Self::EmptyCohort { .. }
            | Self::IncreasingSurviving { .. }
            | Self::CustomerCountOverflow
            | Self::TooFewPeriods => Some("surviving"),
            Self::UnknownModel { .. } => Some("model"),
            Self::UnsupportedFormatVersion { .. } => Some("format_version"),
            Self::MissingFit => Some("fit"),
            Self::NoFiniteMaximum { .. } | Self::Json { .. } => None,
            Self::InCohort { source, .. } => source.field(),
        }
    }

    /// The offending value, when the error has one number at fault (the Python exception's `.value`):
    /// the parameter, period, `alpha`, discount rate, the cohort's count that grew, or the cohort's
    /// length.
    #[must_use]
    pub fn value(&self) -> Option<f64> {
        match self {
            Self::InvalidParameter { value, .. } => Some(*value),
            Self::InvalidPeriod { value, .. } => Some(f64::from(*value)),
            Self::InfiniteLifetime { alpha } => Some(*alpha),
            Self::NotComputable { value, .. } => Some(*value),
            Self::InfiniteMeanSpend { q } => Some(*q),
            Self::SeriesNotConverged { discount_rate, .. } | Self::DivergentValue { discount_rate, .. } => {
                Some(*discount_rate)
            }
            Self::CohortTooShort { len, .. } => Some(*len as f64),
            Self::EmptyCohort { .. } => Some(0.0),
            Self::IncreasingSurviving { current, .. } => Some(*current as f64),
            Self::LengthMismatch { found, .. } => Some(*found as f64),
            Self::NoCohorts
            | Self::CustomerCountOverflow
            | Self::TooFewPeriods
            | Self::NoFiniteMaximum { .. }
            | Self::UnknownModel { .. }
            | Self::UnsupportedFormatVersion { .. }
            | Self::MissingFit
            | Self::Json { .. }
            | Self::InvalidData { .. } => None,
            Self::InCohort { source, .. } => source.value(),
        }
    }

    /// The 0-based row at fault, for errors about one row of a column (for a cohort's counts, the
    /// period whose count is at fault).
    #[must_use]
    pub fn row(&self) -> Option<usize> {
        match self {
            Self::InvalidData { row, .. } => *row,
            Self::IncreasingSurviving { period, .. } => Some(*period),
            Self::InCohort { row, .. } => *row,
            _ => None,
        }
    }
}

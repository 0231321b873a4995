//! The one error type of the crate.

use std::fmt;

/// Every way an input can fail to be valued.
///
/// Each variant names the `field` it rejects and, where there is one, the `value`, and its message says
/// what is allowed. The enum is `#[non_exhaustive]`: match on the kinds you handle and keep a wildcard arm.
/// Python raises one `ltv.LtvError` subclass per variant with the same message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LtvError {
    /// A value outside the range its field allows (a fraction above 1, a negative amount, churn of 3).
    ///
    /// When the value looks like a percentage typed as a whole number (80 for 80 %), `suggestion`
    /// holds the fraction that was probably meant (0.8).
    #[error("{field} = {value} is out of range: expected {allowed}{}", Suggest(suggestion))]
    InvalidInput {
        /// The rejected field, e.g. `gross_margin`.
        field: &'static str,
        /// The rejected value, as written.
        value: String,
        /// What the field allows, e.g. `a fraction in [0, 1]`.
        allowed: &'static str,
        /// The value that was probably meant, if the input looks like a percentage.
        suggestion: Option<String>,
    },

    /// Churn of exactly zero: the expected lifetime, and so the undiscounted LTV, is infinite.
    #[error(
        "{field} = 0: with zero churn the expected lifetime is infinite and the undiscounted LTV is unbounded; \
         value it with a discount rate (discounted_ltv) or a finite horizon (horizon_months)"
    )]
    ZeroChurn {
        /// The churn field, e.g. `monthly_churn`.
        field: &'static str,
    },

    /// Net revenue churn at or below zero: expansion outweighs churn, so `ARPU x margin / churn` would be
    /// negative or infinite.
    #[error(
        "{field} = {value} is net negative churn (expansion outweighs churn): the simple formula cannot value it; \
         use discounted_ltv with a horizon (horizon_months), or a cohort-based LTV"
    )]
    NegativeNetChurn {
        /// The churn field, e.g. `monthly_churn`.
        field: &'static str,
        /// The rejected net churn.
        value: String,
    },

    /// An infinite discounted sum: retention per period is at least `1 + discount rate`, so the value grows
    /// without bound. A finite horizon values it.
    #[error(
        "{field} = {value} makes the discounted sum diverge (retention >= 1 + discount rate); \
         give a finite horizon (horizon_months)"
    )]
    Divergent {
        /// The field that makes the sum diverge, e.g. `monthly_churn`.
        field: &'static str,
        /// Its value.
        value: String,
    },

    /// A number that is not finite (NaN or an infinity), only possible from floating-point input.
    #[error("{field} = {value} is not a finite number")]
    NotFinite {
        /// The rejected field.
        field: &'static str,
        /// `NaN`, `inf` or `-inf`.
        value: String,
    },

    /// A result or an intermediate step outside the range of the number type (about 7.9e28 for `Decimal`).
    #[error("{field}: the result overflows the number range (about 7.9e28 for Decimal); check the input's scale")]
    Overflow {
        /// The quantity being computed when the overflow happened, e.g. `saas_ltv`.
        field: &'static str,
    },

    /// A quantity that is undefined for these inputs, e.g. a ratio whose denominator is zero.
    #[error("{field} is undefined: {reason}")]
    Undefined {
        /// The quantity that cannot be computed, e.g. `quick_ratio`.
        field: &'static str,
        /// Why, e.g. `no MRR was lost (churned + contraction = 0)`.
        reason: &'static str,
    },
}

impl LtvError {
    /// The field the error names.
    #[must_use]
    pub fn field(&self) -> &'static str {
        match self {
            Self::InvalidInput { field, .. }
            | Self::ZeroChurn { field }
            | Self::NegativeNetChurn { field, .. }
            | Self::Divergent { field, .. }
            | Self::NotFinite { field, .. }
            | Self::Overflow { field }
            | Self::Undefined { field, .. } => field,
        }
    }

    /// The rejected value, as written, when the error is about one value.
    #[must_use]
    pub fn value(&self) -> Option<&str> {
        match self {
            Self::InvalidInput { value, .. }
            | Self::NegativeNetChurn { value, .. }
            | Self::Divergent { value, .. }
            | Self::NotFinite { value, .. } => Some(value),
            Self::ZeroChurn { .. } => Some("0"),
            Self::Overflow { .. } | Self::Undefined { .. } => None,
        }
    }

    /// A stable, snake_case name of the kind, as used in the test vectors (`"invalid_input"`, ...).
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::InvalidInput { .. } => "invalid_input",
            Self::ZeroChurn { .. } => "zero_churn",
            Self::NegativeNetChurn { .. } => "negative_net_churn",
            Self::Divergent { .. } => "divergent",
            Self::NotFinite { .. } => "not_finite",
            Self::Overflow { .. } => "overflow",
            Self::Undefined { .. } => "undefined",
        }
    }
}

/// `Result` with [`LtvError`].
pub type Result<T, E = LtvError> = std::result::Result<T, E>;

struct Suggest<'a>(&'a Option<String>);

impl fmt::Display for Suggest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(s) => write!(f, "; did you mean {s}?"),
            None => Ok(()),
        }
    }
}

/// An [`LtvError`] about one row of a table input (`row` is 0-based), or about the table as a whole (`row` is
/// `None`): the one error type of every table entry point (cohort analysis, segment tables, lead cohorts,
/// campaign comparison).
///
/// ```
/// use ltv_core::cohort::{CohortAnalysis, PeriodUnit};
/// let err = CohortAnalysis::from_columns(&[0, 0], &[650, 651], &[10.0, f64::NAN], PeriodUnit::Month).unwrap_err();
/// assert_eq!((err.row, err.error.kind(), err.error.field()), (Some(1), "not_finite", "revenue"));
/// assert_eq!(err.to_string(), "row 1: revenue = NaN is not a finite number");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The 0-based row, when one row is at fault.
    pub row: Option<usize>,
    /// What is wrong with it.
    pub error: LtvError,
}

impl RowError {
    /// `error` about the 0-based input `row`.
    #[must_use]
    pub fn in_row(row: usize, error: LtvError) -> Self {
        Self { row: Some(row), error }
    }

    /// A `map_err` adapter: attaches `row` to an [`LtvError`].
    pub fn at(row: usize) -> impl FnOnce(LtvError) -> Self {
        move |error| Self { row: Some(row), error }
    }
}

impl From<LtvError> for RowError {
    fn from(error: LtvError) -> Self {
        Self { row: None, error }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.row {
            Some(row) => write!(f, "row {row}: {}", self.error),
            None => self.error.fmt(f),
        }
    }
}

impl std::error::Error for RowError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// The error of an option string that names none of the options: [`LtvError::InvalidInput`] naming `field`,
/// with the rejected text quoted and the allowed strings listed.
pub(crate) fn option_error(field: &'static str, text: &str, allowed: &'static str) -> LtvError {
    LtvError::InvalidInput { field, value: format!("'{text}'"), allowed, suggestion: None }
}

/// Gives an option enum (a fieldless enum chosen by a string: `"month"`, `"total_value"`, ...) its one string
/// form: `as_str`, `ALL`, `Display`, `std::str::FromStr` (an unknown string is [`LtvError::InvalidInput`]
/// naming the option's field and listing the allowed strings) and, with the `serde` feature, serialization as
/// that string. Bindings and test runners parse options through `FromStr`, never by matching strings.
macro_rules! string_option {
    (
        $ty:ident, field = $field:literal, allowed = $allowed:literal,
        { $($variant:ident => $text:literal),+ $(,)? }
    ) => {
        impl $ty {
            /// Every option, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            #[doc = concat!("The option's string: ", $allowed, ".")]
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::LtvError;

            #[doc = concat!("Parses ", $allowed, "; anything else is `LtvError::InvalidInput` naming `", $field, "`.")]
            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                match text {
                    $($text => Ok(Self::$variant),)+
                    other => Err($crate::error::option_error($field, other, $allowed)),
                }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let text = <::std::string::String as serde::Deserialize>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use string_option;

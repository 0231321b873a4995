//! The error of a billing normalisation: an [`LtvError`] with the input line it is about.

use std::fmt;

use crate::error::LtvError;

/// What is wrong with a billing input, one stable snake_case name per problem (`.problem` in Python).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BillingProblem {
    /// `service_end` before `service_start`, or equal to it on a recurring line (an empty service period).
    EndBeforeStart,
    /// A service period longer than [`MAX_SERVICE_DAYS`](super::MAX_SERVICE_DAYS).
    PeriodTooLong,
    /// A date that does not exist or lies outside 0001..=9999.
    InvalidDate,
    /// A negative amount, a quantity `<= 0`, a negative discount or a discount above the amount.
    InvalidAmount,
    /// A NaN, infinite or missing amount (only possible from column input).
    MissingAmount,
    /// A `kind` that is none of `charge`, `credit_note`, `refund`, `one_time`.
    UnknownKind,
    /// Two lines with the same line id.
    DuplicateLineId,
    /// Two charge lines of the same customer, plan, currency and net amount whose service periods overlap.
    DuplicateLine,
    /// A credit note or refund without `credits`, or crediting a line id that is not in the input.
    UnknownCreditedLine,
    /// A credit note or refund crediting another customer's line, a line in another currency, or another credit.
    CreditMismatch,
    /// Credit notes and refunds of a line adding up to more than the line's net amount.
    CreditTooLarge,
    /// A customer-month whose MRR or one-time revenue would be negative after credits.
    NegativeRevenue,
    /// A line in a currency other than the reporting currency without a rate on or before its rate date.
    MissingRate,
    /// A rate table row with a rate `<= 0` or a blank currency, or two rates of one currency on one date.
    InvalidRate,
    /// An option out of range (decimal places, a blank reporting currency, several currencies and none chosen).
    InvalidOption,
    /// An amount outside the range of `Decimal` (or of the minor-unit arithmetic).
    Overflow,
}

impl BillingProblem {
    /// The problem's snake_case name, e.g. `"credit_too_large"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::EndBeforeStart => "end_before_start",
            Self::PeriodTooLong => "period_too_long",
            Self::InvalidDate => "invalid_date",
            Self::InvalidAmount => "invalid_amount",
            Self::MissingAmount => "missing_amount",
            Self::UnknownKind => "unknown_kind",
            Self::DuplicateLineId => "duplicate_line_id",
            Self::DuplicateLine => "duplicate_line",
            Self::UnknownCreditedLine => "unknown_credited_line",
            Self::CreditMismatch => "credit_mismatch",
            Self::CreditTooLarge => "credit_too_large",
            Self::NegativeRevenue => "negative_revenue",
            Self::MissingRate => "missing_rate",
            Self::InvalidRate => "invalid_rate",
            Self::InvalidOption => "invalid_option",
            Self::Overflow => "overflow",
        }
    }
}

impl fmt::Display for BillingProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A billing input that cannot be normalised: the `problem`, the input `row` (0-based, of the lines or, for
/// [`BillingProblem::InvalidRate`], of the rate table) and its `line_id` when one line is at fault, and the
/// [`LtvError`] naming the field and value.
///
/// ```
/// use ltv_core::billing::{BillingLine, BillingOptions, LineKind, normalise};
/// use ltv_core::cohort::Date;
/// use ltv_core::Decimal;
/// let d = |y, m, day| Date { year: y, month: m, day };
/// let line = BillingLine::charge("in_1", "cus_A", Decimal::new(100, 0), "USD", d(2024, 2, 1), d(2024, 1, 1));
/// let err = normalise(&[line], &[], &BillingOptions::default()).unwrap_err();
/// assert_eq!((err.problem.as_str(), err.error.field(), err.row), ("end_before_start", "service_end", Some(0)));
/// assert_eq!(
///     err.to_string(),
///     "line 'in_1' (row 0): service_end = 2024-01-01 is out of range: expected a date after service_start"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillingError {
    /// What is wrong.
    pub problem: BillingProblem,
    /// The 0-based row of the line (or rate) at fault.
    pub row: Option<usize>,
    /// The line id of the line at fault.
    pub line_id: Option<String>,
    /// The field, value and what is allowed (boxed: the error stays small on the happy path).
    pub error: Box<LtvError>,
}

impl BillingError {
    /// `problem` with `error`, about no line in particular.
    #[must_use]
    pub fn new(problem: BillingProblem, error: LtvError) -> Self {
        Self { problem, row: None, line_id: None, error: Box::new(error) }
    }

    /// `problem` with `error`, about the line at `row` with id `line_id`.
    #[must_use]
    pub fn at_line(problem: BillingProblem, row: usize, line_id: &str, mut error: LtvError) -> Self {
        if let LtvError::InvalidInput { value, .. } = &mut error
            && let std::borrow::Cow::Owned(cut) = shown(value)
        {
            *value = cut; // a 400-character "kind" or amount keeps the message one readable line
        }
        Self { problem, row: Some(row), line_id: Some(line_id.to_owned()), error: Box::new(error) }
    }

    /// An [`LtvError::InvalidInput`] about line `row`.
    pub(crate) fn invalid(
        problem: BillingProblem,
        row: usize,
        line_id: &str,
        field: &'static str,
        value: String,
        allowed: &'static str,
    ) -> Self {
        Self::at_line(problem, row, line_id, LtvError::InvalidInput { field, value, allowed, suggestion: None })
    }

    /// A NaN, infinite or missing `field` of line `row` (`value` is `NaN`, `inf` or `missing`): for bindings
    /// reading float columns.
    #[must_use]
    pub fn missing_amount(row: usize, line_id: &str, field: &'static str, value: &str) -> Self {
        Self::at_line(
            BillingProblem::MissingAmount,
            row,
            line_id,
            LtvError::NotFinite { field, value: value.to_owned() },
        )
    }
}

impl fmt::Display for BillingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.line_id, self.row) {
            (Some(id), Some(row)) => write!(f, "line '{}' (row {row}): {}", shown(id), self.error),
            (None, Some(row)) => write!(f, "row {row}: {}", self.error),
            _ => self.error.fmt(f),
        }
    }
}

impl std::error::Error for BillingError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.error.as_ref())
    }
}

/// The longest value or line id a message shows whole.
const SHOWN_CHARS: usize = 80;

/// `text` as a message shows it: at most [`SHOWN_CHARS`] characters, a longer one cut with its length (a
/// 400-digit "amount" or line id keeps the message one readable line).
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    let length = text.chars().count();
    if length <= SHOWN_CHARS {
        return std::borrow::Cow::Borrowed(text);
    }
    let head: String = text.chars().take(SHOWN_CHARS - 20).collect();
    std::borrow::Cow::Owned(format!("{head}... ({length} characters)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_and_line_ids_are_cut_in_messages() {
        let id = "x".repeat(500);
        let e = BillingError::invalid(BillingProblem::UnknownKind, 3, &id, "kind", "9".repeat(401), "a kind");
        let text = e.to_string();
        assert!(text.len() < 300, "{text}");
        assert!(text.contains("... (500 characters)") && text.contains("... (401 characters)"), "{text}");
        assert_eq!(e.line_id.as_deref(), Some(id.as_str()), "the error keeps the whole id as data");
        let short = BillingError::invalid(BillingProblem::UnknownKind, 0, "in_1", "kind", "refnud".into(), "a kind");
        assert_eq!(short.to_string(), "line 'in_1' (row 0): kind = refnud is out of range: expected a kind");
    }
}

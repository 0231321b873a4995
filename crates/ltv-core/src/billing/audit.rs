//! The outputs of a normalisation: the MRR table, one-time revenue, pauses and the audit table.

use rust_decimal::Decimal;

use super::day_count::DayCount;

/// What a customer-month of the MRR table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MonthStatus {
    /// Covered by at least one charge of net amount `> 0`.
    Paying,
    /// Covered only by charges of net amount 0 (a free trial, a 100 % discount): the customer is present
    /// with 0 MRR (in no cohort until it pays).
    Trial,
    /// Covered by no charge, only by credits placed in their issue month.
    CreditOnly,
}

impl MonthStatus {
    /// `"paying"`, `"trial"` or `"credit_only"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Paying => "paying",
            Self::Trial => "trial",
            Self::CreditOnly => "credit_only",
        }
    }
}

/// One row of the MRR table: the `(customer, period, mrr)` rows [`CohortAnalysis::from_rows`](crate::cohort::CohortAnalysis::from_rows) takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MrrRow<C> {
    /// The customer.
    pub customer: C,
    /// The month, as months since 1970-01 ([`PeriodUnit::Month`](crate::cohort::PeriodUnit::Month)).
    pub period: i64,
    /// The recurring revenue recognised in the month, in the reporting currency, to the cent (`>= 0`).
    pub mrr: Decimal,
    /// Paying, trial or credit-only.
    pub status: MonthStatus,
}

/// One-time revenue of a customer-month (setup fees, services), never in MRR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneTimeRow<C> {
    /// The customer.
    pub customer: C,
    /// The month (months since 1970-01).
    pub period: i64,
    /// One-time charges less their credits, in the reporting currency (`>= 0`).
    pub amount: Decimal,
}

/// A pause: months with no charge between two covered months of a customer. The month after it, MRR
/// comes back: a reactivation in the cohort movements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pause<C> {
    /// The customer.
    pub customer: C,
    /// The first month without a charge.
    pub first_period: i64,
    /// How many months it lasts (`>= 1`).
    pub periods: i64,
}

/// Which rule placed an audit amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditRule {
    /// A share of a service period under a day-count rule.
    Prorated(DayCount),
    /// A zero-amount charge (trial): the customer is present with 0.
    Trial,
    /// A credit note or refund placed in the month it was issued.
    IssueMonth,
    /// A one-time charge (or its credit) in the month of its service start.
    OneTime,
}

impl AuditRule {
    /// `"actual_days"`, `"thirty_360"`, `"whole_months"`, `"trial"`, `"issue_month"` or `"one_time"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Prorated(rule) => rule.as_str(),
            Self::Trial => "trial",
            Self::IssueMonth => "issue_month",
            Self::OneTime => "one_time",
        }
    }
}

/// One audit row: the amount line `row` contributed to `period`, and the rule that placed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow<C> {
    /// The 0-based input row of the line (its id is `lines[row].line_id`).
    pub row: usize,
    /// The customer.
    pub customer: C,
    /// The month (months since 1970-01).
    pub period: i64,
    /// The amount contributed, in the reporting currency, to the cent (negative for credits).
    pub amount: Decimal,
    /// `false` for a one-time charge and its credits (one-time revenue, not MRR).
    pub recurring: bool,
    /// The rule that placed it.
    pub rule: AuditRule,
}

/// The result of [`normalise`](super::normalise), every table sorted by customer, then period, then row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalised<C> {
    /// The reporting currency.
    pub reporting_currency: String,
    /// One row per customer and month covered by a charge (or by an issue-month credit).
    pub mrr: Vec<MrrRow<C>>,
    /// One row per customer and month with one-time revenue.
    pub one_time: Vec<OneTimeRow<C>>,
    /// The gaps between covered months of a customer.
    pub pauses: Vec<Pause<C>>,
    /// For every month, which lines contributed what: the per-line sums equal the lines' converted net
    /// amounts to the cent (the reconciliation guarantee).
    pub audit: Vec<AuditRow<C>>,
}

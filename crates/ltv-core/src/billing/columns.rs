//! The column-based entry point: invoice lines as columns in, the tables as columns out, with no per-line
//! structs, strings or decimals built on the way ([`normalise_columns`]). [`normalise`](super::normalise)
//! over [`BillingLine`](super::BillingLine)s builds these columns and runs the same rules.

use rust_decimal::Decimal;

use super::audit::{AuditRule, MonthStatus};
use super::currency::Rate;
use super::error::BillingError;
use super::line::LineKind;
use super::normalise::BillingOptions;

/// Invoice lines as columns, one entry per line (row) in every column.
///
/// The rules are those of [`normalise`](super::normalise); only the encoding differs: customers, currencies
/// and plans are integer codes, dates are days since 1970-01-01
/// ([`PeriodUnit::Day`](crate::cohort::PeriodUnit::Day) indices), amounts are exact [`Decimal`]s.
#[derive(Debug, Clone, Copy)]
pub struct LineColumns<'a> {
    /// The line ids, unique (errors and the audit table name lines by row; messages by these ids).
    pub line_id: &'a [&'a str],
    /// The customer code of each line: lines of one customer share a code; the tables are sorted by code.
    pub customer: &'a [u32],
    /// The kind of each line.
    pub kind: &'a [LineKind],
    /// The amount of each line (`>= 0`): the line total, or the unit price when `quantity` is given.
    pub amount: &'a [Decimal],
    /// The currency of each line, an index into `currencies`.
    pub currency: &'a [u32],
    /// The currency codes (`"USD"`) that `currency` indexes.
    pub currencies: &'a [String],
    /// The first day of service of each line.
    pub service_start: &'a [i64],
    /// The day after the last day of service (exclusive end).
    pub service_end: &'a [i64],
    /// The plan code of each line, negative for none (two charges are duplicates only within one plan).
    pub plan: Option<&'a [i64]>,
    /// Units billed per line (`None` in the column or per line: 1).
    pub quantity: Option<&'a [Option<Decimal>]>,
    /// An amount off each line's total (`None`: 0).
    pub discount: Option<&'a [Option<Decimal>]>,
    /// For credit notes and refunds: the line id of the line credited.
    pub credits: Option<&'a [Option<&'a str>]>,
    /// The invoice date of each line as days, `i64::MIN` for none (the service start then applies).
    pub issued: Option<&'a [i64]>,
}

/// The MRR table as columns: one row per customer and month covered (see [`MrrRow`](super::MrrRow)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MrrColumns {
    /// The customer code.
    pub customer: Vec<u32>,
    /// The month (months since 1970-01).
    pub period: Vec<i64>,
    /// The MRR in minor units of the reporting currency (`decimal_places`), `>= 0`.
    pub units: Vec<i128>,
    /// Paying, trial or credit-only.
    pub status: Vec<MonthStatus>,
}

/// One-time revenue as columns (see [`OneTimeRow`](super::OneTimeRow)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OneTimeColumns {
    /// The customer code.
    pub customer: Vec<u32>,
    /// The month (months since 1970-01).
    pub period: Vec<i64>,
    /// One-time charges less their credits, in minor units (`>= 0`).
    pub units: Vec<i128>,
}

/// The pauses as columns (see [`Pause`](super::Pause)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PauseColumns {
    /// The customer code.
    pub customer: Vec<u32>,
    /// The first month without a charge.
    pub first_period: Vec<i64>,
    /// How many months the pause lasts (`>= 1`).
    pub periods: Vec<i64>,
}

/// The audit table as columns (see [`AuditRow`](super::AuditRow)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditColumns {
    /// The 0-based input row of the line.
    pub row: Vec<u32>,
    /// The customer code.
    pub customer: Vec<u32>,
    /// The month (months since 1970-01).
    pub period: Vec<i64>,
    /// The amount contributed, in minor units (negative for credits).
    pub units: Vec<i128>,
    /// `false` for one-time charges and their credits.
    pub recurring: Vec<bool>,
    /// The rule that placed it.
    pub rule: Vec<AuditRule>,
}

/// The result of [`normalise_columns`]: the tables of [`Normalised`](super::Normalised) as columns, sorted
/// by customer code, then period, then row; amounts in minor units of `decimal_places`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NormalisedColumns {
    /// The reporting currency.
    pub reporting_currency: String,
    /// The MRR table.
    pub mrr: MrrColumns,
    /// One-time revenue per customer-month.
    pub one_time: OneTimeColumns,
    /// The gaps between covered months of a customer.
    pub pauses: PauseColumns,
    /// Which line contributed what to which month.
    pub audit: AuditColumns,
}

/// Normalises invoice lines given as columns: the rules, guarantees and errors of
/// [`normalise`](super::normalise) (which runs this same implementation), with amounts returned as minor
/// units. Columns of different lengths are [`BillingProblem::InvalidOption`](super::BillingProblem::InvalidOption)
/// naming the column.
///
/// ```
/// use ltv_core::billing::{BillingOptions, LineColumns, LineKind, normalise_columns};
/// use ltv_core::Decimal;
/// // $1,200 for 2024-01-01 .. 2025-01-01 (days 19723 .. 20089), actual days: January 31/366 of it.
/// let columns = LineColumns {
///     line_id: &["in_1"], customer: &[0], kind: &[LineKind::Charge], amount: &[Decimal::new(1200, 0)],
///     currency: &[0], currencies: &["USD".to_owned()], service_start: &[19_723], service_end: &[20_089],
///     plan: None, quantity: None, discount: None, credits: None, issued: None,
/// };
/// let out = normalise_columns(&columns, &[], &BillingOptions::default())?;
/// assert_eq!(out.mrr.units[..2], [10_164, 9_508]);
/// assert_eq!(out.mrr.units.iter().sum::<i128>(), 120_000); // to the cent
/// assert_eq!(out.audit.row, vec![0; 12]);
/// # Ok::<(), ltv_core::billing::BillingError>(())
/// ```
///
/// # Errors
/// Those of [`normalise`](super::normalise), naming the line by row and id.
pub fn normalise_columns(
    columns: &LineColumns<'_>,
    rates: &[Rate],
    options: &BillingOptions,
) -> Result<NormalisedColumns, BillingError> {
    super::core::run(columns, rates, options)
}

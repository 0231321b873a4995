//! From billing exports to MRR: invoice lines spread over their service periods, exactly, so cohort
//! tables, MRR movements and churn are right.
//!
//! A billing export is not a `(customer, month, revenue)` table: an annual plan paid in January is twelve
//! months of revenue, not one month followed by churn. [`normalise`] turns [`BillingLine`]s (charges, credit
//! notes, refunds, one-time charges, with plans, quantities, discounts and currencies) into:
//! - the MRR table, `(customer, period, mrr)` rows for [`CohortAnalysis::from_rows`](crate::cohort::CohortAnalysis::from_rows);
//! - one-time revenue per customer-month (never MRR), and pauses (gaps in coverage: reactivations);
//! - the audit table: which line contributed what to which month, under which rule.
//!
//! Rules, one file each:
//! - [`line`](BillingLine): kinds and the net amount `amount x quantity - discount`; service periods run
//!   from `service_start` to `service_end` exclusive, at most [`MAX_SERVICE_DAYS`] long.
//! - [`DayCount`]: `actual_days` (default), `thirty_360`, `whole_months`.
//! - [`allocate`]: largest remainder to the cent, ties to the earlier month: the monthly amounts of every
//!   line sum to its converted net amount exactly (the reconciliation guarantee).
//! - [`Rate`] and [`RateDate`]: the latest rate on or before the invoice date (default) or the service start;
//!   a line without one is an error naming it.
//! - [`CreditPlacement`]: credits restate their service period (default) or land in their issue month.
//! - [`BillingError`]: every bad input named by line id, row, [`BillingProblem`], field and value.
//!
//! [`normalise_columns`] takes the lines as columns (codes, days, decimals) and returns the tables as
//! columns: the same rules, one implementation, without per-line structs or strings (the Python binding's path).
//!
//! Exact: amounts are [`Decimal`](crate::Decimal) and minor units (`i128`) throughout.

mod allocate;
mod audit;
mod columns;
mod core;
mod currency;
mod day_count;
mod error;
mod line;
mod normalise;
mod tables;

pub use allocate::allocate;
pub use audit::{AuditRow, AuditRule, MonthStatus, MrrRow, Normalised, OneTimeRow, Pause};
pub use columns::{
    AuditColumns, LineColumns, MrrColumns, NormalisedColumns, OneTimeColumns, PauseColumns, normalise_columns,
};
pub use currency::{Rate, RateDate};
pub use day_count::DayCount;
pub use error::{BillingError, BillingProblem};
pub use line::{BillingLine, LineKind, amount_from_f64, parse_amount};
pub use normalise::{BillingOptions, CreditPlacement, MAX_LINES, MAX_SERVICE_DAYS, normalise};

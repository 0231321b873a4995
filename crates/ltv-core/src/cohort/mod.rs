//! Revenue cohort tables: retention, MRR movements and realised value from `(customer, period, revenue)` rows.
//!
//! Build a [`CohortAnalysis`] from revenue rows ([`CohortAnalysis::from_rows`], any hashable customer id) or
//! from columns ([`CohortAnalysis::from_columns`], dense `u32` customer codes: the fast path of the Python
//! binding). Then read:
//! - [`CohortAnalysis::table`]: one [`CohortRow`] per acquisition cohort and age (logo, net and gross revenue
//!   retention, surviving customers, cumulative revenue per customer);
//! - [`CohortAnalysis::movements`]: one [`PeriodMovements`] per calendar period (the MRR bridge as
//!   [`MrrMovements`](crate::MrrMovements), logo churn, NRR, GRR, quick ratio);
//! - [`CohortAnalysis::realised_value`], [`CohortAnalysis::realised_ltv`] and [`CohortAnalysis::payback`]:
//!   cumulative margin per acquired customer, the 12- or 24-period realised LTV, and the CAC payback age.
//!
//! Conventions:
//! - Periods are integer indices of a [`PeriodUnit`]: months since 1970-01 (the default), ISO weeks since Monday
//!   1969-12-29, days since 1970-01-01, quarters since 1970-Q1 or years since 1970; [`parse_period`] reads
//!   `"2024-03"` and `"2024-03-15"`.
//! - Rows may come in any order; rows of the same customer and period are summed (refunds may be negative
//!   rows, but a customer's total in a period must be `>= 0`). Revenue must be finite. Empty input is an error.
//! - A customer's cohort is the first period with revenue `> 0`. Customers whose rows never show revenue
//!   `> 0` belong to no cohort; they are counted in [`CohortAnalysis::never_paying_customers`].
//! - Age is 0-based (age 0 = the acquisition period); the table runs to the last period of the data, so a
//!   cohort acquired in that period has age 0 only. A gap followed by revenue is a reactivation.
//!
//! Generic over [`Number`]: `Decimal` is exact, `f64` is fast; the same code and checks run on both.
//!
//! ```
//! use ltv_core::cohort::{CohortAnalysis, CohortCac, PeriodUnit, parse_period};
//! use ltv_core::{Decimal, Fraction, Money};
//!
//! let m = |s: &str| parse_period(s, PeriodUnit::Month);
//! let d = |v: i64| Decimal::new(v, 0);
//! // Two customers acquired in January: A pays 100, 100, 120; B pays 50, then nothing, then 50 again.
//! let rows = vec![
//!     ("A", m("2024-01")?, d(100)),
//!     ("A", m("2024-02")?, d(60)),
//!     ("A", m("2024-02")?, d(40)), // a second invoice in February: summed
//!     ("A", m("2024-03")?, d(120)),
//!     ("B", m("2024-01")?, d(50)),
//!     ("B", m("2024-03")?, d(50)),
//! ];
//! let cohorts = CohortAnalysis::from_rows(rows, PeriodUnit::Month)?;
//! let t = cohorts.table();
//! assert_eq!(t.len(), 3); // the January cohort at ages 0, 1, 2
//! assert_eq!((t[1].active_customers, t[1].surviving_customers), (1, 2)); // B lapsed but comes back
//! assert_eq!(t[1].logo_retention, Decimal::new(5, 1));
//! assert_eq!(t[2].net_revenue_retention, Decimal::new(170, 0) / Decimal::new(150, 0));
//! assert_eq!(t[2].gross_revenue_retention, Decimal::ONE); // min(120, 100) + min(50, 50) = 150
//! // February: 150 at the start, B churned (50), so NRR = GRR = 100 / 150, logo churn 1 / 2.
//! let feb = &cohorts.movements()[1];
//! assert_eq!(feb.mrr.churned(), d(50));
//! assert_eq!(feb.logo_churn_rate, Some(Decimal::new(5, 1)));
//! // March: A expands by 20 and B reactivates with 50.
//! let mar = &cohorts.movements()[2];
//! assert_eq!((mar.mrr.expansion(), mar.mrr.reactivation()), (d(20), d(50)));
//! // At 80 % margin the cohort has realised 60, 100, 168 per customer: a CAC of 100 pays back at age 1.
//! let margin = Fraction::new(Decimal::new(8, 1))?;
//! let payback = cohorts.payback(margin, CohortCac::All(Money::new(d(100))?))?;
//! assert_eq!(payback[0].payback_age, Some(1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod ledger;
mod movements;
mod period;
mod table;
mod value;

use std::collections::HashMap;
use std::hash::Hash;

pub use crate::error::RowError;
#[allow(deprecated)]
pub use error::CohortError;
pub use movements::PeriodMovements;
pub use period::{Date, PeriodUnit, parse_period};
pub use table::{CohortRow, MAX_COHORT_CELLS};
pub use value::{CohortCac, CohortPayback, RealisedValue};

use crate::error::{LtvError, Result};
use crate::number::Number;
use crate::quantity::Fraction;
use rust_decimal::Decimal;

/// A revenue cohort analysis: the cohort table and the per-period movements, computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortAnalysis<T = Decimal> {
    unit: PeriodUnit,
    first_period: i64,
    last_period: i64,
    customers: u32,
    never_paying: u32,
    table: Vec<CohortRow<T>>,
    movements: Vec<PeriodMovements<T>>,
}

impl<T: Number> CohortAnalysis<T> {
    /// From columns: `customers[i]` (a dense code, e.g. from factorizing ids), `periods[i]` (a period index
    /// of `unit`) and `revenue[i]` describe row `i`.
    ///
    /// ```
    /// use ltv_core::cohort::{CohortAnalysis, PeriodUnit};
    /// let a = CohortAnalysis::from_columns(&[0, 1, 0], &[650, 650, 651], &[10.0, 5.0, 12.0], PeriodUnit::Month)?;
    /// assert_eq!(a.table()[1].net_revenue_retention, 12.0 / 15.0);
    /// # Ok::<(), ltv_core::RowError>(())
    /// ```
    ///
    /// Customer codes must be dense, `0..number of customers` (factorized ids): memory is proportional to the
    /// largest code, and a code above `4 x rows + 1,000,000` is rejected.
    ///
    /// # Errors
    /// [`RowError`] with the first bad row: [`LtvError::NotFinite`] for a NaN or infinite revenue,
    /// [`LtvError::InvalidInput`] for a period outside 0001..=9999, a sparse customer code, or a negative
    /// customer-period total (the row named is the first row of that customer and period); without a row:
    /// columns of different lengths (the field is the column that differs), no rows, a cohort table of more
    /// than [`MAX_COHORT_CELLS`] (10,000,000) cohort x age cells (field `period`: use a coarser unit), [`LtvError::Overflow`].
    pub fn from_columns(
        customers: &[u32],
        periods: &[i64],
        revenue: &[T],
        unit: PeriodUnit,
    ) -> std::result::Result<Self, RowError> {
        let ledger = ledger::build(customers, periods, revenue, unit)?;
        Ok(Self {
            unit,
            first_period: ledger.first_period,
            last_period: ledger.last_period,
            customers: ledger.customers,
            never_paying: ledger.never_paying,
            table: table::build(&ledger)?,
            movements: movements::build(&ledger)?,
        })
    }

    /// From `(customer, period index, revenue)` rows with any hashable customer id (`u64`, `&str`, ...).
    ///
    /// # Errors
    /// As [`Self::from_columns`]; rows are numbered in iteration order.
    pub fn from_rows<C, I>(rows: I, unit: PeriodUnit) -> std::result::Result<Self, RowError>
    where
        C: Hash + Eq,
        I: IntoIterator<Item = (C, i64, T)>,
    {
        let rows = rows.into_iter();
        let (lower, _) = rows.size_hint();
        let mut codes: HashMap<C, u32> = HashMap::with_capacity(lower / 4);
        let (mut customers, mut periods, mut revenue) =
            (Vec::with_capacity(lower), Vec::with_capacity(lower), Vec::with_capacity(lower));
        for (customer, period, amount) in rows {
            let next = u32::try_from(codes.len()).map_err(|_| {
                RowError::from(LtvError::InvalidInput {
                    field: "customer",
                    value: "more than 4294967295 customers".to_owned(),
                    allowed: "at most 4294967295 distinct customers",
                    suggestion: None,
                })
            })?;
            customers.push(*codes.entry(customer).or_insert(next));
            periods.push(period);
            revenue.push(amount);
        }
        Self::from_columns(&customers, &periods, &revenue, unit)
    }

    /// The period unit.
    #[must_use]
    pub fn unit(&self) -> PeriodUnit {
        self.unit
    }

    /// The first and last period index of the data.
    #[must_use]
    pub fn period_range(&self) -> (i64, i64) {
        (self.first_period, self.last_period)
    }

    /// Customers with at least one row.
    #[must_use]
    pub fn customers(&self) -> u32 {
        self.customers
    }

    /// Customers whose rows never show revenue `> 0`: in no cohort, counted here rather than dropped silently.
    #[must_use]
    pub fn never_paying_customers(&self) -> u32 {
        self.never_paying
    }

    /// The cohort table: cohorts in period order, each with ages `0..=last period - cohort`.
    #[must_use]
    pub fn table(&self) -> &[CohortRow<T>] {
        &self.table
    }

    /// One row per calendar period, from the first to the last period of the data.
    #[must_use]
    pub fn movements(&self) -> &[PeriodMovements<T>] {
        &self.movements
    }

    /// Cumulative revenue and margin per acquired customer, per cohort and age (the table's order).
    ///
    /// # Errors
    /// [`LtvError::Overflow`].
    pub fn realised_value(&self, gross_margin: Fraction<T>) -> Result<Vec<RealisedValue<T>>> {
        value::realised(&self.table, gross_margin)
    }

    /// The realised LTV over the first `periods` periods of each cohort (12 or 24 months, say): the
    /// cumulative margin per acquired customer at age `periods - 1`, as `(cohort, cohort_size, ltv)`;
    /// `None` for a cohort not yet observed for `periods` periods.
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] for `periods = 0`, [`LtvError::Overflow`].
    pub fn realised_ltv(&self, gross_margin: Fraction<T>, periods: u32) -> Result<Vec<(i64, u32, Option<T>)>> {
        value::realised_ltv(&self.table, gross_margin, periods)
    }

    /// CAC payback per cohort: the first age at which the cumulative margin per acquired customer reaches
    /// the CAC (`>=`); `None` when not reached within the observed ages.
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] naming `cac` when [`CohortCac::PerCohort`] misses a cohort,
    /// [`LtvError::Overflow`].
    pub fn payback(&self, gross_margin: Fraction<T>, cac: CohortCac<'_, T>) -> Result<Vec<CohortPayback<T>>> {
        value::payback(&self.table, gross_margin, cac)
    }
}

//! Currency conversion: a table of exchange rates by date, read as of a documented date of each line.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::error::{BillingError, BillingProblem};
use crate::cohort::{Date, PeriodUnit};
use crate::error::{LtvError, string_option};

/// One exchange rate: from `date` on (until the next rate of the currency), one unit of `currency` is worth
/// `rate` units of the reporting currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rate {
    /// The ISO code of the currency converted from.
    pub currency: String,
    /// The first day the rate applies.
    pub date: Date,
    /// Reporting-currency units per unit of `currency`, `> 0`.
    pub rate: Decimal,
}

/// Which date of a line its exchange rate is read on: the latest rate on or before that date applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RateDate {
    /// The invoice date (`issued`; the service start when a line has none): the rate the customer was billed
    /// at, so converted totals reconcile with the invoices (default).
    #[default]
    InvoiceDate,
    /// The first day of service.
    ServiceStart,
}

string_option!(RateDate, field = "rate_date", allowed = "'invoice_date' or 'service_start'", {
    InvoiceDate => "invoice_date",
    ServiceStart => "service_start",
});

/// The rates by currency, each sorted by day.
pub(crate) struct RateTable {
    by_currency: HashMap<String, Vec<(i64, Decimal)>>,
}

impl RateTable {
    pub(crate) fn new(rates: &[Rate]) -> Result<Self, BillingError> {
        let mut by_currency: HashMap<String, Vec<(i64, Decimal)>> = HashMap::new();
        for (row, r) in rates.iter().enumerate() {
            let bad = |field, value: String, allowed| BillingError {
                problem: BillingProblem::InvalidRate,
                row: Some(row),
                line_id: None,
                error: Box::new(LtvError::InvalidInput { field, value, allowed, suggestion: None }),
            };
            if r.currency.trim().is_empty() {
                return Err(bad("currency", format!("'{}'", r.currency), "a currency code"));
            }
            if r.rate <= Decimal::ZERO {
                return Err(bad("rate", r.rate.to_string(), "a rate > 0"));
            }
            let day = PeriodUnit::Day
                .index_of(r.date)
                .map_err(|_| bad("date", r.date.to_string(), "a calendar date from 0001-01-01 to 9999-12-31"))?;
            by_currency.entry(r.currency.clone()).or_default().push((day, r.rate));
        }
        for list in by_currency.values_mut() {
            list.sort_by_key(|&(day, _)| day);
            if let Some(pair) = list.windows(2).find(|p| p.first().map(|a| a.0) == p.get(1).map(|b| b.0)) {
                let day = pair.first().map_or(0, |a| a.0);
                let row = rates.iter().rposition(|r| PeriodUnit::Day.index_of(r.date).ok() == Some(day));
                return Err(BillingError {
                    problem: BillingProblem::InvalidRate,
                    row,
                    line_id: None,
                    error: Box::new(LtvError::InvalidInput {
                        field: "date",
                        value: PeriodUnit::Day.start(day).map(|d| d.to_string()).unwrap_or_default(),
                        allowed: "one rate per currency and date",
                        suggestion: None,
                    }),
                });
            }
        }
        Ok(Self { by_currency })
    }

    /// The rate of `currency` on `day`: the latest on or before it.
    pub(crate) fn rate(&self, currency: &str, day: i64) -> Option<Decimal> {
        let list = self.by_currency.get(currency)?;
        let at = list.partition_point(|&(d, _)| d <= day);
        at.checked_sub(1).and_then(|i| list.get(i)).map(|&(_, rate)| rate)
    }
}

//! Realised value of a cohort: cumulative margin per acquired customer, realised LTV and CAC payback age.

use crate::error::{LtvError, Result};
use crate::number::{Calc, Number};
use crate::quantity::Fraction;
use crate::quantity::Money;
use rust_decimal::Decimal;

use super::table::CohortRow;

/// Cumulative margin per acquired customer of one cohort at one age.
///
/// Cumulative margin per customer = gross margin x (revenue of ages `0..=age`) / cohort size: the value a
/// cohort has *realised* so far, per customer acquired (an observed, not a predicted, LTV).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RealisedValue<T = Decimal> {
    /// The cohort's acquisition period.
    pub cohort: i64,
    /// Periods since acquisition, 0-based.
    pub age: u32,
    /// Customers acquired in the cohort.
    pub cohort_size: u32,
    /// Revenue of ages `0..=age` per customer acquired.
    pub cumulative_revenue_per_customer: T,
    /// `gross_margin x cumulative_revenue_per_customer`.
    pub cumulative_margin_per_customer: T,
}

/// The CAC to pay back: one for every cohort, or one per cohort.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CohortCac<'a, T = Decimal> {
    /// The same CAC for every cohort.
    All(Money<T>),
    /// `(cohort period, CAC)` pairs; every cohort of the analysis must be listed.
    PerCohort(&'a [(i64, Money<T>)]),
}

/// A cohort's CAC payback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CohortPayback<T = Decimal> {
    /// The cohort's acquisition period.
    pub cohort: i64,
    /// Customers acquired in the cohort.
    pub cohort_size: u32,
    /// The cohort's CAC per customer.
    pub cac: T,
    /// The first age at which the cumulative margin per customer is `>= cac`; `None` when the cohort has not
    /// paid back within the observed ages (not yet reached, not "never").
    pub payback_age: Option<u32>,
    /// The cumulative margin per customer at the last observed age.
    pub realised_margin_per_customer: T,
}

pub(crate) fn realised<T: Number>(rows: &[CohortRow<T>], margin: Fraction<T>) -> Result<Vec<RealisedValue<T>>> {
    let calc = Calc("cumulative_margin_per_customer");
    rows.iter()
        .map(|r| {
            Ok(RealisedValue {
                cohort: r.cohort,
                age: r.age,
                cohort_size: r.cohort_size,
                cumulative_revenue_per_customer: r.cumulative_revenue_per_customer,
                cumulative_margin_per_customer: calc.mul(r.cumulative_revenue_per_customer, margin.get())?,
            })
        })
        .collect()
}

pub(crate) fn realised_ltv<T: Number>(
    rows: &[CohortRow<T>],
    margin: Fraction<T>,
    periods: u32,
) -> Result<Vec<(i64, u32, Option<T>)>> {
    if periods == 0 {
        return Err(LtvError::InvalidInput {
            field: "periods",
            value: "0".to_owned(),
            allowed: "a number of periods >= 1",
            suggestion: None,
        });
    }
    let calc = Calc("realised_ltv");
    let mut out: Vec<(i64, u32, Option<T>)> = Vec::new();
    for r in rows {
        if out.last().is_none_or(|&(c, _, _)| c != r.cohort) {
            out.push((r.cohort, r.cohort_size, None));
        }
        if r.age + 1 == periods
            && let Some(last) = out.last_mut()
        {
            last.2 = Some(calc.mul(r.cumulative_revenue_per_customer, margin.get())?);
        }
    }
    Ok(out)
}

pub(crate) fn payback<T: Number>(
    rows: &[CohortRow<T>],
    margin: Fraction<T>,
    cac: CohortCac<'_, T>,
) -> Result<Vec<CohortPayback<T>>> {
    let calc = Calc("cumulative_margin_per_customer");
    let mut out: Vec<CohortPayback<T>> = Vec::new();
    for r in rows {
        if out.last().is_none_or(|p| p.cohort != r.cohort) {
            let cohort_cac = match cac {
                CohortCac::All(m) => m.get(),
                CohortCac::PerCohort(list) => match list.iter().find(|(c, _)| *c == r.cohort) {
                    Some((_, m)) => m.get(),
                    None => {
                        return Err(LtvError::InvalidInput {
                            field: "cac",
                            value: format!("no CAC for cohort {}", r.cohort),
                            allowed: "a CAC for every cohort of the analysis",
                            suggestion: None,
                        });
                    }
                },
            };
            out.push(CohortPayback {
                cohort: r.cohort,
                cohort_size: r.cohort_size,
                cac: cohort_cac,
                payback_age: None,
                realised_margin_per_customer: T::ZERO,
            });
        }
        let margin_so_far = calc.mul(r.cumulative_revenue_per_customer, margin.get())?;
        if let Some(last) = out.last_mut() {
            last.realised_margin_per_customer = margin_so_far;
            if last.payback_age.is_none() && margin_so_far >= last.cac {
                last.payback_age = Some(r.age);
            }
        }
    }
    Ok(out)
}

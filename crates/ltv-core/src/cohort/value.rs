//! Realised value of a cohort: cumulative margin per acquired customer, realised LTV and CAC payback age.

use crate::error::{LtvError, Result};
use crate::number::{Calc, Number};
use crate::quantity::Fraction;
use crate::quantity::Money;

use super::table::CohortRow;

/// Cumulative margin per acquired customer of one cohort at one age.
///
/// Cumulative margin per customer = gross margin x (revenue of ages `0..=age`) / cohort size: the value a
/// cohort has *realised* so far, per customer acquired (an observed, not a predicted, LTV).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RealisedValue<N> {
    /// The cohort's acquisition period.
    pub cohort: i64,
    /// Periods since acquisition, 0-based.
    pub age: u32,
    /// Customers acquired in the cohort.
    pub cohort_size: u32,
    /// Revenue of ages `0..=age` per customer acquired.
    pub cumulative_revenue_per_customer: N,
    /// `gross_margin x cumulative_revenue_per_customer`.
    pub cumulative_margin_per_customer: N,
}

/// The CAC to pay back: one for every cohort, or one per cohort.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CohortCac<'a, N> {
    /// The same CAC for every cohort.
    All(Money<N>),
    /// `(cohort period, CAC)` pairs; every cohort of the analysis must be listed.
    PerCohort(&'a [(i64, Money<N>)]),
}

/// A cohort's CAC payback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CohortPayback<N> {
    /// The cohort's acquisition period.
    pub cohort: i64,
    /// Customers acquired in the cohort.
    pub cohort_size: u32,
    /// The cohort's CAC per customer.
    pub cac: N,
    /// The first age at which the cumulative margin per customer is `>= cac`; `None` when the cohort has not
    /// paid back within the observed ages (not yet reached, not "never").
    pub payback_age: Option<u32>,
    /// The cumulative margin per customer at the last observed age.
    pub realised_margin_per_customer: N,
}

pub(crate) fn realised<N: Number>(rows: &[CohortRow<N>], margin: Fraction<N>) -> Result<Vec<RealisedValue<N>>> {
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

pub(crate) fn realised_ltv<N: Number>(
    rows: &[CohortRow<N>],
    margin: Fraction<N>,
    periods: u32,
) -> Result<Vec<(i64, u32, Option<N>)>> {
    if periods == 0 {
        return Err(LtvError::InvalidInput {
            field: "periods",
            value: "0".to_owned(),
            allowed: "a number of periods >= 1",
            suggestion: None,
        });
    }
    let calc = Calc("realised_ltv");
    let mut out: Vec<(i64, u32, Option<N>)> = Vec::new();
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

pub(crate) fn payback<N: Number>(
    rows: &[CohortRow<N>],
    margin: Fraction<N>,
    cac: CohortCac<'_, N>,
) -> Result<Vec<CohortPayback<N>>> {
    let calc = Calc("cumulative_margin_per_customer");
    let mut out: Vec<CohortPayback<N>> = Vec::new();
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
                realised_margin_per_customer: N::ZERO,
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

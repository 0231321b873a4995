//! MRR movements and logo churn per calendar period.

use crate::error::{LtvError, Result};
use crate::mrr::{MrrMovements, logo_churn_rate};
use crate::number::{Calc, Number};
use crate::quantity::Money;
use rust_decimal::Decimal;

use super::ledger::Ledger;

/// One calendar period's MRR movements, customer counts and rates.
///
/// Movements compare each customer's revenue in the period with the previous period (standard MRR
/// bridge, e.g. ChartMogul, Baremetrics):
/// - **new**: first revenue `> 0` of a customer (their acquisition period);
/// - **expansion** / **contraction**: a customer paying in both periods, paying more / less;
/// - **churned**: the previous period's revenue of a customer paying then and not now;
/// - **reactivation**: revenue of a customer paying now, not in the previous period, but at some earlier time.
///
/// `starting_mrr` is the previous period's revenue (0 in the first period of the data). The rates come from
/// [`MrrMovements`] and [`logo_churn_rate`] and are `None` where undefined: NRR and GRR with no starting MRR
/// (always in the first period), the quick ratio with nothing lost, logo churn with no customer at the start.
///
/// Logo churn rate = churned customers / customers active in the previous period. With one revenue figure
/// per customer and period, a customer new in a period cannot also churn in it: a customer who pays once
/// counts as new in that period and as churned in the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodMovements<T = Decimal> {
    /// The period index.
    pub period: i64,
    /// The MRR bridge from the previous period to this one.
    pub mrr: MrrMovements<T>,
    /// Revenue in this period (= ending MRR).
    pub ending_mrr: T,
    /// Customers paying in the previous period.
    pub starting_customers: u32,
    /// Customers paying for the first time.
    pub new_customers: u32,
    /// Customers paying in the previous period and not in this one.
    pub churned_customers: u32,
    /// Customers paying again after at least one period without revenue.
    pub reactivated_customers: u32,
    /// Customers paying in this period.
    pub active_customers: u32,
    /// `churned_customers / starting_customers`; `None` with no customer at the start.
    pub logo_churn_rate: Option<T>,
    /// Net revenue retention of the period; `None` when `starting_mrr` is 0.
    pub net_revenue_retention: Option<T>,
    /// Gross revenue retention of the period; `None` when `starting_mrr` is 0.
    pub gross_revenue_retention: Option<T>,
    /// (new + expansion + reactivation) / (churned + contraction); `None` when nothing was lost.
    pub quick_ratio: Option<T>,
}

#[derive(Clone, Copy)]
struct Acc<T> {
    new: T,
    expansion: T,
    contraction: T,
    churned: T,
    reactivation: T,
    /// sum of min(previous, current) over customers paying in both periods.
    kept: T,
    ending: T,
    new_customers: u32,
    churned_customers: u32,
    reactivated_customers: u32,
    active: u32,
}

fn defined<T>(result: Result<T>) -> Result<Option<T>> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(LtvError::Undefined { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// One row per period from the first to the last period of the data.
pub(crate) fn build<T: Number>(ledger: &Ledger<T>) -> Result<Vec<PeriodMovements<T>>> {
    let first = ledger.first_period;
    let span = usize::try_from(ledger.last_period - first).unwrap_or(0) + 1;
    let z = T::ZERO;
    let zero = Acc {
        new: z,
        expansion: z,
        contraction: z,
        churned: z,
        reactivation: z,
        kept: z,
        ending: z,
        new_customers: 0,
        churned_customers: 0,
        reactivated_customers: 0,
        active: 0,
    };
    let mut acc = vec![zero; span];
    let calc = Calc("mrr_movements");
    for c in 0..ledger.customer_slots() {
        let entries = ledger.customer(c);
        let mut previous: Option<(i64, T)> = None;
        for &(p, r) in entries {
            let t = (p - first) as usize;
            match previous {
                None => {
                    acc[t].new = calc.add(acc[t].new, r)?;
                    acc[t].new_customers += 1;
                }
                Some((q, s)) if q + 1 == p => {
                    if r > s {
                        acc[t].expansion = calc.add(acc[t].expansion, calc.sub(r, s)?)?;
                        acc[t].kept = calc.add(acc[t].kept, s)?;
                    } else {
                        acc[t].contraction = calc.add(acc[t].contraction, calc.sub(s, r)?)?;
                        acc[t].kept = calc.add(acc[t].kept, r)?;
                    }
                }
                Some((q, s)) => {
                    let gap = (q + 1 - first) as usize;
                    acc[gap].churned = calc.add(acc[gap].churned, s)?;
                    acc[gap].churned_customers += 1;
                    acc[t].reactivation = calc.add(acc[t].reactivation, r)?;
                    acc[t].reactivated_customers += 1;
                }
            }
            acc[t].ending = calc.add(acc[t].ending, r)?;
            acc[t].active += 1;
            previous = Some((p, r));
        }
        if let Some((q, s)) = previous
            && q < ledger.last_period
        {
            let gap = (q + 1 - first) as usize;
            acc[gap].churned = calc.add(acc[gap].churned, s)?;
            acc[gap].churned_customers += 1;
        }
    }
    let mut rows = Vec::with_capacity(span);
    let mut starting_customers = 0_u32;
    for (t, a) in acc.iter().enumerate() {
        // Starting MRR = what was lost + what was kept: the previous period's revenue, summed so that
        // churned + contraction <= starting MRR holds exactly in f64 too.
        let starting = calc.add(calc.add(a.churned, a.contraction)?, a.kept)?;
        let mrr = MrrMovements::new(
            Money::new_unchecked(starting),
            Money::new_unchecked(a.new),
            Money::new_unchecked(a.expansion),
            Money::new_unchecked(a.contraction),
            Money::new_unchecked(a.churned),
            Money::new_unchecked(a.reactivation),
        )?;
        let churn = if starting_customers == 0 {
            None
        } else {
            Some(logo_churn_rate(starting_customers, a.churned_customers)?)
        };
        rows.push(PeriodMovements {
            period: first + t as i64,
            mrr,
            ending_mrr: a.ending,
            starting_customers,
            new_customers: a.new_customers,
            churned_customers: a.churned_customers,
            reactivated_customers: a.reactivated_customers,
            active_customers: a.active,
            logo_churn_rate: churn,
            net_revenue_retention: defined(mrr.net_revenue_retention())?,
            gross_revenue_retention: defined(mrr.gross_revenue_retention())?,
            quick_ratio: defined(mrr.quick_ratio())?,
        });
        starting_customers = a.active;
    }
    Ok(rows)
}

//! The cohort table: one row per acquisition cohort and age.

use crate::error::{LtvError, Result};
use crate::number::{Calc, Number};
use rust_decimal::Decimal;

use super::ledger::Ledger;

/// One cohort at one age: who is still paying, and how much.
///
/// - **Cohort**: a customer's acquisition cohort is the first period in which their revenue is `> 0`.
/// - **Age** is 0-based: age 0 is the acquisition period, age `k` the `k`-th period after it. Ages run up to
///   the last period in the data.
/// - **Retention** follows the common SaaS cohort definitions (e.g. Skok, *SaaS Metrics 2.0*; ChartMogul
///   and Baremetrics cohort reports): logo retention = active / cohort size; net revenue retention = revenue
///   / age-0 revenue (expansion and reactivation count); gross revenue retention = the sum over customers of
///   `min(revenue at age, revenue at age 0)` / age-0 revenue (each customer capped at their starting revenue,
///   so it never exceeds 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CohortRow<T = Decimal> {
    /// The cohort's acquisition period (a period index of the analysis' unit).
    pub cohort: i64,
    /// Periods since acquisition, 0-based.
    pub age: u32,
    /// Customers acquired in the cohort.
    pub cohort_size: u32,
    /// Customers with revenue `> 0` at this age.
    pub active_customers: u32,
    /// Customers with revenue at this age or at any later observed age: a customer who lapses and comes back
    /// counts as surviving through the gap. Non-increasing in age; equal to `active_customers` when nobody
    /// reactivates (the survival counts an sBG fit expects).
    pub surviving_customers: u32,
    /// The cohort's revenue at this age.
    pub revenue: T,
    /// `active_customers / cohort_size`, in `[0, 1]`.
    pub logo_retention: T,
    /// `revenue / revenue at age 0`.
    pub net_revenue_retention: T,
    /// `sum(min(revenue at age, revenue at age 0)) / revenue at age 0`, in `[0, 1]`.
    pub gross_revenue_retention: T,
    /// Revenue of ages `0..=age` / `cohort_size`.
    pub cumulative_revenue_per_customer: T,
}

/// The largest cohort table built, in cohort x age cells, checked before anything is allocated: a table
/// of 10 million cells (daily cohorts over about 12 years) takes about 2.5 GB at its peak, so a larger
/// span is refused with a hint to use a coarser unit rather than exhausting memory.
pub const MAX_COHORT_CELLS: usize = 10_000_000;

#[derive(Clone, Copy)]
struct Cell<T> {
    active: u32,
    last_active: u32,
    revenue: T,
    capped: T,
}

/// Builds the table, cohorts in period order, ages ascending.
pub(crate) fn build<T: Number>(ledger: &Ledger<T>) -> Result<Vec<CohortRow<T>>> {
    let last = ledger.last_period;
    let first = ledger.first_period;
    let span = usize::try_from(last - first).unwrap_or(0) + 1;
    // Cohort sizes by acquisition period, then each cohort's first cell.
    let mut size = vec![0_u32; span];
    for c in 0..ledger.customer_slots() {
        if let Some(&(p, _)) = ledger.customer(c).first() {
            size[(p - first) as usize] += 1;
        }
    }
    let mut offset = vec![usize::MAX; span];
    let mut cells = 0_usize;
    for (k, &s) in size.iter().enumerate() {
        if s > 0 {
            offset[k] = cells;
            cells += span - k;
        }
    }
    if cells > MAX_COHORT_CELLS {
        return Err(LtvError::InvalidInput {
            field: "period",
            value: format!("{cells} cohort x age cells ({span} periods)"),
            allowed: "a cohort table of at most 10,000,000 cohort x age cells (MAX_COHORT_CELLS); use a coarser unit (week or month)",
            suggestion: None,
        });
    }
    let zero = Cell { active: 0, last_active: 0, revenue: T::ZERO, capped: T::ZERO };
    let mut grid = vec![zero; cells];
    let add = Calc("revenue");
    for c in 0..ledger.customer_slots() {
        let entries = ledger.customer(c);
        let Some(&(acquired, r0)) = entries.first() else { continue };
        let base = offset[(acquired - first) as usize];
        for &(p, r) in entries {
            let cell = &mut grid[base + (p - acquired) as usize];
            cell.active += 1;
            cell.revenue = add.add(cell.revenue, r)?;
            cell.capped = add.add(cell.capped, if r < r0 { r } else { r0 })?;
        }
        if let Some(&(p, _)) = entries.last() {
            grid[base + (p - acquired) as usize].last_active += 1;
        }
    }
    let mut rows = Vec::with_capacity(cells);
    for (k, &cohort_size) in size.iter().enumerate() {
        if cohort_size == 0 {
            continue;
        }
        let cohort = first + k as i64;
        let ages = &grid[offset[k]..offset[k] + span - k];
        let n = T::from_u32(cohort_size);
        let r0 = ages[0].revenue;
        let mut cumulative = T::ZERO;
        let mut surviving = cohort_size;
        let start = rows.len();
        for (age, cell) in ages.iter().enumerate() {
            cumulative = Calc("cumulative_revenue_per_customer").add(cumulative, cell.revenue)?;
            rows.push(CohortRow {
                cohort,
                age: age as u32,
                cohort_size,
                active_customers: cell.active,
                surviving_customers: surviving,
                revenue: cell.revenue,
                logo_retention: Calc("logo_retention").div(T::from_u32(cell.active), n)?,
                net_revenue_retention: Calc("net_revenue_retention").div(cell.revenue, r0)?,
                gross_revenue_retention: Calc("gross_revenue_retention").div(cell.capped, r0)?,
                cumulative_revenue_per_customer: Calc("cumulative_revenue_per_customer").div(cumulative, n)?,
            });
            surviving -= cell.last_active;
        }
        debug_assert_eq!(rows.len() - start, span - k);
    }
    Ok(rows)
}

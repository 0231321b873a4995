//! Quarter and year periods against the month calendar: a quarter is three months, a year twelve, every
//! day lies in the period whose first day is at or before it and whose successor starts after it.
#![allow(clippy::unwrap_used)]

use ltv_core::cohort::{CohortAnalysis, PeriodUnit, parse_period};
use proptest::prelude::*;

fn day_range() -> std::ops::RangeInclusive<i64> {
    let (lo, hi) = PeriodUnit::Day.index_range();
    lo..=hi
}

proptest! {
    #[test]
    fn quarters_and_years_are_groups_of_months(day in day_range()) {
        let month = PeriodUnit::Month.index_of_day(day).unwrap();
        prop_assert_eq!(PeriodUnit::Quarter.index_of_day(day).unwrap(), month.div_euclid(3));
        prop_assert_eq!(PeriodUnit::Year.index_of_day(day).unwrap(), month.div_euclid(12));
    }

    #[test]
    fn every_day_lies_in_its_period(day in day_range()) {
        for unit in PeriodUnit::ALL.iter().copied() {
            let index = unit.index_of_day(day).unwrap();
            let start = unit.start_day(index).unwrap();
            prop_assert!(start <= day, "{unit} {day}");
            if let Ok(next) = unit.start_day(index + 1) {
                prop_assert!(day < next, "{unit} {day}");
            }
            prop_assert_eq!(unit.index_of(unit.start(index).unwrap()).unwrap(), index);
        }
    }
}

#[test]
fn quarterly_and_yearly_cohorts() {
    // 2024-01, 2024-05 and 2025-02 as months; customer 1 pays in all three, customer 2 from 2024-05.
    let months = ["2024-01", "2024-05", "2025-02", "2024-05"];
    let customers = [0, 0, 0, 1];
    let revenue = [10.0, 10.0, 10.0, 5.0];
    let quarters: Vec<i64> = months.iter().map(|m| parse_period(m, PeriodUnit::Quarter).unwrap()).collect();
    assert_eq!(quarters, [216, 217, 220, 217]); // 2024-Q1, 2024-Q2, 2025-Q1
    let q = CohortAnalysis::from_columns(&customers, &quarters, &revenue, PeriodUnit::Quarter).unwrap();
    let rows: Vec<(String, u32, u32)> = q
        .table()
        .iter()
        .map(|r| (PeriodUnit::Quarter.start(r.cohort).unwrap().to_string(), r.age, r.active_customers))
        .collect();
    assert_eq!(rows[0], ("2024-01-01".to_owned(), 0, 1));
    assert_eq!(rows[4], ("2024-01-01".to_owned(), 4, 1)); // 2025-Q1 is age 4 of the 2024-Q1 cohort
    assert_eq!(rows[5], ("2024-04-01".to_owned(), 0, 1));
    let years: Vec<i64> = months.iter().map(|m| parse_period(m, PeriodUnit::Year).unwrap()).collect();
    let y = CohortAnalysis::from_columns(&customers, &years, &revenue, PeriodUnit::Year).unwrap();
    let revenue_by_age: Vec<(u32, f64)> =
        y.table().iter().filter(|r| r.cohort == 54).map(|r| (r.age, r.revenue)).collect();
    assert_eq!(revenue_by_age, [(0, 25.0), (1, 10.0)]);
}

//! Runs the cohort vectors in `tests/vectors/cohort/*.json` (repository root) through
//! `ltv_core::cohort`, in `Decimal` (rounded to 12 places, equal to the expected strings) and in `f64`
//! (within 1e-12 of them). The Python suite runs the same file through `ltv.cohort.cohort_table`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::PathBuf;

use ltv_core::RowError;
use ltv_core::cohort::{CohortAnalysis, CohortCac, PeriodUnit, parse_period};
use ltv_core::{Decimal, Fraction, Money, Number};
use serde_json::Value;

fn files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/cohort");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no vectors in {}", dir.display());
    files
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

/// A number as the test compares it: Decimal rounded to 12 places, f64 as is.
trait Check: Number {
    fn parse(text: &str) -> Self;
    fn same(self, expected: &Value) -> bool;
}

impl Check for Decimal {
    fn parse(text: &str) -> Self {
        text.parse().unwrap()
    }
    fn same(self, expected: &Value) -> bool {
        self.round_dp(12) == dec(expected).round_dp(12)
    }
}

impl Check for f64 {
    fn parse(text: &str) -> Self {
        text.parse().unwrap()
    }
    fn same(self, expected: &Value) -> bool {
        (self - dec(expected).to_f64()).abs() <= 1e-12 * (1.0 + self.abs())
    }
}

fn opt<T: Check>(got: Option<T>, expected: &Value) -> bool {
    match got {
        None => expected.is_null(),
        Some(v) => !expected.is_null() && v.same(expected),
    }
}

fn label(unit: PeriodUnit, index: i64) -> String {
    unit.start(index).unwrap().to_string()
}

fn int(v: &Value) -> u64 {
    v.as_u64().unwrap()
}

fn build<T: Check>(case: &Value, unit: PeriodUnit) -> Result<CohortAnalysis<T>, RowError> {
    let rows = case["rows"].as_array().unwrap();
    let mut parsed = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let customer = row[0].as_str().unwrap();
        let period = parse_period(row[1].as_str().unwrap(), unit).map_err(|e| RowError { row: Some(i), error: e })?;
        parsed.push((customer, period, T::parse(row[2].as_str().unwrap())));
    }
    CohortAnalysis::from_rows(parsed, unit)
}

fn run<T: Check>(case: &Value) {
    let name = case["name"].as_str().unwrap();
    let unit: PeriodUnit = case["unit"].as_str().unwrap().parse().unwrap();
    let result = build::<T>(case, unit);
    if let Some(err) = case.get("error") {
        let e = result.expect_err(name);
        assert_eq!(e.error.kind(), err["kind"].as_str().unwrap(), "{name}: {e}");
        assert_eq!(e.error.field(), err["field"].as_str().unwrap(), "{name}: {e}");
        assert_eq!(e.row.map(|r| r as u64), err["row"].as_u64(), "{name}: {e}");
        return;
    }
    let a = result.unwrap();
    let x = &case["expected"];
    assert_eq!(u64::from(a.customers()), int(&x["customers"]), "{name}");
    assert_eq!(u64::from(a.never_paying_customers()), int(&x["never_paying_customers"]), "{name}");

    let table = x["table"].as_array().unwrap();
    assert_eq!(a.table().len(), table.len(), "{name}");
    for (r, e) in a.table().iter().zip(table) {
        let ctx = format!("{name}: table {r:?}");
        assert_eq!(label(unit, r.cohort), e[0].as_str().unwrap(), "{ctx}");
        let counts = [r.age, r.cohort_size, r.active_customers, r.surviving_customers].map(u64::from);
        assert_eq!(counts, [1, 2, 3, 4].map(|i| int(&e[i])), "{ctx}");
        let values = [
            r.revenue,
            r.logo_retention,
            r.net_revenue_retention,
            r.gross_revenue_retention,
            r.cumulative_revenue_per_customer,
        ];
        for (k, v) in values.into_iter().enumerate() {
            assert!(v.same(&e[5 + k]), "{ctx}: column {} = {v}", 5 + k);
        }
    }

    let movements = x["movements"].as_array().unwrap();
    assert_eq!(a.movements().len(), movements.len(), "{name}");
    for (m, e) in a.movements().iter().zip(movements) {
        let ctx = format!("{name}: movements {m:?}");
        assert_eq!(label(unit, m.period), e[0].as_str().unwrap(), "{ctx}");
        let mrr = m.mrr;
        let values = [
            mrr.starting_mrr(),
            mrr.new_mrr(),
            mrr.expansion(),
            mrr.contraction(),
            mrr.churned(),
            mrr.reactivation(),
            m.ending_mrr,
        ];
        for (k, v) in values.into_iter().enumerate() {
            assert!(v.same(&e[1 + k]), "{ctx}: column {} = {v}", 1 + k);
        }
        let counts =
            [m.starting_customers, m.new_customers, m.churned_customers, m.reactivated_customers, m.active_customers]
                .map(u64::from);
        assert_eq!(counts, [8, 9, 10, 11, 12].map(|i| int(&e[i])), "{ctx}");
        let rates = [m.logo_churn_rate, m.net_revenue_retention, m.gross_revenue_retention, m.quick_ratio];
        for (k, v) in rates.into_iter().enumerate() {
            assert!(opt(v, &e[13 + k]), "{ctx}: column {} = {v:?}", 13 + k);
        }
    }

    let margin = Fraction::new(T::parse(case["gross_margin"].as_str().unwrap())).unwrap();
    let cac = Money::new(T::parse(case["cac"].as_str().unwrap())).unwrap();
    let payback = a.payback(margin, CohortCac::All(cac)).unwrap();
    let expected = x["payback"].as_array().unwrap();
    assert_eq!(payback.len(), expected.len(), "{name}");
    for (p, e) in payback.iter().zip(expected) {
        assert_eq!(label(unit, p.cohort), e[0].as_str().unwrap(), "{name}");
        assert_eq!(u64::from(p.cohort_size), int(&e[1]), "{name}");
        assert!(p.cac.same(&e[2]), "{name}: {p:?}");
        assert_eq!(p.payback_age.map(u64::from), e[3].as_u64(), "{name}: {p:?}");
        assert!(p.realised_margin_per_customer.same(&e[4]), "{name}: {p:?}");
    }
    for periods in [3, 12] {
        let ltv = a.realised_ltv(margin, periods).unwrap();
        let expected = x[format!("realised_ltv_{periods}")].as_array().unwrap();
        assert_eq!(ltv.len(), expected.len(), "{name}");
        for ((cohort, _, v), e) in ltv.iter().zip(expected) {
            assert_eq!(label(unit, *cohort), e[0].as_str().unwrap(), "{name}");
            assert!(opt(*v, &e[1]), "{name}: realised_ltv_{periods} {v:?}");
        }
    }
}

#[test]
fn cohort_vectors() {
    let mut cases = 0;
    for file in files() {
        let doc: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            run::<Decimal>(case);
            run::<f64>(case);
            cases += 1;
        }
    }
    assert!(cases >= 7, "only {cases} cohort vectors");
}

//! Cohort tables: the hand-checked worked example exactly, every error with its kind and row, and properties
//! (row-order invariance, revenue preserved, bounds, monotone survival, Decimal/f64 agreement).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ltv_core::cohort::{CohortAnalysis, CohortCac, PeriodUnit, parse_period};
use ltv_core::{Decimal, Fraction, Money, Number};
use proptest::prelude::*;

fn m(s: &str) -> i64 {
    parse_period(s, PeriodUnit::Month).unwrap()
}

fn d(v: i64) -> Decimal {
    Decimal::new(v, 0)
}

/// Five customers over January to April 2024, rows out of order:
/// A 100, 60 + 40 (two invoices), 120 (expansion), 120; B 50, 0 (churn), -, 50 (reactivation);
/// C (Feb) 200, 150 (contraction), then churns; D only ever a 0 row (never pays); E (Feb) 80, 80, 80.
fn worked_rows() -> Vec<(&'static str, i64, Decimal)> {
    vec![
        ("A", m("2024-02"), d(60)),
        ("C", m("2024-03"), d(150)),
        ("A", m("2024-01"), d(100)),
        ("B", m("2024-01"), d(50)),
        ("D", m("2024-01"), d(0)),
        ("A", m("2024-02"), d(40)),
        ("B", m("2024-02"), d(0)),
        ("E", m("2024-04"), d(80)),
        ("C", m("2024-02"), d(200)),
        ("A", m("2024-03"), d(120)),
        ("E", m("2024-02"), d(80)),
        ("B", m("2024-04"), d(50)),
        ("A", m("2024-04"), d(120)),
        ("E", m("2024-03"), d(80)),
    ]
}

#[test]
fn worked_example_table_is_exact() {
    let a = CohortAnalysis::from_rows(worked_rows(), PeriodUnit::Month).unwrap();
    assert_eq!((a.customers(), a.never_paying_customers()), (5, 1));
    assert_eq!(a.period_range(), (m("2024-01"), m("2024-04")));
    let t = a.table();
    let got: Vec<_> = t
        .iter()
        .map(|r| (r.cohort, r.age, r.cohort_size, r.active_customers, r.surviving_customers, r.revenue))
        .collect();
    let (jan, feb) = (m("2024-01"), m("2024-02"));
    assert_eq!(
        got,
        vec![
            (jan, 0, 2, 2, 2, d(150)),
            (jan, 1, 2, 1, 2, d(100)),
            (jan, 2, 2, 1, 2, d(120)),
            (jan, 3, 2, 2, 2, d(170)),
            (feb, 0, 2, 2, 2, d(280)),
            (feb, 1, 2, 2, 2, d(230)),
            (feb, 2, 2, 1, 1, d(80)),
        ]
    );
    let q = |a: i64, b: i64| d(a) / d(b);
    let nrr: Vec<_> = t.iter().map(|r| r.net_revenue_retention).collect();
    assert_eq!(nrr, vec![d(1), q(100, 150), q(120, 150), q(170, 150), d(1), q(230, 280), q(80, 280)]);
    let grr: Vec<_> = t.iter().map(|r| r.gross_revenue_retention).collect();
    assert_eq!(grr, vec![d(1), q(100, 150), q(100, 150), d(1), d(1), q(230, 280), q(80, 280)]);
    let logo: Vec<_> = t.iter().map(|r| r.logo_retention).collect();
    let half = Decimal::new(5, 1);
    assert_eq!(logo, vec![d(1), half, half, d(1), d(1), d(1), half]);
    let cumulative: Vec<_> = t.iter().map(|r| r.cumulative_revenue_per_customer).collect();
    assert_eq!(cumulative, vec![d(75), d(125), d(185), d(270), d(140), d(255), d(295)]);
}

#[test]
fn worked_example_movements_are_exact() {
    let a = CohortAnalysis::from_rows(worked_rows(), PeriodUnit::Month).unwrap();
    let mv = a.movements();
    assert_eq!(mv.len(), 4);
    let bridge: Vec<_> = mv
        .iter()
        .map(|p| {
            let x = p.mrr;
            [x.starting_mrr(), x.new_mrr(), x.expansion(), x.contraction(), x.churned(), x.reactivation(), p.ending_mrr]
        })
        .collect();
    let z = d(0);
    assert_eq!(
        bridge,
        vec![
            [z, d(150), z, z, z, z, d(150)],
            [d(150), d(280), z, z, d(50), z, d(380)],
            [d(380), z, d(20), d(50), z, z, d(350)],
            [d(350), z, z, z, d(150), d(50), d(250)],
        ]
    );
    let counts: Vec<_> = mv
        .iter()
        .map(|p| {
            (p.starting_customers, p.new_customers, p.churned_customers, p.reactivated_customers, p.active_customers)
        })
        .collect();
    assert_eq!(counts, vec![(0, 2, 0, 0, 2), (2, 2, 1, 0, 3), (3, 0, 0, 0, 3), (3, 0, 1, 1, 3)]);
    let q = |a: i64, b: i64| Some(d(a) / d(b));
    // The first period has nothing at its start: every rate is undefined.
    assert_eq!(
        (mv[0].logo_churn_rate, mv[0].net_revenue_retention, mv[0].gross_revenue_retention, mv[0].quick_ratio),
        (None, None, None, None)
    );
    assert_eq!(
        (mv[1].logo_churn_rate, mv[1].net_revenue_retention, mv[1].gross_revenue_retention, mv[1].quick_ratio),
        (q(1, 2), q(100, 150), q(100, 150), q(280, 50))
    );
    assert_eq!(
        (mv[2].logo_churn_rate, mv[2].net_revenue_retention, mv[2].gross_revenue_retention, mv[2].quick_ratio),
        (Some(d(0)), q(350, 380), q(330, 380), q(20, 50))
    );
    assert_eq!(
        (mv[3].logo_churn_rate, mv[3].net_revenue_retention, mv[3].gross_revenue_retention, mv[3].quick_ratio),
        (q(1, 3), q(250, 350), q(200, 350), q(50, 150))
    );
}

#[test]
fn worked_example_value_and_payback() {
    let a = CohortAnalysis::from_rows(worked_rows(), PeriodUnit::Month).unwrap();
    let margin = Fraction::new(Decimal::new(8, 1)).unwrap();
    let value: Vec<_> = a.realised_value(margin).unwrap().iter().map(|v| v.cumulative_margin_per_customer).collect();
    assert_eq!(value, vec![d(60), d(100), d(148), d(216), d(112), d(204), d(236)]);
    let ltv3 = a.realised_ltv(margin, 3).unwrap();
    assert_eq!(ltv3, vec![(m("2024-01"), 2, Some(d(148))), (m("2024-02"), 2, Some(d(236)))]);
    let ltv12 = a.realised_ltv(margin, 12).unwrap();
    assert_eq!(ltv12, vec![(m("2024-01"), 2, None), (m("2024-02"), 2, None)]);
    let err = a.realised_ltv(margin, 0).unwrap_err();
    assert_eq!((err.kind(), err.field()), ("invalid_input", "periods"));

    let all = a.payback(margin, CohortCac::All(Money::new(d(150)).unwrap())).unwrap();
    let ages: Vec<_> = all.iter().map(|p| (p.payback_age, p.realised_margin_per_customer)).collect();
    assert_eq!(ages, vec![(Some(3), d(216)), (Some(1), d(236))]);
    let per = [(m("2024-01"), Money::new(d(60)).unwrap()), (m("2024-02"), Money::new(d(500)).unwrap())];
    let each = a.payback(margin, CohortCac::PerCohort(&per)).unwrap();
    assert_eq!(each.iter().map(|p| (p.cac, p.payback_age)).collect::<Vec<_>>(), vec![(d(60), Some(0)), (d(500), None)]);
    let err = a.payback(margin, CohortCac::PerCohort(&per[..1])).unwrap_err();
    assert_eq!((err.kind(), err.field()), ("invalid_input", "cac"));
}

#[test]
fn errors_name_kind_field_and_row() {
    let unit = PeriodUnit::Month;
    let case = |c: &[u32], p: &[i64], r: &[f64]| {
        let e = CohortAnalysis::from_columns(c, p, r, unit).unwrap_err();
        (e.error.kind(), e.error.field(), e.row)
    };
    assert_eq!(case(&[], &[], &[]), ("invalid_input", "revenue", None));
    assert_eq!(case(&[0, 1], &[1], &[1.0, 2.0]), ("invalid_input", "period", None));
    assert_eq!(case(&[0, 1], &[1, 2], &[1.0]), ("invalid_input", "revenue", None));
    assert_eq!(case(&[0, 0, 0], &[1, 2, 3], &[1.0, f64::INFINITY, f64::NAN]), ("not_finite", "revenue", Some(1)));
    assert_eq!(case(&[0, 0], &[1, i64::MAX], &[1.0, 1.0]), ("invalid_input", "period", Some(1)));
    // The first bad row in input order, whichever customer it belongs to.
    assert_eq!(case(&[1, 0, 1], &[5, 5, 6], &[1.0, -1.0, -2.0]), ("invalid_input", "revenue", Some(1)));
    // The sum of a customer's rows in a period is what must be >= 0; the first of those rows is named.
    assert_eq!(case(&[0, 1, 0], &[5, 5, 5], &[-3.0, 1.0, 2.0]), ("invalid_input", "revenue", Some(0)));
    assert!(CohortAnalysis::from_columns(&[0, 0], &[5, 5], &[-3.0, 3.0], unit).is_ok());
    let e = CohortAnalysis::from_columns(&[0, 0], &[5, 5], &[Decimal::MAX, Decimal::MAX], unit).unwrap_err();
    assert_eq!((e.error.kind(), e.row), ("overflow", Some(1)));
    // Sparse codes (raw ids) are refused rather than allocating an array of 4 billion slots.
    assert_eq!(case(&[0, u32::MAX, 1], &[1, 1, 1], &[1.0; 3]), ("invalid_input", "customer", Some(1)));
    // Days from year 1 to 9999 with a cohort at each end: 3.65 million periods is fine, but a table of
    // 30,000 such cohorts would not be.
    let (lo, hi) = PeriodUnit::Day.index_range();
    let a = CohortAnalysis::from_columns(&[0, 1], &[lo, hi], &[1.0, 1.0], PeriodUnit::Day).map(|a| a.table().len());
    assert_eq!(a.ok(), Some(usize::try_from(hi - lo).unwrap() + 2));
    let codes: Vec<u32> = (0..40).collect();
    let days: Vec<i64> = (0..39).map(|i| lo + i * 1_000).chain([hi]).collect();
    let e = CohortAnalysis::from_columns(&codes, &days, &[1.0; 40], PeriodUnit::Day).err().map(|e| (e.row, e.error));
    let (row, error) = e.expect("a cohort table of 140 million cells is refused");
    assert_eq!((error.kind(), error.field(), row), ("invalid_input", "period", None));
    let e = CohortAnalysis::from_columns(&[0, 1], &[1], &[1.0, 2.0], unit).unwrap_err();
    assert_eq!(e.to_string(), "period = 1 rows is out of range: expected as many rows as the customer column");
}

#[test]
fn only_never_paying_customers_give_an_empty_table() {
    let a = CohortAnalysis::from_columns(&[0, 1], &[3, 4], &[0.0, 0.0], PeriodUnit::Day).unwrap();
    assert_eq!((a.customers(), a.never_paying_customers(), a.table().len()), (2, 2, 0));
    assert_eq!(a.movements().len(), 2);
    assert!(a.movements().iter().all(|p| p.active_customers == 0 && p.net_revenue_retention.is_none()));
}

// ------------------------------------------------------------------------------------------------------------
// Properties.

/// Up to 60 rows: customer 0..8, period 0..7 (month indices from 2020-01), revenue in cents 0..=5000 with
/// some zero rows.
fn rows() -> impl Strategy<Value = Vec<(u32, i64, i64)>> {
    prop::collection::vec((0_u32..8, 0_i64..7, prop_oneof![Just(0_i64), 0_i64..=5_000]), 1..60)
}

fn decimal_columns(rows: &[(u32, i64, i64)]) -> (Vec<u32>, Vec<i64>, Vec<Decimal>) {
    let base = m("2020-01");
    (
        rows.iter().map(|r| r.0).collect(),
        rows.iter().map(|r| base + r.1).collect(),
        rows.iter().map(|r| Decimal::new(r.2, 2)).collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn row_order_does_not_matter(rows in rows(), seed in any::<u64>()) {
        let (c, p, r) = decimal_columns(&rows);
        let a = CohortAnalysis::from_columns(&c, &p, &r, PeriodUnit::Month).unwrap();
        let mut order: Vec<usize> = (0..rows.len()).collect();
        // A deterministic shuffle from the seed.
        let mut s = seed | 1;
        for i in (1..order.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            order.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let shuffled: Vec<_> = order.iter().map(|&i| rows[i]).collect();
        let (c2, p2, r2) = decimal_columns(&shuffled);
        let b = CohortAnalysis::from_columns(&c2, &p2, &r2, PeriodUnit::Month).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn revenue_is_preserved_and_rates_are_bounded(rows in rows()) {
        let (c, p, r) = decimal_columns(&rows);
        let a = CohortAnalysis::from_columns(&c, &p, &r, PeriodUnit::Month).unwrap();
        let total: Decimal = r.iter().copied().sum();
        prop_assert_eq!(a.table().iter().map(|t| t.revenue).sum::<Decimal>(), total);
        prop_assert_eq!(a.movements().iter().map(|t| t.ending_mrr).sum::<Decimal>(), total);
        let sizes: u32 = a.table().iter().filter(|t| t.age == 0).map(|t| t.cohort_size).sum();
        prop_assert_eq!(sizes + a.never_paying_customers(), a.customers());
        for w in a.table().windows(2) {
            if w[0].cohort == w[1].cohort {
                prop_assert!(w[1].surviving_customers <= w[0].surviving_customers);
            }
        }
        for t in a.table() {
            prop_assert!(t.active_customers <= t.surviving_customers && t.surviving_customers <= t.cohort_size);
            prop_assert!(t.logo_retention >= Decimal::ZERO && t.logo_retention <= Decimal::ONE);
            prop_assert!(t.gross_revenue_retention >= Decimal::ZERO && t.gross_revenue_retention <= Decimal::ONE);
            prop_assert!(t.gross_revenue_retention <= t.net_revenue_retention);
        }
        let mut previous_ending = Decimal::ZERO;
        for mv in a.movements() {
            prop_assert_eq!(mv.mrr.starting_mrr(), previous_ending);
            prop_assert_eq!(mv.mrr.ending_mrr().unwrap(), mv.ending_mrr);
            previous_ending = mv.ending_mrr;
        }
    }

    #[test]
    fn decimal_and_f64_agree(rows in rows()) {
        let (c, p, r) = decimal_columns(&rows);
        let rf: Vec<f64> = r.iter().map(|v| v.to_f64()).collect();
        let a = CohortAnalysis::from_columns(&c, &p, &r, PeriodUnit::Month).unwrap();
        let b = CohortAnalysis::from_columns(&c, &p, &rf, PeriodUnit::Month).unwrap();
        let close = |x: Decimal, y: f64| (x.to_f64() - y).abs() <= 1e-9 * (1.0 + y.abs());
        prop_assert_eq!(a.table().len(), b.table().len());
        for (x, y) in a.table().iter().zip(b.table()) {
            prop_assert_eq!((x.cohort, x.age, x.active_customers, x.surviving_customers), (y.cohort, y.age, y.active_customers, y.surviving_customers));
            prop_assert!(close(x.revenue, y.revenue) && close(x.net_revenue_retention, y.net_revenue_retention));
            prop_assert!(close(x.gross_revenue_retention, y.gross_revenue_retention));
            prop_assert!(close(x.cumulative_revenue_per_customer, y.cumulative_revenue_per_customer));
        }
        for (x, y) in a.movements().iter().zip(b.movements()) {
            prop_assert!(close(x.mrr.starting_mrr(), y.mrr.starting_mrr()));
            prop_assert_eq!(x.quick_ratio.is_some(), y.quick_ratio.is_some());
            if let (Some(u), Some(v)) = (x.net_revenue_retention, y.net_revenue_retention) {
                prop_assert!(close(u, v));
            }
        }
    }
}

#[test]
fn cohort_types_default_to_decimal() {
    use ltv_core::cohort::{CohortRow, PeriodMovements};
    let rows = vec![("a", 650, Decimal::new(10, 0)), ("a", 651, Decimal::new(12, 0))];
    let analysis: CohortAnalysis = CohortAnalysis::from_rows(rows, PeriodUnit::Month).unwrap();
    let table: &[CohortRow] = analysis.table();
    let movements: &[PeriodMovements] = analysis.movements();
    assert_eq!(table[1].net_revenue_retention, Decimal::new(12, 1));
    assert_eq!(movements.len(), 2);
}

/// Issue 10, resource exhaustion: a span whose cohort x age triangle passes `MAX_COHORT_CELLS` is refused
/// before the grid is allocated (daily cohorts over 4,500 days: about 10.1 million cells), naming `period`.
#[test]
fn a_table_past_max_cohort_cells_is_refused_before_allocating() {
    use ltv_core::cohort::MAX_COHORT_CELLS;
    assert_eq!(MAX_COHORT_CELLS, 10_000_000);
    let n = 4_500_u32;
    let customers: Vec<u32> = (0..n).chain(0..n).collect();
    let periods: Vec<i64> = (0..i64::from(n)).chain(std::iter::repeat_n(i64::from(n) - 1, n as usize)).collect();
    let revenue = vec![1.0_f64; customers.len()];
    let err = CohortAnalysis::from_columns(&customers, &periods, &revenue, PeriodUnit::Day).expect_err("refused");
    assert_eq!((err.error.kind(), err.error.field()), ("invalid_input", "period"));
    assert!(err.error.to_string().contains("MAX_COHORT_CELLS"), "{}", err.error);
    // Just inside the cap it builds: 4,000 daily cohorts, 8,002,000 cells.
    let n = 4_000_u32;
    let customers: Vec<u32> = (0..n).chain(0..n).collect();
    let periods: Vec<i64> = (0..i64::from(n)).chain(std::iter::repeat_n(i64::from(n) - 1, n as usize)).collect();
    let revenue = vec![1.0_f64; customers.len()];
    assert!(CohortAnalysis::from_columns(&customers, &periods, &revenue, PeriodUnit::Day).is_ok());
}

//! The column engine against the exact scalar `f64` path: same bits on good rows, the same first bad row and
//! error with `Raise`, NaN on exactly the bad rows with `Nan`; broadcasting and threads change nothing.

use ltv_core::columns::{self, Column, Errors, Formula, Options};
use ltv_core::{
    Churn, ChurnBasis, Days, DiscountRate, Fraction, LeadRules, LtvError, Money, Months, MrrMovements, PaymentTiming,
    Period, RowError,
};
use proptest::prelude::*;

/// Values that hit every check: ordinary ones, zero, boundaries, percentages, negatives, huge, NaN, inf.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => 0.0..1.0f64,
        2 => 1.0..100.0f64,
        1 => -1.0..0.0f64,
        1 => Just(0.0),
        1 => Just(1.0),
        1 => 1e27..1e30f64,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
    ]
}

fn table<const K: usize>(max_rows: usize) -> impl Strategy<Value = Vec<[f64; K]>> {
    prop::collection::vec(prop::array::uniform::<_, K>(value()), 0..max_rows)
}

/// Runs `formula` over `rows` every way and compares with `exact`, the scalar `f64` API.
fn agree<const K: usize, F: Formula<K>>(
    formula: &F,
    rows: &[[f64; K]],
    exact: impl Fn([f64; K]) -> Result<f64, LtvError>,
) {
    let cols: Vec<Vec<f64>> = (0..K).map(|k| rows.iter().map(|r| r[k]).collect()).collect();
    let columns: [Column<'_>; K] = std::array::from_fn(|k| Column::from(&cols[k]));
    let expected: Vec<Result<f64, LtvError>> = rows.iter().map(|r| exact(*r)).collect();
    let serial = Options::default().with_threads(1);
    let threaded = Options { threads: 3, parallel_min_rows: 0, ..Options::default() };

    for options in [serial, threaded] {
        // Nan: values with the same bits on good rows, NaN on exactly the bad ones.
        let out = columns::run(formula, columns, &options.with_errors(Errors::Nan)).unwrap();
        assert_eq!(out.len(), rows.len());
        for (i, (got, want)) in out.iter().zip(&expected).enumerate() {
            match want {
                Ok(v) => assert_eq!(got.to_bits(), v.to_bits(), "row {i}: {:?}", rows[i]),
                Err(_) => assert!(got.is_nan(), "row {i} is bad but got {got}"),
            }
        }
        // Raise: the first bad row and its exact error.
        let first = expected.iter().enumerate().find_map(|(i, r)| r.clone().err().map(|e| RowError::in_row(i, e)));
        match columns::run(formula, columns, &options) {
            Ok(out) => {
                assert!(first.is_none(), "expected {first:?}");
                for (got, want) in out.iter().zip(&expected) {
                    assert_eq!(Ok(got.to_bits()), want.as_ref().map(|v| v.to_bits()).map_err(|_| ()));
                }
            }
            Err(e) => assert_eq!(Some(e), first),
        }
    }

    // Broadcasting: a column of one value gives what the splatted column gives.
    if let Some(row) = rows.first() {
        let splat: Vec<Vec<f64>> = (0..K).map(|k| vec![row[k]; rows.len()]).collect();
        let full: [Column<'_>; K] = std::array::from_fn(|k| Column::from(&splat[k]));
        let mut one: [Column<'_>; K] = full;
        one[0] = Column::Scalar(row[0]);
        let nan = Options::nan().with_threads(1);
        let a = columns::run(formula, full, &nan).unwrap();
        let b = columns::run(formula, one, &nan).unwrap();
        assert_eq!(
            a.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            b.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );
    }
}

const ROWS: usize = 2100; // crosses two chunk boundaries and a partial chunk

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn saas_ltv_agrees(rows in table::<3>(ROWS), basis in prop::sample::select(ChurnBasis::ALL.to_vec())) {
        agree(&columns::SaasLtv { churn_basis: basis }, &rows, |[a, g, c]| {
            ltv_core::saas_ltv(
                Money::named("arpu", a)?,
                Fraction::named("gross_margin", g)?,
                Churn::named("monthly_churn", c, Period::Monthly, basis)?,
            )
        });
    }

    #[test]
    fn discounted_ltv_agrees(
        rows in table::<3>(ROWS),
        timing in prop::sample::select(PaymentTiming::ALL.to_vec()),
        horizon in prop::option::of(0u32..400),
        period in prop::sample::select(Period::ALL.to_vec()),
    ) {
        let f = columns::DiscountedLtv { churn_basis: ChurnBasis::NetRevenue, discount_period: period, timing, horizon_months: horizon };
        let field = if period == Period::Annual { "annual_discount_rate" } else { "monthly_discount_rate" };
        agree(&f, &rows, |[m, c, d]| {
            ltv_core::discounted_ltv(
                Money::named("monthly_margin", m)?,
                Churn::named("monthly_churn", c, Period::Monthly, ChurnBasis::NetRevenue)?,
                DiscountRate::named(field, d, period)?,
                timing,
                horizon,
            )
        });
    }

    #[test]
    fn lead_value_agrees(rows in table::<7>(ROWS)) {
        agree(&columns::LeadValue, &rows, |[l, p, m, e, d, a, z]| {
            let ltv = Money::named("customer_ltv", l)?;
            let p = Fraction::named("conversion_probability", p)?;
            let m = Months::named("months_to_close", m)?;
            let e = Days::named("days_since_engagement", e)?;
            let rules = LeadRules::new(
                DiscountRate::named("annual_discount_rate", d, Period::Annual)?,
                Months::named("discount_after_months", a)?,
                Days::named("zombie_after_days", z)?,
            );
            ltv_core::lead_value(ltv, p, m, e, rules)
        });
    }

    #[test]
    fn mrr_and_counts_agree(rows in table::<6>(ROWS), metric in prop::sample::select(columns::MrrMetric::ALL.to_vec())) {
        agree(&columns::Mrr { metric }, &rows, |[s, n, e, co, ch, r]| {
            let m = MrrMovements::new(
                Money::named("starting_mrr", s)?, Money::named("new", n)?, Money::named("expansion", e)?,
                Money::named("contraction", co)?, Money::named("churned", ch)?, Money::named("reactivation", r)?,
            )?;
            match metric {
                columns::MrrMetric::EndingMrr => m.ending_mrr(),
                columns::MrrMetric::GrossMrrChurn => m.gross_mrr_churn(),
                columns::MrrMetric::NetMrrChurn => m.net_mrr_churn(),
                columns::MrrMetric::NetRevenueRetention => m.net_revenue_retention(),
                columns::MrrMetric::GrossRevenueRetention => m.gross_revenue_retention(),
                columns::MrrMetric::QuickRatio => m.quick_ratio(),
            }
        });
        // The per-metric loops of `Mrr::run_into` give what the generic engine gives.
        let cols: Vec<Vec<f64>> = (0..6).map(|k| rows.iter().map(|r| r[k]).collect()).collect();
        let columns: [Column<'_>; 6] = std::array::from_fn(|k| Column::from(&cols[k]));
        let generic = columns::run(&columns::Mrr { metric }, columns, &Options::nan()).unwrap();
        let mut out = vec![0.0; rows.len()];
        columns::Mrr { metric }.run_into(columns, &mut out, &Options::nan()).unwrap();
        prop_assert_eq!(generic.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), out.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
    }

    #[test]
    fn payback_and_ratios_agree(rows in table::<4>(ROWS)) {
        agree(&columns::CacPaybackMonths, &rows, |[c, a, g, t]| {
            let (c, a, g) = (Money::named("cac", c)?, Money::named("arpu", a)?, Fraction::named("gross_margin", g)?);
            Ok(ltv_core::cac_payback_months(c, a, g, Months::named("target_months", t)?)?.months)
        });
        let two: Vec<[f64; 2]> = rows.iter().map(|r| [r[0], r[1]]).collect();
        agree(&columns::MaxCac, &two, |[l, t]| ltv_core::max_cac(Money::named("ltv", l)?, ltv_core::Ratio::named("target_ratio", t)?));
        agree(&columns::LtvCac, &two, |[l, c]| {
            Ok(ltv_core::ltv_cac_ratio(Money::named("ltv", l)?, Money::named("cac", c)?, ltv_core::HealthBands::default())?.ratio)
        });
    }
}

#[test]
fn mismatched_lengths_name_the_column() {
    let a = [1.0, 2.0];
    let g = [0.5, 0.5, 0.5];
    let err = columns::run(
        &columns::SaasLtv::default(),
        [(&a[..]).into(), (&g[..]).into(), 0.03.into()],
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(err.row, None);
    assert_eq!((err.error.field(), err.error.value()), ("gross_margin", Some("3 rows")));
}

#[test]
fn option_strings_round_trip() {
    for basis in ChurnBasis::ALL {
        assert_eq!(basis.as_str().parse::<ChurnBasis>(), Ok(*basis));
    }
    let err = "start".parse::<PaymentTiming>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "timing = 'start' is out of range: expected 'start_of_period', 'end_of_period' or 'end_of_period_survivors'"
    );
    assert_eq!("nan".parse::<Errors>(), Ok(Errors::Nan));
    assert_eq!("ignore".parse::<Errors>().unwrap_err().field(), "errors");
}

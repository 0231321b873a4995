//! `customer_value` over columns, where the models factor `E[Y(t) | x, t_x, T]` into `P(alive)` times a
//! function of `(x, T)` computed once per distinct `(x, T)`, against the definition summed from each
//! customer's own conditional expectations.

use ltv_models::{
    BgNbdModel, MbgNbdModel, ModelError, ParetoNbdModel, PurchaseModel, TimeUnit, ValueConvention, ValueOptions,
    customer_value, customer_value_one,
};
use proptest::prelude::*;

/// `sum_i E[Y(i m) - Y((i - 1) m) | x, t_x, T] / (1 + d)^i`, from the model's conditional expectation.
fn by_definition<M: PurchaseModel>(model: &M, x: f64, tx: f64, t: f64, o: &ValueOptions) -> Result<f64, ModelError> {
    let m = o.month_length();
    let mut total = 0.0;
    for i in 1..=o.horizon_months {
        let step = model.conditional_expected_purchases_between(f64::from(i - 1) * m, f64::from(i) * m, x, tx, t)?;
        total += step / (1.0 + o.discount_rate).powi(i32::try_from(i).unwrap_or(i32::MAX));
    }
    Ok(total)
}

fn check<M: PurchaseModel + Sync>(model: &M, rows: &[(f64, f64, f64)], o: &ValueOptions) -> Result<(), TestCaseError> {
    let (x, tx, t): (Vec<f64>, Vec<f64>, Vec<f64>) =
        (rows.iter().map(|r| r.0).collect(), rows.iter().map(|r| r.1).collect(), rows.iter().map(|r| r.2).collect());
    let values = customer_value(model, &x, &tx, &t, &[2.5], o).map_err(|e| TestCaseError::fail(e.to_string()))?;
    for (i, &(x, tx, t)) in rows.iter().enumerate() {
        let want = 2.5 * by_definition(model, x, tx, t, o).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(
            (values[i] - want).abs() <= 1e-12 * want.max(1e-300),
            "row {i} {x} {tx} {t}: {} vs {want}",
            values[i]
        );
        let one = customer_value_one(model, x, tx, t, 2.5, o).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(values[i], one);
    }
    Ok(())
}

/// Customers in a few cohorts (shared T) with shared frequencies and varied recencies.
fn rows() -> impl Strategy<Value = Vec<(f64, f64, f64)>> {
    prop::collection::vec((0_u32..6, 0.0_f64..1.0, 0_usize..3), 1..60).prop_map(|v| {
        v.into_iter()
            .map(|(x, u, cohort)| {
                let t = [12.0, 30.5, 39.0][cohort];
                let x = f64::from(x);
                (x, if x == 0.0 { 0.0 } else { (u * t * 100.0).round() / 100.0 }, t)
            })
            .collect()
    })
}

fn options(d: f64, convention: ValueConvention) -> ValueOptions {
    let mut o = ValueOptions::default();
    o.time_unit = TimeUnit::Week;
    o.discount_rate = d;
    o.convention = convention;
    o
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn shared_cohorts_give_each_customers_own_value(
        rows in rows(),
        d in 0.0_f64..0.05,
        lifetimes in any::<bool>(),
    ) {
        let o = options(d, if lifetimes { ValueConvention::Lifetimes } else { ValueConvention::Calendar });
        let bg = BgNbdModel::new(0.243, 4.414, 0.793, 2.426).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check(&bg, &rows, &o)?;
        let mbg = MbgNbdModel::new(0.525, 6.183, 0.891, 1.614).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check(&mbg, &rows, &o)?;
        let pareto = ParetoNbdModel::new(0.553, 10.578, 0.606, 11.669).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check(&pareto, &rows, &o)?;
    }
}

/// A customer with 1000 purchases long ago is dead (P(alive) = 0, exactly): value 0, and the series of the
/// posterior (r + 1000, ...) is never summed for them.
#[test]
fn dead_customers_are_worth_nothing_next_to_live_ones() -> Result<(), ModelError> {
    let bg = BgNbdModel::new(0.243, 4.414, 0.793, 2.426)?;
    let o = options(0.01, ValueConvention::Calendar);
    let values =
        customer_value(&bg, &[1000.0, 2.0, 1000.0], &[1.0, 30.43, 1.0], &[5000.0, 38.86, 5000.0], &[10.0], &o)?;
    assert_eq!((values[0], values[2]), (0.0, 0.0));
    assert!(values[1] > 0.0);
    Ok(())
}

/// A fit on customers who never drop out drives a and b to millions (p = a / (a + b) is pinned down, its
/// spread is not): the value stays computable, and equals the definition.
#[test]
fn large_a_and_b_are_valued() -> Result<(), ModelError> {
    let bg =
        BgNbdModel::new(0.474_106_740_632_877_9, 2.861_111_762_857_466, 6_789_951.072_368_102, 9_136_478.371_742_813)?;
    let o = options(0.01, ValueConvention::Lifetimes);
    let values = customer_value(&bg, &[2.0, 0.0], &[11.88, 0.0], &[20.03, 20.03], &[1.0], &o)?;
    for (i, (x, tx)) in [(2.0, 11.88), (0.0, 0.0)].into_iter().enumerate() {
        let want = by_definition(&bg, x, tx, 20.03, &o)?;
        assert!((values[i] - want).abs() <= 1e-12 * want, "{} vs {want}", values[i]);
    }
    Ok(())
}

/// `expected_purchases_if_alive` refuses what `conditional_expected_purchases` refuses, naming the field:
/// NaN, infinite, negative, fractional and oversized counts, ages and horizons.
fn refuses_hostile_input<M: PurchaseModel>(model: &M) {
    let cases = [
        ((12.0, f64::NAN, 10.0), "frequency"),
        ((12.0, 1.5, 10.0), "frequency"),
        ((12.0, -1.0, 10.0), "frequency"),
        ((12.0, 1e300, 10.0), "frequency"),
        ((12.0, 2.0, f64::INFINITY), "age"),
        ((12.0, 2.0, -3.0), "age"),
        ((12.0, 2.0, f64::NAN), "age"),
        ((f64::NAN, 2.0, 10.0), "t"),
        ((-1.0, 2.0, 10.0), "t"),
        ((f64::INFINITY, 2.0, 10.0), "t"),
        ((1e300, 2.0, 10.0), "t"),
    ];
    for ((t, x, age), want) in cases {
        let field = match model.expected_purchases_if_alive(t, x, age) {
            Some(Err(ModelError::InvalidData { field, .. })) => field,
            Some(Err(ModelError::InvalidParameter { field, .. })) => field.to_string(),
            other => panic!("({t}, {x}, {age}) gave {other:?}, expected an error naming {want}"),
        };
        assert_eq!(field, want, "({t}, {x}, {age})");
    }
    assert!(matches!(model.expected_purchases_if_alive(12.0, 2.0, 38.86), Some(Ok(e)) if e > 0.0 && e.is_finite()));
}

#[test]
fn live_customer_purchases_refuse_hostile_input() -> Result<(), ModelError> {
    refuses_hostile_input(&BgNbdModel::new(0.243, 4.414, 0.793, 2.426)?);
    refuses_hostile_input(&MbgNbdModel::new(0.243, 4.414, 0.793, 2.426)?);
    refuses_hostile_input(&ParetoNbdModel::new(0.553, 10.578, 0.606, 11.669)?);
    Ok(())
}

/// `expected_purchases_if_alive_curve` against `expected_purchases_if_alive` at each horizon: bit for bit,
/// errors included, over every branch of the BG/NBD series (`c < 1/4` at `x = 0`, the original series at
/// large `a`, the joint transformed series) and with bad horizons among good ones.
fn curve_matches_each_horizon<M: PurchaseModel>(
    model: &M,
    x: f64,
    age: f64,
    horizons: &[f64],
) -> Result<(), TestCaseError> {
    let curve = model.expected_purchases_if_alive_curve(horizons, x, age).ok_or(TestCaseError::fail("no curve"))?;
    prop_assert_eq!(curve.len(), horizons.len());
    for (got, &h) in curve.iter().zip(horizons) {
        let want = model.expected_purchases_if_alive(h, x, age).ok_or(TestCaseError::fail("no value"))?;
        match (got, &want) {
            (Ok(g), Ok(w)) => prop_assert_eq!(g.to_bits(), w.to_bits(), "t {} x {} age {}", h, x, age),
            (Err(g), Err(w)) => prop_assert_eq!(g.to_string(), w.to_string()),
            _ => prop_assert!(false, "t {h}: {got:?} against {want:?}"),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_curve_is_each_horizon_bit_for_bit(
        r in 0.05_f64..5.0, alpha in 0.1_f64..50.0, a in prop_oneof![0.05_f64..3.0, 1e3_f64..1e7], b in 0.05_f64..5.0,
        x in prop_oneof![Just(0.0), 1.0_f64..40.0], age in 0.5_f64..100.0,
        month in 0.1_f64..30.0, months in 1_u32..40,
        bad in prop_oneof![Just(None), Just(Some(f64::NAN)), Just(Some(-1.0)), Just(Some(2e9)), Just(Some(0.0))],
    ) {
        let x = x.floor();
        let mut horizons: Vec<f64> = (1..=months).map(|i| f64::from(i) * month).collect();
        if let Some(v) = bad {
            horizons.insert(horizons.len() / 2, v);
        }
        let bg = BgNbdModel::new(r, alpha, a, b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        curve_matches_each_horizon(&bg, x, age, &horizons)?;
        let mbg = MbgNbdModel::new(r, alpha, a, b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        curve_matches_each_horizon(&mbg, x, age, &horizons)?;
        let pareto = ParetoNbdModel::new(r, alpha, a.min(50.0), b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        curve_matches_each_horizon(&pareto, x, age, &horizons)?;
    }
}

/// `discounted_expected_residual_transactions_columns` against the one-customer method, row by row, bit
/// for bit: cohorts sharing `T`, dead customers, and for the BG/NBD a history whose P(alive) is 0.
fn dert_columns_match_each_row(
    columns: &[f64],
    rows: &[(f64, f64, f64)],
    one: impl Fn(f64, f64, f64) -> Result<f64, ModelError>,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(columns.len(), rows.len());
    for (i, (&got, &(x, tx, t))) in columns.iter().zip(rows).enumerate() {
        let want = one(x, tx, t).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(got.to_bits(), want.to_bits(), "row {} ({}, {}, {}): {} vs {}", i, x, tx, t, got, want);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn dert_columns_are_each_customers_dert(rows in rows(), delta in 0.001_f64..0.5) {
        let (x, tx, t): (Vec<f64>, Vec<f64>, Vec<f64>) =
            (rows.iter().map(|r| r.0).collect(), rows.iter().map(|r| r.1).collect(), rows.iter().map(|r| r.2).collect());
        let fail = |e: ModelError| TestCaseError::fail(e.to_string());
        let bg = BgNbdModel::new(0.243, 4.414, 0.793, 2.426).map_err(fail)?;
        let all = bg.discounted_expected_residual_transactions_columns(delta, &x, &tx, &t).map_err(fail)?;
        dert_columns_match_each_row(&all, &rows, |x, tx, t| bg.discounted_expected_residual_transactions(delta, x, tx, t))?;
        let mbg = MbgNbdModel::new(0.243, 4.414, 0.793, 2.426).map_err(fail)?;
        let all = mbg.discounted_expected_residual_transactions_columns(delta, &x, &tx, &t).map_err(fail)?;
        dert_columns_match_each_row(&all, &rows, |x, tx, t| mbg.discounted_expected_residual_transactions(delta, x, tx, t))?;
        let pareto = ParetoNbdModel::new(0.553, 10.578, 0.606, 11.669).map_err(fail)?;
        let all = pareto.discounted_expected_residual_transactions_columns(delta, &x, &tx, &t).map_err(fail)?;
        dert_columns_match_each_row(&all, &rows, |x, tx, t| pareto.discounted_expected_residual_transactions(delta, x, tx, t))?;
    }
}

#[test]
fn dert_columns_name_the_row_and_refuse_hostile_input() -> Result<(), ModelError> {
    let bg = BgNbdModel::new(0.243, 4.414, 0.793, 2.426)?;
    let pareto = ParetoNbdModel::new(0.553, 10.578, 0.606, 11.669)?;
    let (x, tx, t) = (vec![1.0, 2.0, 1.5, 2.0], vec![3.0, 4.0, 4.0, 5.0], vec![10.0; 4]);
    let field_row = |e: ModelError| (e.kind(), e.field().map(str::to_owned), e.row());
    let want = Err(("invalid_data", Some("frequency".to_owned()), Some(2)));
    assert_eq!(bg.discounted_expected_residual_transactions_columns(0.01, &x, &tx, &t).map_err(field_row), want);
    assert_eq!(pareto.discounted_expected_residual_transactions_columns(0.01, &x, &tx, &t).map_err(field_row), want);
    for delta in [f64::NAN, 0.0, -0.1, f64::INFINITY, 2e9] {
        assert!(matches!(
            bg.discounted_expected_residual_transactions_columns(delta, &[1.0], &[3.0], &[10.0]),
            Err(ModelError::InvalidParameter { field: "discount_rate", .. })
        ));
        assert!(matches!(
            pareto.discounted_expected_residual_transactions_columns(delta, &[1.0], &[3.0], &[10.0]),
            Err(ModelError::InvalidParameter { field: "discount_rate", .. })
        ));
    }
    assert!(matches!(
        bg.discounted_expected_residual_transactions_columns(0.01, &[1.0, 2.0], &[3.0], &[10.0, 10.0]),
        Err(ModelError::LengthMismatch { .. })
    ));
    Ok(())
}

//! Issue 11's invariant as a property test: rescaling the time unit (days to weeks: every time divided by `k`)
//! leaves every prediction unchanged when the rate parameters scale with it (BG/NBD and MBG/NBD: `alpha / k`;
//! Pareto/NBD: `alpha / k` and `beta / k`). Log-likelihoods shift by `x ln k` (a density in the `x` purchase
//! times); probabilities and expected counts are dimensionless.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ltv_models::{BgNbdModel, MbgNbdModel, ParetoNbdModel, PurchaseModel};
use proptest::prelude::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) + 1e-12
}

/// Every prediction of `m` at `(t, x, t_x, T)` equals `scaled`'s at the times divided by `k`.
fn same_predictions<M: PurchaseModel>(m: &M, scaled: &M, k: f64, h: (f64, f64, f64, f64)) -> Result<(), TestCaseError> {
    let (t, x, tx, age) = h;
    let (ts, txs, ages) = (t / k, tx / k, age / k);
    let pairs = [
        ("probability_alive", m.probability_alive(x, tx, age), scaled.probability_alive(x, txs, ages)),
        ("expected_purchases", m.expected_purchases(t), scaled.expected_purchases(ts)),
        (
            "conditional_expected_purchases",
            m.conditional_expected_purchases(t, x, tx, age),
            scaled.conditional_expected_purchases(ts, x, txs, ages),
        ),
        ("probability_alive_at", m.probability_alive_at(t, x, tx, age), scaled.probability_alive_at(ts, x, txs, ages)),
        (
            "probability_of_no_purchase",
            m.probability_of_no_purchase(t, x, tx, age),
            scaled.probability_of_no_purchase(ts, x, txs, ages),
        ),
        ("probability_of_purchases", m.probability_of_purchases(1, t), scaled.probability_of_purchases(1, ts)),
    ];
    for (what, a, b) in pairs {
        match (a, b) {
            (Ok(a), Ok(b)) => prop_assert!(close(a, b), "{what}: {a} vs {b} (k = {k})"),
            (Err(_), Err(_)) => {}
            (a, b) => prop_assert!(false, "{what}: {a:?} vs {b:?} (k = {k})"),
        }
    }
    let (ll, lls) = (m.log_likelihood(x, tx, age).unwrap(), scaled.log_likelihood(x, txs, ages).unwrap());
    prop_assert!(close(ll + x * k.ln(), lls), "log-likelihood: {ll} + x ln k vs {lls}");
    Ok(())
}

fn history() -> impl Strategy<Value = (f64, f64, f64, f64)> {
    (0.5..60.0_f64, 0u32..30, 0.0..1.0_f64, 1.0..60.0_f64).prop_map(|(t, x, frac, age)| {
        let x = f64::from(x);
        let tx = if x == 0.0 { 0.0 } else { frac * age };
        (t, x, tx, age)
    })
}

proptest! {
    #[test]
    fn bg_nbd_and_mbg_nbd_predictions_do_not_depend_on_the_time_unit(
        r in 0.1..3.0_f64, alpha in 0.5..20.0_f64, a in 0.2..3.0_f64, b in 0.5..5.0_f64,
        k in prop::sample::select(vec![7.0, 1.0 / 24.0, 30.4375, 2.5]), h in history(),
    ) {
        let (m, s) = (BgNbdModel::new(r, alpha, a, b).unwrap(), BgNbdModel::new(r, alpha / k, a, b).unwrap());
        same_predictions(&m, &s, k, h)?;
        let (m, s) = (MbgNbdModel::new(r, alpha, a, b).unwrap(), MbgNbdModel::new(r, alpha / k, a, b).unwrap());
        same_predictions(&m, &s, k, h)?;
    }

    #[test]
    fn pareto_nbd_predictions_do_not_depend_on_the_time_unit(
        r in 0.1..3.0_f64, alpha in 0.5..20.0_f64, s in 0.2..3.0_f64, beta in 0.5..30.0_f64,
        k in prop::sample::select(vec![7.0, 1.0 / 24.0, 30.4375, 2.5]), h in history(),
    ) {
        let m = ParetoNbdModel::new(r, alpha, s, beta).unwrap();
        let scaled = ParetoNbdModel::new(r, alpha / k, s, beta / k).unwrap();
        same_predictions(&m, &scaled, k, h)?;
    }
}

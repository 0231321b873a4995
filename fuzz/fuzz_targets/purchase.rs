//! The purchase and spend models (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB, Gamma-Gamma) on arbitrary input: their
//! model-file parsers on arbitrary bytes (seeded with the fit files of tests/vectors/purchase), and every
//! prediction on arbitrary parameters and histories.
//!
//! Checks: no panic; a file that parses writes back to a file that reads as the same value; every prediction
//! is `Ok` with a finite number (a probability in `[0, 1]`) or an `Err` with a kind and field.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use ltv_models::{
    BgBbModel, BgNbdFit, BgNbdModel, GammaGammaModel, MbgNbdModel, Model, ModelError, ParetoNbdModel, PurchaseModel,
};

#[derive(Debug, Arbitrary)]
struct Input {
    /// A model file (any bytes).
    file: Vec<u8>,
    /// Four parameters, as bits (any f64: NaN, infinities, subnormals).
    params: [u64; 4],
    /// A history (x, t_x, T) and a horizon t, as bits.
    history: [u64; 4],
    /// A count n and a horizon in periods.
    n: u16,
    periods: u16,
}

fn check(what: &str, r: Result<f64, ModelError>, probability: bool) {
    match r {
        Ok(v) => {
            assert!(v.is_finite(), "{what}: Ok({v})");
            if probability {
                assert!((0.0..=1.0).contains(&v), "{what}: probability {v}");
            }
        }
        Err(e) => {
            let _ = (e.to_string(), e.kind(), e.field(), e.row());
        }
    }
}

fn continuous<M: PurchaseModel>(m: &M, h: [f64; 4], n: u32) {
    let [x, tx, age, t] = h;
    check("log_likelihood", m.log_likelihood(x, tx, age), false);
    check("expected_purchases", m.expected_purchases(t), false);
    check("conditional_expected_purchases", m.conditional_expected_purchases(t, x, tx, age), false);
    check("probability_alive", m.probability_alive(x, tx, age), true);
    check("probability_alive_at", m.probability_alive_at(t, x, tx, age), true);
    check("probability_of_purchases", m.probability_of_purchases(n, t), true);
    check("conditional_probability_of_purchases", m.conditional_probability_of_purchases(n, t, x, tx, age), true);
    check("probability_of_no_purchase", m.probability_of_no_purchase(t, x, tx, age), true);
}

fn round_trip<M: Model + serde::Serialize>(text: &str, read: impl Fn(&str) -> Result<M, ModelError>) -> Option<M> {
    let model = read(text).ok()?;
    let json = serde_json::to_string(&model).expect("a parsed model writes");
    assert_eq!(read(&json).ok().as_ref(), Some(&model), "{json} reads back as another model");
    Some(model)
}

fuzz_target!(|input: Input| {
    let p = input.params.map(f64::from_bits);
    let h = input.history.map(f64::from_bits);
    let (n, periods) = (u32::from(input.n), u32::from(input.periods));
    let text = String::from_utf8_lossy(&input.file);

    if let Ok(m) = BgNbdModel::new(p[0], p[1], p[2], p[3]) {
        continuous(&m, h, n);
    }
    if let Ok(m) = MbgNbdModel::new(p[0], p[1], p[2], p[3]) {
        continuous(&m, h, n);
    }
    if let Ok(m) = ParetoNbdModel::new(p[0], p[1], p[2], p[3]) {
        continuous(&m, h, n);
        check("pareto dert", m.discounted_expected_residual_transactions(h[3], h[0], h[1], h[2]), false);
    }
    if let Ok(m) = BgBbModel::new(p[0], p[1], p[2], p[3]) {
        let [x, tx, big_n, _] = h;
        check("bg_bb log_likelihood", m.log_likelihood(x, tx, big_n), false);
        check("bg_bb probability_alive", m.probability_alive(x, tx, big_n), true);
        check("bg_bb expected_transactions", m.expected_transactions(periods), false);
        check("bg_bb probability_of_transactions", m.probability_of_transactions(n, periods), true);
        check("bg_bb conditional_expected_transactions", m.conditional_expected_transactions(periods, x, tx, big_n), false);
    }
    if let Ok(m) = GammaGammaModel::new(p[0], p[1], p[2]) {
        check("mean_spend", m.mean_spend(), false);
        check("spend_variance", m.spend_variance(), false);
        check("conditional_expected_spend", m.conditional_expected_spend(h[0], h[1]), false);
        check("gamma_gamma log_likelihood", m.log_likelihood(h[0], h[1]), false);
    }

    if let Some(m) = round_trip(&text, BgNbdModel::from_json) {
        continuous(&m, h, n);
    }
    if let Some(m) = round_trip(&text, MbgNbdModel::from_json) {
        continuous(&m, h, n);
    }
    if let Some(m) = round_trip(&text, ParetoNbdModel::from_json) {
        continuous(&m, h, n);
    }
    let _ = round_trip(&text, BgBbModel::from_json);
    let _ = round_trip(&text, GammaGammaModel::from_json);
    if let Ok(fit) = BgNbdFit::from_json(&text) {
        let json = fit.to_json().expect("a parsed fit writes");
        assert_eq!(BgNbdFit::from_json(&json).ok().as_ref(), Some(&fit), "{json} reads back as another fit");
    }
});

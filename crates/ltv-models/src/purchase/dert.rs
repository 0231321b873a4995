//! Discounted expected residual transactions (DERT) of the beta-geometric models (BG/NBD, MBG/NBD), which
//! have no closed form: an integral of the conditional expectation, by adaptive Gauss–Kronrod quadrature
//! with a rigorous bound on the truncated tail.
//!
//! `DERT = E[∫_0^∞ e^(-δ t) dY(t) | x, t_x, T]` (Fader, Hardie & Lee 2005, "RFM and CLV", *JMR* 42(4),
//! eq. (1): the continuously discounted purchases after `T`). Integrating by parts (`E[Y(0)] = 0`, and
//! `E[Y(t)]` grows at most linearly) and substituting `t = u / δ`,
//! `DERT = δ ∫_0^∞ e^(-δ t) E[Y(t)] dt = ∫_0^∞ e^(-u) E[Y(u / δ) | x, t_x, T] du`.
//!
//! **Quadrature.** `∫_0^U` by the adaptive 15-point Gauss–Kronrod rule of `special::quadrature` to a
//! relative error estimate of `1e-11`. **Tail bound.** The conditional purchase rate at `T + t` is at most
//! `P(alive) E[lambda | alive at T] = P(alive) (r + x) / (alpha + T)` (it only falls as customers drop
//! out), so `E[Y(t)] <= P(alive) (r + x) t / (alpha + T)` and the tail beyond `U` is at most
//! `P(alive) (r + x) / ((alpha + T) δ) e^(-U) (U + 1)`. `U` starts at 40 and grows by 20 until this bound is
//! below `1e-12` of the integral so far (at most [`MAX_TAIL_STEPS`] steps; `U / δ` must stay a valid horizon,
//! at most `1e9` time units, which is what bounds `δ` from below).

use super::data::MAX_AGE;
use crate::error::ModelError;
use crate::special::quadrature::integrate;

/// The smallest continuous discount rate per time unit accepted: `1e-6` (the integral reaches `40 / δ`
/// time units and more; horizons are capped at `1e9`).
pub(crate) const MIN_DERT_DISCOUNT_RATE: f64 = 1e-6;
/// The largest continuous discount rate per time unit accepted: `1e9` (as for the Pareto/NBD).
pub(crate) const MAX_DERT_DISCOUNT_RATE: f64 = 1e9;
/// The most extensions of the truncation point `U` (by 20 each, from 40).
const MAX_TAIL_STEPS: u32 = 30;
/// The relative error estimate each quadrature is run to.
const QUAD_TOL: f64 = 1e-11;
/// The relative size of the tail bound at which the integral stops.
const TAIL_TOL: f64 = 1e-12;

fn not_computable(delta: f64, reason: &'static str) -> ModelError {
    ModelError::NotComputable {
        quantity: "discounted_expected_residual_transactions",
        field: "discount_rate",
        value: delta,
        reason,
    }
}

/// Checks a continuous discount rate `δ` per time unit: finite, in `[1e-6, 1e9]`.
pub(crate) fn check_rate(delta: f64) -> Result<(), ModelError> {
    if delta.is_finite() && (MIN_DERT_DISCOUNT_RATE..=MAX_DERT_DISCOUNT_RATE).contains(&delta) {
        Ok(())
    } else {
        Err(ModelError::InvalidParameter {
            field: "discount_rate",
            value: delta,
            allowed: "a continuous discount rate per time unit in [1e-6, 1e9]",
        })
    }
}

/// The DERT of a customer whose expected purchases in the next `t` are `expected(t)` (see the module docs);
/// `rate_bound` bounds their purchase rate (`(r + x) / (alpha + T)` for a customer alive now). The history
/// is checked by the caller.
pub(crate) fn by_quadrature(
    delta: f64,
    rate_bound: f64,
    expected: impl Fn(f64) -> Result<f64, ModelError>,
) -> Result<f64, ModelError> {
    check_rate(delta)?;
    if rate_bound == 0.0 {
        return Ok(0.0);
    }
    let failed = std::cell::Cell::new(None);
    let integrand = |u: f64| {
        let t = (u / delta).min(MAX_AGE);
        match expected(t) {
            Ok(e) => (-u).exp() * e,
            Err(e) => {
                failed.set(Some(e));
                f64::NAN
            }
        }
    };
    let mut upper = 40.0_f64;
    let mut total = 0.0;
    let mut lower = 0.0;
    for _ in 0..MAX_TAIL_STEPS {
        if upper / delta > MAX_AGE {
            return Err(not_computable(
                delta,
                "the discount rate is too small: the integral would reach beyond 1e9 time units",
            ));
        }
        let piece = integrate(integrand, lower, upper, QUAD_TOL);
        if let Some(e) = failed.take() {
            return Err(e);
        }
        total += piece.map_err(|_| not_computable(delta, "the quadrature did not converge"))?;
        let tail = rate_bound / delta * (-upper).exp() * (upper + 1.0);
        if tail <= TAIL_TOL * total || tail < f64::MIN_POSITIVE {
            return if total.is_finite() { Ok(total) } else { Err(not_computable(delta, "overflow")) };
        }
        lower = upper;
        upper += 20.0;
    }
    Err(not_computable(delta, "the tail of the integral did not become negligible"))
}

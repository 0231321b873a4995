//! Drawing synthetic customers from the beta-geometric purchase models (BG/NBD, MBG/NBD), with a seeded
//! generator, faithful to the models' story: `lambda ~ Gamma(r, alpha)`, `p ~ Beta(a, b)`, purchases at rate
//! `lambda` until the end of observation or the dropout coin (flipped after each repeat purchase, and for
//! MBG/NBD right after the first purchase too) comes up.
//!
//! The generator is `crate::random::Rng` (splitmix64, our own; see there why).

use super::data::PurchaseHistories;
use crate::error::ModelError;
use crate::random::Rng;

pub use crate::random::{MAX_SIMULATED_CUSTOMERS, MAX_SIMULATED_PURCHASES};

/// Draws one customer per entry of `ages` (each finite and in `(0, MAX_AGE]`) from the beta-geometric model
/// `(r, alpha, a, b)` with `shift` extra dropout flips (0 BG/NBD, 1 MBG/NBD), with generator seed `seed`.
pub(crate) fn simulate(p: [f64; 4], shift: u32, ages: &[f64], seed: u64) -> Result<PurchaseHistories, ModelError> {
    if ages.len() > MAX_SIMULATED_CUSTOMERS {
        return Err(ModelError::InvalidData {
            field: "age".to_owned(),
            row: None,
            reason: format!("got {} customers, expected at most 1e8 per simulation", ages.len()),
        });
    }
    for (row, &age) in ages.iter().enumerate() {
        if !(age.is_finite() && age > 0.0 && age <= super::MAX_AGE) {
            return Err(ModelError::InvalidData {
                field: "age".to_owned(),
                row: Some(row),
                reason: format!("got {}, expected a finite age in (0, 1e9]", crate::Shown(age)),
            });
        }
    }
    let [r, alpha, a, b] = p;
    let mut rng = Rng::new(seed);
    let (mut frequency, mut recency) = (Vec::with_capacity(ages.len()), Vec::with_capacity(ages.len()));
    let mut total: u64 = 0;
    for &age in ages {
        let lambda = rng.gamma(r)? / alpha;
        let dropout = rng.beta(a, b)?;
        let mut alive = (0..shift).all(|_| rng.uniform() >= dropout);
        let (mut now, mut x, mut last) = (0.0_f64, 0.0_f64, 0.0_f64);
        while alive {
            now += -rng.uniform().ln() / lambda;
            // (`now` is +inf when lambda underflows to 0: no purchase.)
            if now.is_nan() || now > age {
                break;
            }
            x += 1.0;
            last = now;
            total += 1;
            if total > MAX_SIMULATED_PURCHASES || x >= super::MAX_FREQUENCY {
                return Err(ModelError::InvalidData {
                    field: "age".to_owned(),
                    row: None,
                    reason: "the simulation would draw more than 1e9 purchases in all (or 1e7 for one customer): \
                             use fewer customers or shorter ages"
                        .to_owned(),
                });
            }
            alive = rng.uniform() >= dropout;
        }
        frequency.push(x);
        recency.push(last);
    }
    PurchaseHistories::new(&frequency, &recency, ages, None)
}

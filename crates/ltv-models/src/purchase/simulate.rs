//! Drawing synthetic customers from the continuous-time purchase models, with a seeded generator, as
//! summaries (`simulate`) or as transaction logs (`simulate_transactions`, [`SimulatedTransactions`]).
//!
//! - Beta-geometric (BG/NBD, MBG/NBD): `lambda ~ Gamma(r, alpha)`, `p ~ Beta(a, b)`, purchases at rate
//!   `lambda` until the end of observation or the dropout coin (flipped after each repeat purchase, and for
//!   MBG/NBD right after the first purchase too) comes up.
//! - Pareto/NBD: `lambda ~ Gamma(r, alpha)`, `mu ~ Gamma(s, beta)`, an exponential lifetime with rate
//!   `mu`, purchases at rate `lambda` until death or the end of observation.
//!
//! Both outputs come from one drawing loop per model, so a log and a summary drawn with the same seed are
//! the same customers: summarising the log (`x` = rows − 1, `t_x` = the last time) gives the summary.
//!
//! The generator is `crate::random::Rng` (splitmix64, our own; see there why).

use super::data::PurchaseHistories;
use crate::error::ModelError;
use crate::random::Rng;

pub use crate::random::{MAX_SIMULATED_CUSTOMERS, MAX_SIMULATED_PURCHASES};

/// A simulated transaction log: one row per purchase, **the first purchase included** (at time 0), the
/// customers in input order and each customer's purchases in time order.
///
/// Times are in the model's time unit since the customer's first purchase. A customer of age `T` observed
/// up to a calendar end `E` made the first purchase at `E − T`, so a row's calendar time is
/// `E − T + time`. Summarising the log gives the customers that `simulate` draws with the same seed:
/// frequency = rows − 1, recency = the last time, age = the input age.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct SimulatedTransactions {
    /// The customer of each row: its 0-based position in the input.
    pub customer: Vec<u64>,
    /// The time of each row since the customer's first purchase (0 for the first), in the model's unit (for
    /// BG/BB, the opportunity `1..=n` of each repeat transaction).
    pub time: Vec<f64>,
}

/// Where a simulator writes what it draws: every customer's summary, and with `Log` every purchase.
pub(crate) trait Sink {
    /// A purchase (the first at time 0) of customer `row`.
    fn purchase(&mut self, row: usize, time: f64);
}

/// Summaries only: purchases are not kept.
pub(crate) struct Summaries;

impl Sink for Summaries {
    #[inline]
    fn purchase(&mut self, _row: usize, _time: f64) {}
}

impl Sink for SimulatedTransactions {
    #[inline]
    fn purchase(&mut self, row: usize, time: f64) {
        self.customer.push(row as u64);
        self.time.push(time);
    }
}

fn too_many_purchases() -> ModelError {
    ModelError::InvalidData {
        field: "age".to_owned(),
        row: None,
        reason: "the simulation would draw more than 1e9 purchases in all (or 1e7 for one customer): use fewer \
                 customers or shorter ages"
            .to_owned(),
    }
}

/// Checks the ages of a simulation: 1 to `MAX_SIMULATED_CUSTOMERS` customers, each age finite in `(0, MAX_AGE]`.
pub(crate) fn check_ages(ages: &[f64]) -> Result<(), ModelError> {
    if ages.is_empty() || ages.len() > MAX_SIMULATED_CUSTOMERS {
        return Err(ModelError::InvalidData {
            field: "age".to_owned(),
            row: None,
            reason: format!("got {} customers, expected 1 to 1e8 per simulation", ages.len()),
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
    Ok(())
}

/// Poisson purchases at rate `lambda` in `(0, end]` (and `continues` after each, for the beta-geometric
/// dropout coin), written to `sink` as customer `row`'s; returns `(x, t_x)` and counts into `total`.
fn purchases(
    rng: &mut Rng,
    lambda: f64,
    end: f64,
    row: usize,
    total: &mut u64,
    sink: &mut impl Sink,
    mut continues: impl FnMut(&mut Rng) -> bool,
) -> Result<(f64, f64), ModelError> {
    let (mut now, mut x, mut last) = (0.0_f64, 0.0_f64, 0.0_f64);
    loop {
        now += -rng.uniform().ln() / lambda;
        // (`now` is +inf when lambda underflows to 0, NaN never: no purchase then.)
        if now.is_nan() || now > end {
            break;
        }
        x += 1.0;
        last = now;
        *total += 1;
        if *total > MAX_SIMULATED_PURCHASES || x >= super::MAX_FREQUENCY {
            return Err(too_many_purchases());
        }
        sink.purchase(row, now);
        if !continues(rng) {
            break;
        }
    }
    Ok((x, last))
}

/// Draws one customer per entry of `ages` (each finite and in `(0, MAX_AGE]`) from the beta-geometric model
/// `(r, alpha, a, b)` with `shift` extra dropout flips (0 BG/NBD, 1 MBG/NBD), with generator seed `seed`,
/// writing each purchase to `sink`.
pub(crate) fn beta_geometric(
    p: [f64; 4],
    shift: u32,
    ages: &[f64],
    seed: u64,
    sink: &mut impl Sink,
) -> Result<PurchaseHistories, ModelError> {
    check_ages(ages)?;
    let [r, alpha, a, b] = p;
    let mut rng = Rng::new(seed);
    let (mut frequency, mut recency) = (Vec::with_capacity(ages.len()), Vec::with_capacity(ages.len()));
    let mut total: u64 = 0;
    for (row, &age) in ages.iter().enumerate() {
        let lambda = rng.gamma(r)? / alpha;
        let dropout = rng.beta(a, b)?;
        sink.purchase(row, 0.0);
        let alive = (0..shift).all(|_| rng.uniform() >= dropout);
        let (x, last) = if alive {
            purchases(&mut rng, lambda, age, row, &mut total, sink, |rng| rng.uniform() >= dropout)?
        } else {
            (0.0, 0.0)
        };
        frequency.push(x);
        recency.push(last);
    }
    PurchaseHistories::new(&frequency, &recency, ages, None)
}

/// Draws one customer per entry of `ages` from the Pareto/NBD `(r, alpha, s, beta)` with generator seed
/// `seed`, writing each purchase to `sink`.
pub(crate) fn pareto(
    p: [f64; 4],
    ages: &[f64],
    seed: u64,
    sink: &mut impl Sink,
) -> Result<PurchaseHistories, ModelError> {
    check_ages(ages)?;
    let [r, alpha, s, beta] = p;
    let mut rng = Rng::new(seed);
    let (mut frequency, mut recency) = (Vec::with_capacity(ages.len()), Vec::with_capacity(ages.len()));
    let mut total: u64 = 0;
    for (row, &age) in ages.iter().enumerate() {
        let lambda = rng.gamma(r)? / alpha;
        let mu = rng.gamma(s)? / beta;
        let end = (-rng.uniform().ln() / mu).min(age);
        sink.purchase(row, 0.0);
        let (x, last) = purchases(&mut rng, lambda, end, row, &mut total, sink, |_| true)?;
        frequency.push(x);
        recency.push(last);
    }
    PurchaseHistories::new(&frequency, &recency, ages, None)
}

//! Non-contractual purchase models ("buy till you die"): customers buy at random and leave silently.
//!
//! - [`PurchaseHistories`]: the data of the continuous-time models, `(x, t_x, T)` per customer, with weights;
//! - [`PurchaseModel`]: the predictions every continuous-time model makes (BG/NBD, MBG/NBD, Pareto/NBD);
//! - [`BgNbdModel`] / [`BgNbdFit`] (Fader, Hardie & Lee 2005) and [`MbgNbdModel`] / [`MbgNbdFit`]
//!   (Batislam, Denizel & Filiztekin 2007), sharing their numerics in `beta_geometric`;
//! - [`ParetoNbdModel`] / [`ParetoNbdFit`] (Schmittlein, Morrison & Colombo 1987);
//! - [`BgBbModel`] / [`BgBbFit`] (Fader, Hardie & Shang 2010) on [`DiscreteHistories`] `(x, t_x, n)`: discrete
//!   transaction opportunities;
//! - [`PurchaseFitOptions`]: penalty, start and iterations of every purchase-model fit;
//! - DERT (discounted expected residual transactions): closed forms for Pareto/NBD and BG/BB, and for
//!   BG/NBD and MBG/NBD an integral of the conditional expectation (`purchase::dert`);
//! - [`customer_value`]: discounted expected purchases x spend x margin over a horizon in months.

pub(crate) mod beta_geometric;
mod bg_bb;
mod bg_nbd;
pub(crate) mod data;
mod dert;
mod discrete;
mod mbg_nbd;
mod options;
mod pareto_nbd;
mod simulate;
mod value;

pub use beta_geometric::MAX_PURCHASE_COUNT;
pub use bg_bb::{BgBbFit, BgBbModel};
pub use bg_nbd::{BgNbdFit, BgNbdModel, MAX_PURCHASE_PARAMETER, MIN_PURCHASE_PARAMETER};
pub use data::{MAX_AGE, MAX_FREQUENCY, PurchaseHistories};
pub use discrete::{DiscreteHistories, MAX_OPPORTUNITIES};
pub use mbg_nbd::{MbgNbdFit, MbgNbdModel};
pub use options::{MAX_FIT_ITERATIONS, PurchaseFitOptions};
pub use pareto_nbd::{ParetoNbdFit, ParetoNbdModel};
pub use simulate::{MAX_SIMULATED_CUSTOMERS, MAX_SIMULATED_PURCHASES, SimulatedTransactions};
pub use value::{MAX_VALUE_MONTHS, RatePeriod, ValueConvention, ValueOptions, customer_value, customer_value_one};

use crate::error::ModelError;
use crate::model::Model;

/// The predictions of a continuous-time purchase model for one customer whose history is
/// `(frequency, recency, age) = (x, t_x, T)` (checked as [`PurchaseHistories`] checks a row), and for a new
/// customer. Times are in the unit of the data the model was fitted on; `t >= 0` is a horizon from now
/// (the end of observation).
///
/// Every method returns a finite number or a [`ModelError`] naming the bad argument.
pub trait PurchaseModel: Model {
    /// The log-likelihood of one customer's history.
    ///
    /// # Errors
    /// [`ModelError::InvalidData`] for an invalid history.
    fn log_likelihood(&self, frequency: f64, recency: f64, age: f64) -> Result<f64, ModelError>;

    /// `E[X(t)]`: the expected number of purchases of a new customer in `(0, t]` after their first.
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] for `t` not finite and `>= 0`.
    fn expected_purchases(&self, t: f64) -> Result<f64, ModelError>;

    /// `E[Y(t) | x, t_x, T]`: the expected number of purchases in the next `t` of a customer with this history.
    ///
    /// # Errors
    /// As for [`Self::expected_purchases`] and [`Self::log_likelihood`].
    fn conditional_expected_purchases(&self, t: f64, frequency: f64, recency: f64, age: f64)
    -> Result<f64, ModelError>;

    /// `E[Y(t) | alive now, x, T]`: the expected purchases in the next `t` of a customer with `x` repeat
    /// purchases and age `T` who is alive at the end of observation, for a model in which this does not depend
    /// on the recency, so that `E[Y(t) | x, t_x, T] = P(alive | x, t_x, T)` times it (BG/NBD, MBG/NBD and
    /// Pareto/NBD: the posterior of the purchase and dropout rates of a live customer depends on `(x, T)`
    /// only). `None` for a model where it does depend on the recency. Customers sharing `(x, T)` but not
    /// `t_x` then share it ([`customer_value`] computes it once per distinct `(x, T)`).
    ///
    /// # Errors
    /// [`ModelError::InvalidParameter`] naming `t`, or [`ModelError::InvalidData`] naming `frequency` or `age`,
    /// for a value [`Self::conditional_expected_purchases`] would refuse.
    fn expected_purchases_if_alive(&self, t: f64, frequency: f64, age: f64) -> Option<Result<f64, ModelError>> {
        let _ = (t, frequency, age);
        None
    }

    /// [`Self::expected_purchases_if_alive`] at each horizon of `t`, in order: the same values, from one call,
    /// so that a model can share work across the horizons of one customer (BG/NBD and MBG/NBD sum the series
    /// of every horizon in one loop, their coefficients being shared). [`customer_value`] takes the monthly
    /// horizons of each distinct `(x, T)` this way. `None` where [`Self::expected_purchases_if_alive`] is.
    ///
    /// # Errors
    /// Per horizon, as for [`Self::expected_purchases_if_alive`].
    fn expected_purchases_if_alive_curve(
        &self,
        t: &[f64],
        frequency: f64,
        age: f64,
    ) -> Option<Vec<Result<f64, ModelError>>> {
        t.iter().map(|&t| self.expected_purchases_if_alive(t, frequency, age)).collect()
    }

    /// `P(alive | x, t_x, T)`: the probability that the customer is still active at the end of observation.
    ///
    /// # Errors
    /// As for [`Self::log_likelihood`].
    fn probability_alive(&self, frequency: f64, recency: f64, age: f64) -> Result<f64, ModelError>;

    /// `P(alive at T + t | x, t_x, T)`: the probability that the customer is still active `t` after the end of
    /// observation (`t = 0`: [`Self::probability_alive`]).
    ///
    /// # Errors
    /// As for [`Self::conditional_expected_purchases`].
    fn probability_alive_at(&self, t: f64, frequency: f64, recency: f64, age: f64) -> Result<f64, ModelError>;

    /// `P(X(t) = n)`: the probability that a new customer makes exactly `n` repeat purchases in `(0, t]`.
    ///
    /// # Errors
    /// As for [`Self::expected_purchases`].
    fn probability_of_purchases(&self, n: u32, t: f64) -> Result<f64, ModelError>;

    /// `P(Y(t) = n | x, t_x, T)`: the probability that a customer with this history makes exactly `n`
    /// purchases in the next `t`.
    ///
    /// # Errors
    /// As for [`Self::probability_of_purchases`] and [`Self::log_likelihood`].
    fn conditional_probability_of_purchases(
        &self,
        n: u32,
        t: f64,
        frequency: f64,
        recency: f64,
        age: f64,
    ) -> Result<f64, ModelError>;

    /// `P(Y(t) = 0 | x, t_x, T)`: the probability that a customer with this history makes no purchase in
    /// the next `t` (dead, or alive and not buying).
    ///
    /// # Errors
    /// As for [`Self::conditional_probability_of_purchases`].
    fn probability_of_no_purchase(&self, t: f64, frequency: f64, recency: f64, age: f64) -> Result<f64, ModelError> {
        self.conditional_probability_of_purchases(0, t, frequency, recency, age)
    }

    /// `E[Y(t_2) - Y(t_1) | x, t_x, T]`: the expected purchases of a customer with this history between
    /// `t_1` and `t_2 >= t_1` from now (the monthly increments of a customer value).
    ///
    /// # Errors
    /// As for [`Self::conditional_expected_purchases`]; [`ModelError::InvalidParameter`] naming `t_2`
    /// when `t_2 < t_1`.
    fn conditional_expected_purchases_between(
        &self,
        t_1: f64,
        t_2: f64,
        frequency: f64,
        recency: f64,
        age: f64,
    ) -> Result<f64, ModelError> {
        if t_2.partial_cmp(&t_1).is_none_or(|o| o == std::cmp::Ordering::Less) {
            return Err(ModelError::InvalidParameter { field: "t_2", value: t_2, allowed: "a horizon >= t_1" });
        }
        let later = self.conditional_expected_purchases(t_2, frequency, recency, age)?;
        let earlier = self.conditional_expected_purchases(t_1, frequency, recency, age)?;
        Ok((later - earlier).max(0.0))
    }
}

/// Checks a horizon `t`: finite, `>= 0` and at most [`MAX_AGE`].
/// The checks of [`PurchaseModel::expected_purchases_if_alive`]: the horizon and the `(x, T)` of a history
/// (any recency in `[0, T]` is valid with them, so 0 stands in for it).
pub(crate) fn check_alive_history(t: f64, frequency: f64, age: f64) -> Result<(), ModelError> {
    check_horizon(t)?;
    data::check_customer(frequency, 0.0, age)
}

pub(crate) fn check_horizon(t: f64) -> Result<(), ModelError> {
    if t.is_finite() && (0.0..=MAX_AGE).contains(&t) {
        Ok(())
    } else {
        Err(ModelError::InvalidParameter { field: "t", value: t, allowed: "a finite horizon in [0, 1e9]" })
    }
}

/// Checks a purchase count `n <= MAX_PURCHASE_COUNT`.
pub(crate) fn check_count(n: u32) -> Result<(), ModelError> {
    if n <= MAX_PURCHASE_COUNT {
        Ok(())
    } else {
        Err(ModelError::InvalidPeriod { field: "n", value: n, allowed: "a number of purchases in 0..=1000000" })
    }
}

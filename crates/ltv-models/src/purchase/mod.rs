//! Non-contractual purchase models ("buy till you die"): customers buy at random and leave silently.
//!
//! - [`PurchaseHistories`]: the data of the continuous-time models, `(x, t_x, T)` per customer, with weights;
//! - [`PurchaseModel`]: the predictions every continuous-time model makes (BG/NBD, MBG/NBD, Pareto/NBD).

pub(crate) mod bg_bb;
pub(crate) mod data;
pub(crate) mod discrete;
pub(crate) mod pareto_nbd;

pub use bg_bb::{BG_BB_MAX_PARAMETER, BG_BB_MIN_PARAMETER, BgBbFit, BgBbFitOptions, BgBbModel};
pub use data::{MAX_AGE, MAX_FREQUENCY, PurchaseHistories};
pub use discrete::{DiscreteHistories, MAX_OPPORTUNITIES};
pub use pareto_nbd::{
    MAX_HORIZON, PARETO_NBD_MAX_PARAMETER, PARETO_NBD_MIN_PARAMETER, ParetoNbdFit, ParetoNbdFitOptions, ParetoNbdModel,
};

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

    /// `P(alive | x, t_x, T)`: the probability that the customer is still active at the end of observation.
    ///
    /// # Errors
    /// As for [`Self::log_likelihood`].
    fn probability_alive(&self, frequency: f64, recency: f64, age: f64) -> Result<f64, ModelError>;

    /// `P(X(t) = n)`: the probability that a new customer makes exactly `n` repeat purchases in `(0, t]`.
    ///
    /// # Errors
    /// As for [`Self::expected_purchases`].
    fn probability_of_purchases(&self, n: u32, t: f64) -> Result<f64, ModelError>;
}

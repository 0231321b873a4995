//! The options of the purchase models' maximum-likelihood fits.

use crate::error::ModelError;

/// The most iterations a purchase-model fit may be asked for (Newton steps; Nelder–Mead adds its own
/// capped steps when Newton stalls).
pub const MAX_FIT_ITERATIONS: u32 = 10_000;

/// Options of a purchase-model fit ([`BgNbdFit::fit`](crate::BgNbdFit::fit) and the other purchase
/// models).
///
/// - `penalty` (`c >= 0`): an L2 penalty on the parameters, the form of lifetimes' `penalizer_coef`: the fit
///   maximises `LL(theta) / N - c * sum_k theta_k^2` (the mean log-likelihood per customer, `N` the sum of
///   the weights, minus `c` times the sum of the squared parameters, in the parameters themselves, not
///   their logs). `0` (the default) is plain maximum likelihood. The reported `log_likelihood` is the
///   unpenalised `LL` at the optimum; the standard errors come from the Hessian of the penalised objective
///   (times `N`).
/// - `start`: starting values of the parameters, in [`Model::PARAMS`](crate::Model::PARAMS) order, each
///   finite and `> 0`; `None` (the default) starts from a moment-based guess.
/// - `max_iterations`: at most this many Newton steps per run, and as many Nelder–Mead steps when Newton
///   stalls (at most 2,000) (`1..=MAX_FIT_ITERATIONS`, default 200): the options bound a fit's work.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PurchaseFitOptions {
    /// The L2 penalty coefficient `c` (see the type's documentation).
    pub penalty: f64,
    /// Starting values, one per parameter, or `None` for the default start.
    pub start: Option<Vec<f64>>,
    /// The most Newton iterations per run.
    pub max_iterations: u32,
}

impl Default for PurchaseFitOptions {
    fn default() -> Self {
        Self { penalty: 0.0, start: None, max_iterations: 200 }
    }
}

impl PurchaseFitOptions {
    /// The default options with L2 penalty `penalty`.
    #[must_use]
    pub fn with_penalty(penalty: f64) -> Self {
        Self { penalty, ..Self::default() }
    }

    /// Checks the options for a model of `n_params` parameters.
    pub(crate) fn validate(&self, n_params: usize) -> Result<(), ModelError> {
        if !(self.penalty.is_finite() && self.penalty >= 0.0) {
            return Err(ModelError::InvalidParameter {
                field: "penalty",
                value: self.penalty,
                allowed: "a finite L2 penalty coefficient >= 0",
            });
        }
        if !(1..=MAX_FIT_ITERATIONS).contains(&self.max_iterations) {
            return Err(ModelError::InvalidPeriod {
                field: "max_iterations",
                value: self.max_iterations,
                allowed: "a number of iterations in 1..=10000",
            });
        }
        if let Some(start) = &self.start {
            if start.len() != n_params {
                return Err(ModelError::InvalidData {
                    field: "start".to_owned(),
                    row: None,
                    reason: format!("got {} values, expected {n_params} (one per parameter)", start.len()),
                });
            }
            for (row, &v) in start.iter().enumerate() {
                if !(v.is_finite() && v > 0.0 && v <= 1e8) {
                    return Err(ModelError::InvalidData {
                        field: "start".to_owned(),
                        row: Some(row),
                        reason: format!("got {}, expected a starting value in (0, 1e8]", crate::Shown(v)),
                    });
                }
            }
        }
        Ok(())
    }
}

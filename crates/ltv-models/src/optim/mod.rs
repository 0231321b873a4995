//! Optimizers for maximum likelihood and penalised regression, for the small, smooth problems of this
//! crate (2 to a few dozen parameters).
//!
//! - [`Objective`]: a function of `dim()` parameters with its gradient and, optionally, Hessian;
//! - [`newton`]: Newton's method with a backtracking (Armijo) line search, in two drivers: [`newton::maximize`]
//!   for likelihoods in transformed (log) parameters, with a modified Hessian, step limits and divergence
//!   detection, and [`newton::minimize`] for strictly convex objectives (the lead scorer's IRLS). The
//!   Cholesky solve lives here, once;
//! - [`nelder_mead`]: the derivative-free simplex method, the fallback when Newton stalls;
//! - [`transform`]: the log transform of positive parameters (and its chain rule) and the search box.
//!
//! **Why our own and not a crate** (e.g. `argmin`): these problems are tiny (an sBG fit is about 2.4 µs,
//! 5 Newton steps on a 2 x 2 system), so the cost of a general framework's per-iteration bookkeeping
//! (boxed state, dynamic dispatch, allocations) would dominate the arithmetic, and the fits must be
//! bit-for-bit reproducible across releases and with the cross-language vectors, which needs control over
//! every operation. The code is about 300 lines with unit tests.
//!
//! This module sits below the models: it imports only [`crate::error`]-free standard code.

pub(crate) mod nelder_mead;
pub(crate) mod newton;
pub(crate) mod transform;

/// The derivatives of an [`Objective`] at a point.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Derivatives {
    /// The function value.
    pub(crate) value: f64,
    /// The gradient, `dim` entries.
    pub(crate) gradient: Vec<f64>,
    /// The Hessian, `dim x dim` row-major, or `None` when not available.
    pub(crate) hessian: Option<Vec<f64>>,
}

/// A smooth function of `dim()` parameters.
pub(crate) trait Objective {
    /// The number of parameters.
    fn dim(&self) -> usize;
    /// The function value at `x` (`dim()` entries); may be `-inf` / `+inf` outside the domain.
    fn value(&self, x: &[f64]) -> f64;
    /// The value, gradient and (if available) Hessian at `x`.
    fn derivatives(&self, x: &[f64]) -> Derivatives;
}

/// How an optimizer run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// The convergence test was met.
    Converged,
    /// Out of iterations, or the line search found no better point away from a stationary point.
    Stalled,
    /// A parameter left the search box (the optimum is at infinity in that coordinate).
    Diverged,
}

/// The result of an optimizer run.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outcome {
    /// The last point.
    pub(crate) x: Vec<f64>,
    /// The iterations taken.
    pub(crate) iterations: u32,
    /// How it ended.
    pub(crate) status: Status,
}

/// The largest absolute entry (`0` for an empty slice).
pub(crate) fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m, x| m.max(x.abs()))
}

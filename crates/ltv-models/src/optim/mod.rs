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
//! **Why our own and not a crate** (e.g. `argmin`): these problems are tiny (an sBG fit is 5 Newton steps
//! on a 2 x 2 system), so a general framework's per-iteration bookkeeping (boxed state, dynamic dispatch,
//! allocations) would dominate the arithmetic: even this generic code, with reused buffers and no
//! allocation per iteration, fits a 12-period cohort in about 2.3 µs against 1.9 µs for the
//! sBG-specific 2-parameter code it replaced (12 staggered cohorts: 2.6 µs against 2.9 µs; criterion,
//! `benches/benches/sbg.rs`, same machine). The fits must also be bit-for-bit reproducible across
//! releases and with the cross-language vectors, which needs control over every operation (the 2 x 2 case
//! keeps the closed forms that the vectors were made with). The code is a few hundred lines with unit
//! tests.
//!
//! This module sits below the models: it imports nothing else of the crate.

pub(crate) mod nelder_mead;
pub(crate) mod newton;
pub(crate) mod transform;

/// The derivatives of an [`Objective`] at a point. The optimizers keep one or two of these per run and
/// let [`Objective::derivatives`] overwrite them, so an iteration allocates nothing (an sBG fit takes
/// about 2 µs: allocations would be a large share of it).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Derivatives {
    /// The function value.
    pub(crate) value: f64,
    /// The gradient, `dim` entries.
    pub(crate) gradient: Vec<f64>,
    /// The Hessian, `dim x dim` row-major; empty when not available.
    pub(crate) hessian: Vec<f64>,
}

impl Derivatives {
    /// Room for the derivatives of `n` parameters.
    pub(crate) fn with_dim(n: usize) -> Self {
        Self { value: 0.0, gradient: Vec::with_capacity(n), hessian: Vec::with_capacity(n * n) }
    }

    /// Sets the value, gradient and Hessian, reusing the allocations.
    #[inline]
    pub(crate) fn set(&mut self, value: f64, gradient: &[f64], hessian: &[f64]) {
        self.value = value;
        self.gradient.clear();
        self.gradient.extend_from_slice(gradient);
        self.hessian.clear();
        self.hessian.extend_from_slice(hessian);
    }
}

/// A smooth function of `dim()` parameters.
pub(crate) trait Objective {
    /// The number of parameters.
    fn dim(&self) -> usize;
    /// The function value at `x` (`dim()` entries); may be `-inf` / `+inf` outside the domain.
    fn value(&self, x: &[f64]) -> f64;
    /// Writes the value, gradient and (if available, else an empty) Hessian at `x` into `out`.
    fn derivatives(&self, x: &[f64], out: &mut Derivatives);
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

//! Special functions, in `f64`.
//!
//! - [`hyp2f1`]: the Gaussian hypergeometric function `2F1(1, b; c; z)` by its power series, with a
//!   rigorous tail bound (the sBG's discounted lifetimes);
//! - [`gamma`]: `ln Γ(x)`, `ln B(a, b)` and the digamma function `ψ(x)` for `x > 0` (the likelihoods of
//!   the purchase models: BG/NBD, MBG/NBD, Pareto/NBD, BG/BB, Gamma-Gamma).
//!
//! **Choice: our own code, no crate.** Each function is a few lines of a textbook series (cited in its
//! docs) with a stated accuracy that the tests check against exact values. Crates such as `statrs` or
//! `special` bring far more than these three functions (and their own dependencies) into a crate whose
//! models need only these; our versions are `O(1)`, allocation-free and within `1e-14` of the truth.
//!
//! - [`jet`]: second-order forward-mode derivatives (value, gradient, Hessian) for the purchase models'
//!   likelihoods; [`hyp2f1_derivatives`]: `2F1(1, b; c; z)` with its derivatives in
//!   `b`, `c` and `z` (the Pareto/NBD likelihood).
//!
//! This module sits at the bottom of the crate: it imports nothing from it.

// ln_gamma / ln_beta / digamma: tested here, first used by the purchase models.
pub(crate) mod distributions;
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) mod gamma;
pub(crate) mod hyp2f1;
pub(crate) mod hyp2f1_derivatives;
pub(crate) mod jet;
pub(crate) mod quadrature;

pub(crate) use gamma::ln_gamma_shift;
pub(crate) use hyp2f1::{SeriesError, hyp2f1_one};

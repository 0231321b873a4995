//! # ltv-models
//!
//! Statistical customer-lifetime models in `f64` (the exact, `Decimal` LTV formulas live in `ltv-core`).
//! This release has Fader & Hardie's **shifted-beta-geometric (sBG)** model of contractual retention:
//!
//! - [`SbgModel`]: survival `S(t)`, retention `r_t`, churn probability `P(T = t)`, expected lifetime
//!   `E[T]`, and the discounted expected lifetime (DEL) and discounted expected residual lifetime (DERL)
//!   that turn a margin per period into a customer lifetime value;
//! - [`SbgFit`]: the maximum-likelihood fit of `alpha` and `beta` to one or several cohorts' survival
//!   counts, with standard errors and a convergence flag;
//! - a versioned [JSON model file](#json-model-files) for both, shared with the Python package;
//! - [`cohort_ltv`]: a cohort's value per acquired customer, its observed margin to date plus the sBG
//!   projection of its tail, finite even under negative net revenue churn.
//! - [`LeadScorer`]: predictive lead scoring, an L2-penalised logistic regression (scikit-learn's
//!   objective) trained by Newton's method, with P(convert), lead value = P x customer LTV, holdout
//!   evaluation ([`auc`], [`log_loss`], [`calibration`], [`holdout_mask`]) and its own JSON model file.
//!
//! Nothing panics and no result is NaN or infinite: every invalid input is a [`ModelError`] that names
//! the field and value and says what is allowed.
//!
//! ## The model
//! A customer pays at the start of each period they are active; at the end of each period they renew
//! with probability `1 - theta`, their own churn probability `theta` being constant over time, and
//! `theta ~ Beta(alpha, beta)` across customers. The lifetime `T >= 1` (periods paid) has
//! `S(t) = P(T > t) = B(alpha, beta + t) / B(alpha, beta)`, so retention
//! `r_t = (beta + t - 1) / (alpha + beta + t - 1)` rises with tenure, as cohorts' retention does. All
//! quantities are computed by the sBG recursions and the series of the Gaussian hypergeometric function
//! `2F1`; no gamma function is needed.
//!
//! References: P. S. Fader and B. G. S. Hardie (2007), "How to Project Customer Retention",
//! *Journal of Interactive Marketing* 21(1), 76–90; P. S. Fader and B. G. S. Hardie (2010),
//! "Customer-Base Valuation in a Contractual Setting: The Perils of Ignoring Heterogeneity",
//! *Marketing Science* 29(1), 85–93.
//!
//! ```
//! use ltv_models::{SbgFit, SbgModel};
//!
//! // Fit the "high end" cohort of Fader & Hardie (2007): 1000 customers, 491 left after 7 renewals.
//! let fit = SbgFit::fit(&[1000, 869, 743, 653, 593, 551, 517, 491])?;
//! assert!((fit.model.alpha() - 0.668).abs() < 1e-3 && (fit.model.beta() - 3.806).abs() < 1e-3);
//!
//! // Fader & Hardie (2010), Table 3: DERL at d = 10 % for a customer with 4 renewals (n = 5).
//! let derl = SbgModel::new(1.0 / 15.0, 4.0 / 15.0)?.discounted_expected_residual_lifetime(0.10, 5)?;
//! assert_eq!((derl * 100.0).round() / 100.0, 10.19);
//!
//! // Save the fit and read it back.
//! let json = fit.to_json()?;
//! assert_eq!(SbgFit::from_json(&json)?, fit);
//! # Ok::<(), ltv_models::ModelError>(())
//! ```
//!
//! ## JSON model files
//! [`SbgModel::to_json`] and [`SbgFit::to_json`] write (and the `serde` impls of both types read and
//! write) one JSON object, format version 1:
//!
//! ```json
//! {
//!   "model": "sbg",
//!   "format_version": 1,
//!   "alpha": 0.7040772984735147,
//!   "beta": 1.182043026209472,
//!   "fit": {
//!     "log_likelihood": -1680.265188463287,
//!     "std_err_alpha": 0.06559896423403709,
//!     "std_err_beta": 0.15247563167590897,
//!     "n_customers": 1000,
//!     "n_cohorts": 1,
//!     "iterations": 5,
//!     "converged": true
//!   }
//! }
//! ```
//!
//! (the fit to Fader & Hardie's 2007 "regular" cohort, pretty-printed; `to_json` writes it on one line.)
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `model` | string | always `"sbg"` ([`SBG_MODEL_TAG`]); other values are rejected |
//! | `format_version` | integer | always `1` ([`FORMAT_VERSION`]); other values are rejected |
//! | `alpha`, `beta` | number | the parameters, finite and `> 0` |
//! | `fit` | object, optional | present for a fit ([`SbgFit`]), absent for a bare model ([`SbgModel`]) |
//! | `fit.log_likelihood` | number | the maximised log-likelihood, finite and `<= 0` |
//! | `fit.std_err_alpha`, `fit.std_err_beta` | number or `null` | standard errors, finite and `> 0`, or `null` when not available |
//! | `fit.n_customers` | integer | customers in all cohorts, `>= fit.n_cohorts` |
//! | `fit.n_cohorts` | integer | cohorts, `>= 1` |
//! | `fit.iterations` | integer | optimizer iterations, `0 ..= 2^32 - 1` |
//! | `fit.converged` | boolean | whether the optimizer converged |
//!
//! Rules for writers (Rust writes them this way; a Python writer must too): keys in any order, numbers
//! as JSON numbers (never strings, never NaN or infinity), `null` only where listed, no other keys.
//! Readers check `model` and `format_version` first, then reject unknown or missing keys, mistyped
//! values and out-of-domain numbers. Floats are written in shortest round-trip form, so reading a file
//! back gives the identical `f64`s. [`SbgModel::from_json`] accepts a file with or without `fit` (and
//! validates `fit` if present); [`SbgFit::from_json`] requires it.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cohort_ltv;
mod error;
mod fit;
mod hyp;
mod json;
mod logistic;
mod sbg;

pub use cohort_ltv::{CohortLtv, CohortLtvAge, CohortLtvOptions, Growth, cohort_ltv};
pub use error::ModelError;
pub use fit::SbgFit;
pub use json::{FORMAT_VERSION, SBG_MODEL_TAG};
pub use logistic::{
    CalibrationBin, ColumnValues, Evaluation, FeatureSpec, LeadColumn, LeadScorer, SCORER_MODEL_TAG, ScorerOptions,
    TrainingStats, auc, calibration, holdout_mask, log_loss,
};
pub use sbg::SbgModel;

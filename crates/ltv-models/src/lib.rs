//! # ltv-models
//!
//! Statistical customer-lifetime models in `f64` (the exact, `Decimal` LTV formulas live in `ltv-core`).
//!
//! ## The families
//!
//! | family | module | models | status |
//! |---|---|---|---|
//! | contractual (subscriptions: who renews) | `contractual` | [`SbgModel`] / [`SbgFit`] (shifted-beta-geometric), [`cohort_ltv`](fn@cohort_ltv) / [`cohort_ltv_table`] (valuation) | available |
//! | spend (how much each purchase is worth) | `spend` | [`GammaGammaModel`] / [`GammaGammaFit`] (Gamma-Gamma) | available |
//! | scoring (leads: who converts) | `scoring` | [`LeadScorer`] (L2-penalised logistic regression) | available |
//! | purchase (non-contractual: who is still buying) | `purchase` | [`BgNbdModel`] / [`BgNbdFit`] (BG/NBD), [`MbgNbdModel`] / [`MbgNbdFit`] (MBG/NBD), [`ParetoNbdModel`] / [`ParetoNbdFit`] (Pareto/NBD), [`BgBbModel`] / [`BgBbFit`] (BG/BB, discrete time, [`DiscreteHistories`]); each draws customers as summaries (`simulate`) or as a transaction log ([`SimulatedTransactions`]) | available |
//! | account health (who is about to churn, and the LTV that follows) | `health` | [`health_features`], [`HealthModel`] (discrete-time hazard on the scorer), [`lift_table`], [`risk_adjusted_ltv`], [`value_at_risk`] | available |
//! | data preparation (transaction logs to per-customer summaries) | `data` | [`rfm_summary`], [`calibration_holdout`] | available |
//!
//! Shared by every family: [`Model`] (tag, format version, named parameters), [`Fit`] (a
//! maximum-likelihood fit of any [`Model`]), the one model-file envelope (`file`), the special functions
//! (`special`: `2F1`, `ln Γ`, `ln B`, `ψ`) and the optimizers (`optim`: `n`-dimensional Newton with a
//! line search, Nelder–Mead, log-parameter transforms).
//!
//! ## Layout and the dependency rule
//!
//! ```text
//! special, optim, random    (bottom: import nothing else of the crate but `error`)
//! merge                     (bottom: identical rows into weights; imports nothing of the crate)
//!   model, fit, file        (import special, optim, error)
//!   data                    (transaction logs to summaries: imports error and ltv-core's calendar only)
//!     contractual, scoring, purchase, spend  (the families: import the layers below, never each other;
//!                           a customer value takes the spend as numbers, so purchase needs no spend)
//!       health              (the one composed family, a layer of its own above `scoring`: its hazard
//!                           model is the scorer's trainer, encoding, metrics and file on account-periods)
//! ```
//!
//! A module imports only modules below it; no family imports another family of its own layer (valuation
//! inside a family, such as `cohort_ltv` using the sBG, stays in that family). So there are no import
//! cycles: no module imports a module that imports it back.
//!
//! ## Adding a model
//!
//! One new file and one registration. For a purchase model, say BG/NBD:
//!
//! 1. write `src/purchase/bg_nbd.rs` with `pub struct BgNbdModel` (its parameters, validated in a `new`),
//!    `impl Model for BgNbdModel` (`TAG = "bg_nbd"`, `FORMAT_VERSION = 1`, `PARAMS = &["r", "alpha", "a",
//!    "b"]`, `params`, `from_params`), its predictions, and its log-likelihood as an
//!    `optim::Objective` in the parameters (value, gradient, Hessian; `special::ln_gamma` and friends);
//!    fit it with `optim::newton::maximize` on `optim::transform::LogParams` and return a
//!    `Fit<BgNbdModel>` (`pub type BgNbdFit = Fit<BgNbdModel>`), its standard errors from
//!    `fit::standard_errors`. The model file (`to_json` / `from_json` / serde) comes with [`Model`] and [`Fit`];
//! 2. register it: `mod bg_nbd;` and `pub use` in `src/purchase/mod.rs` (and `mod purchase;` + `pub use` here
//!    for the first model of the family), then a row in the table above.
//!
//! ## Contractual retention: the sBG
//!
//! Fader & Hardie's **shifted-beta-geometric (sBG)** model of contractual retention:
//!
//! - [`SbgModel`]: survival `S(t)`, retention `r_t`, churn probability `P(T = t)`, expected lifetime
//!   `E[T]`, and the discounted expected lifetime (DEL) and discounted expected residual lifetime (DERL)
//!   that turn a margin per period into a customer lifetime value;
//! - [`SbgFit`]: the maximum-likelihood fit of `alpha` and `beta` to one or several cohorts' survival
//!   counts, with standard errors and a convergence flag;
//! - a versioned [JSON model file](#json-model-files) for both, shared with the Python package;
//! - [`cohort_ltv`](fn@cohort_ltv): a cohort's value per acquired customer, its observed margin to date plus the sBG
//!   projection of its tail, finite even under negative net revenue churn.
//! - [`LeadScorer`]: predictive lead scoring, an L2-penalised logistic regression (scikit-learn's
//!   objective) trained by Newton's method, with P(convert), lead value = P x customer LTV, holdout
//!   evaluation ([`auc`], [`log_loss`], [`calibration`], [`holdout_mask`]) and its own JSON model file.
//!
//! Nothing panics and no result is NaN or infinite: every invalid input is a [`ModelError`] that names
//! the field and value and says what is allowed.
//!
//! ## The model
//! A customer pays at the start of each period they are subscribed (surviving); at the end of each period they renew
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
//! | `model` | string | always `"sbg"` ([`SBG_MODEL_TAG`], [`Model::TAG`]); other values are rejected |
//! | `format_version` | integer | always `1` ([`FORMAT_VERSION`], [`Model::FORMAT_VERSION`]); other values are rejected |
//! | `alpha`, `beta` | number | the parameters, in `[1e-8, 1e8]` ([`MIN_PARAMETER`], [`MAX_PARAMETER`]) |
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
//!
//! Every [`Model`] has this layout: `model` ([`Model::TAG`]), `format_version` (per tag,
//! [`Model::FORMAT_VERSION`]), one number per parameter in [`Model::PARAMS`] order, and an optional `fit`
//! with `std_err_<param>` for each parameter. The lead scorer's file shares the envelope (`model`,
//! `format_version` first, the same header checks) with its own body (see [`LeadScorer::to_json`]).
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod error;
mod file;
mod fit;
mod merge;
mod model;
mod optim;
mod random;
mod special;

mod data;

mod contractual;
mod health;
mod purchase;
mod scoring;
mod spend;

pub use contractual::{
    CohortLtv, CohortLtvAge, CohortLtvOptions, CohortTable, FORMAT_VERSION, Growth, MAX_PARAMETER, MAX_PERIODS,
    MAX_TABLE_AGES, MIN_PARAMETER, SBG_MODEL_TAG, SbgFit, SbgModel, cohort_ltv, cohort_ltv_table,
};
pub use data::{
    CalibrationHoldout, MAX_TRANSACTIONS, MAX_UNIT_MULTIPLE, MAX_VALUE, Recency, RfmOptions, RfmSummary, TimeBase,
    TimeUnit, Transactions, calibration_holdout, rfm_summary,
};
pub use error::{ModelError, Shown};
pub use fit::Fit;
pub use health::{
    AccountPanel, ChurnSignal, HEALTH_FORMAT_VERSION, HEALTH_MODEL_TAG, HealthFeatures, HealthModel, HealthOptions,
    HealthWarning, LABEL_COLUMN, LiftRow, MAX_HALF_LIFE, MAX_HORIZON, MAX_METRICS, MAX_WINDOW, RiskBand, RiskLtv,
    RiskLtvOptions, SyntheticPanel, constant_features, health_features, lift_table, per_period_hazard,
    risk_adjusted_ltv, synthetic_panel, value_at_risk,
};
pub use model::Model;
pub use purchase::{BgBbFit, BgBbModel, DiscreteHistories, MAX_OPPORTUNITIES, ParetoNbdFit, ParetoNbdModel};
pub use purchase::{
    BgNbdFit, BgNbdModel, MAX_AGE, MAX_FIT_ITERATIONS, MAX_FREQUENCY, MAX_PURCHASE_COUNT, MAX_PURCHASE_PARAMETER,
    MAX_SIMULATED_CUSTOMERS, MAX_SIMULATED_PURCHASES, MAX_VALUE_MONTHS, MIN_PURCHASE_PARAMETER, MbgNbdFit, MbgNbdModel,
    PurchaseFitOptions, PurchaseHistories, PurchaseModel, RatePeriod, SimulatedTransactions, ValueConvention,
    ValueOptions, customer_value, customer_value_one,
};
pub use scoring::CoefficientEstimate;
pub use scoring::{
    CalibrationBin, ColumnValues, Evaluation, FeatureSpec, LeadColumn, LeadScorer, MAX_COEFFICIENT,
    MAX_FEATURE_MAGNITUDE, MAX_SCORER_ITERATIONS, MIN_FEATURE_SCALE, SCORER_FORMAT_VERSION, SCORER_MODEL_TAG,
    ScorerOptions, TrainingStats, auc, calibration, holdout_mask, log_loss,
};
pub use special::distributions::{beta_ln_density, beta_quantile, gamma_ln_density, gamma_quantile};
pub use special::hyp2f1::MAX_TERMS as MAX_SERIES_TERMS;
pub use spend::{
    GammaGammaFit, GammaGammaModel, MAX_MONETARY_VALUE, MAX_SPEND_PARAMETER, MIN_SPEND_PARAMETER, SpendFitOptions,
    SpendHistories,
};

/// The README's Rust blocks, compiled and run as doctests of this crate (it sees both `ltv_core` and
/// `ltv_models`), so `cargo test --doc` fails when a README example breaks. Only `cargo test` builds it.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeExamples;

//! The shifted-beta-geometric (sBG) model of contractual retention (Fader & Hardie 2007):
//!
//! - `model`: [`SbgModel`], its predictions and its model file;
//! - `likelihood`: the sufficient statistics of cohort survival counts, the log-likelihood with its
//!   exact gradient and Hessian, as an `optim::Objective`;
//! - `fit`: [`SbgFit`] `= Fit<SbgModel>`, the maximum-likelihood fit.
//!
//! This file only declares and re-exports: `fit` imports `model` and `likelihood`, `model` imports
//! `likelihood`, `likelihood` imports neither.

mod fit;
mod likelihood;
mod model;

pub use fit::SbgFit;
pub use model::{FORMAT_VERSION, MAX_PARAMETER, MAX_PERIODS, MIN_PARAMETER, SBG_MODEL_TAG, SbgModel};

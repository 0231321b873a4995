//! Contractual models: customers who subscribe and whose leaving is observed (renewal decisions).
//!
//! - [`sbg`]: the shifted-beta-geometric model of retention (Fader & Hardie 2007), [`SbgModel`] and
//!   its fit [`SbgFit`];
//! - [`cohort_ltv`](mod@cohort_ltv): valuation, a cohort's observed margin plus the sBG projection of its tail.

pub(crate) mod cohort_ltv;
pub(crate) mod sbg;

pub use cohort_ltv::{CohortLtv, CohortLtvAge, CohortLtvOptions, Growth, cohort_ltv};
pub use sbg::{FORMAT_VERSION, SBG_MODEL_TAG, SbgFit, SbgModel};

//! Contractual models: customers who subscribe and whose leaving is observed (renewal decisions).
//!
//! - [`sbg`]: the shifted-beta-geometric model of retention (Fader & Hardie 2007), [`SbgModel`] and
//!   its fit [`SbgFit`];
//! - [`cohort_ltv`](mod@cohort_ltv): valuation, a cohort's observed margin plus the sBG projection of its tail,
//!   and [`cohort_table`] the same for every cohort of a long cohort table.

pub(crate) mod cohort_ltv;
pub(crate) mod cohort_table;
pub(crate) mod sbg;

pub use cohort_ltv::{CohortLtv, CohortLtvAge, CohortLtvOptions, Growth, cohort_ltv};
pub use cohort_table::{CohortTable, MAX_TABLE_AGES, cohort_ltv_table};
pub use sbg::{FORMAT_VERSION, MAX_PARAMETER, MAX_PERIODS, MIN_PARAMETER, SBG_MODEL_TAG, SbgFit, SbgModel};

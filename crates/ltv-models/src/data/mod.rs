//! Data preparation: from a log of transactions to the per-customer summaries the purchase models fit.
//!
//! - [`rfm_summary`]: one row per customer, frequency `x` (repeat purchases), recency `t_x`, age `T` and
//!   the mean value of the repeat purchases, from `(customer, time, value)` rows in any order;
//! - [`calibration_holdout`]: the same over a calibration period, plus each customer's purchases in the
//!   holdout period that follows it.
//!
//! Both run on one engine (`group`): every row's time is mapped to a period of the chosen unit, rows are
//! grouped by customer (a counting sort on compact customer codes), and each customer's periods are sorted
//! and merged in parallel. The time conventions are documented on [`RfmOptions`].
//!
//! This module sits below the model families: it imports `error` and `ltv-core`'s calendar only.

mod group;
mod holdout;
mod rfm;

/// The largest repeat-purchase count a row may have (`frequency`), so that `ln Γ(r + x)` and friends stay
/// finite and accurate and no loop over purchases can run long. Defined here, below the families, because
/// the purchase models and the Gamma-Gamma spend model (which never import each other) both check it.
pub const MAX_FREQUENCY: f64 = 1e7;

pub use holdout::{CalibrationHoldout, calibration_holdout};
pub use rfm::{
    MAX_TRANSACTIONS, MAX_UNIT_MULTIPLE, MAX_VALUE, Recency, RfmOptions, RfmSummary, TimeBase, TimeUnit, Transactions,
    rfm_summary,
};

//! Account health: behavioural features from an account-period panel, a discrete-time churn hazard model
//! (the lead scorer's regularised logistic regression on account-period rows), a lift table with
//! confidence intervals, and the risk-adjusted LTV that follows from each account's own hazard.
//!
//! Imports run one way: `panel` (validation) <- `features` <- `hazard` (uses `scoring`) <- `lift`,
//! `value`; `synthetic` generates panels for tests and demos. This family is a layer above `scoring`
//! (see the crate's dependency rule): it reuses the scorer's trainer, encoding, metrics and file, so
//! that a health model and a lead scorer share one implementation of each; `scoring` never imports it.

mod features;
mod hazard;
mod lift;
mod panel;
mod synthetic;
mod value;

pub use features::{ChurnSignal, HealthFeatures, HealthOptions, MAX_HORIZON, MAX_METRICS, MAX_WINDOW, health_features};
pub use hazard::{
    HEALTH_FORMAT_VERSION, HEALTH_MODEL_TAG, HealthModel, HealthWarning, LABEL_COLUMN, constant_features,
    per_period_hazard,
};
pub use lift::{LiftRow, lift_table};
pub use panel::AccountPanel;
pub use synthetic::{SyntheticPanel, synthetic_panel};
pub use value::{MAX_HALF_LIFE, RiskBand, RiskLtv, RiskLtvOptions, risk_adjusted_ltv, value_at_risk};

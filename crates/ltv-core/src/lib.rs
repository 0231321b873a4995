//! # ltv-core
//!
//! Typed, validated, exact customer and lead lifetime value (LTV) and the unit economics around it:
//! SaaS, subscription and purchase LTV, discounted and horizon-capped LTV, LTV:CAC and CAC payback, lead LTV,
//! and MRR movements.
//!
//! - **Cohorts** ([`cohort`]): revenue cohort tables from `(customer, period, revenue)` rows: logo, net and
//!   gross revenue retention by cohort and age, MRR movements per period, realised value and CAC payback.
//!
//! - **Exact.** Money and rates are [`Decimal`]: a finance team gets the same cents as its spreadsheet.
//!   Every formula is generic over [`Number`], so the same code (and the same validation) also runs on `f64`
//!   at column speed; that is what the Python vectorised API calls.
//! - **Typed and validated.** Inputs are newtypes checked on construction and on deserialization:
//!   [`Money`] `>= 0`, [`Fraction`] in `[0, 1]` (80 is rejected with "did you mean 0.8?"), [`Churn`] with its
//!   [`Period`] and [`ChurnBasis`], [`DiscountRate`] converted between annual and monthly by compounding,
//!   [`Months`], [`Days`], [`Ratio`].
//! - **Never silent.** Every input that cannot be valued is an [`LtvError`] naming the field and value:
//!   zero churn, net negative churn, a diverging discounted sum, overflow. No result is ever infinite or NaN,
//!   and no input panics.
//! - **Leads.** Segment and channel tables with beta-binomial shrinkage of small-sample conversion rates and a
//!   spread warning carried as data ([`segment_table`]), lead cohorts by month ([`lead_cohorts`]), one lead
//!   valued step by step ([`explain_lead_value`]), account value for account-based marketing ([`account_value`]),
//!   campaign comparison ([`compare_campaigns`]) and reference figures with their sources ([`benchmarks`]).
//!
//! ## Conventions
//! - Formulas work in **months**. Annual churn `a` becomes `1 - (1 - a)^(1/12)` a month; an annual discount
//!   rate `a` becomes `(1 + a)^(1/12) - 1` (10 %/yr is 0.797414 %/month, not 0.10 / 12).
//! - Discounted formulas take a [`PaymentTiming`]; the default is start of period (billed in advance).
//! - Results are unrounded `Decimal`s (28 significant digits); round for display with `round_dp(2)`.
//!
//! ## In your crate
//! `ltv-core` is the only dependency you need: the crate re-exports [`Decimal`] and has its own
//! [`dec!`] literal macro (checked at compile time), so the examples below compile as written in a downstream
//! crate, with no `rust_decimal` or `rust_decimal_macros` line in its `Cargo.toml`. Every quantity has a
//! `*_named` constructor ([`Money::named`], [`Churn::monthly_named`], [`DiscountRate::annual_named`], ...) so
//! that its errors name your field in one call.
//!
//! ```
//! use ltv_core::{
//!     Churn, Decimal, Fraction, HealthBands, LtvError, Money, Ratio, dec, ltv_cac_ratio, max_cac, saas_ltv,
//! };
//!
//! fn main() -> Result<(), LtvError> {
//!     let ltv = saas_ltv(
//!         Money::named("arpu", dec!(500))?,                // ARPU, EUR 500 a month
//!         Fraction::named("gross_margin", dec!(0.80))?,    // 80 % gross margin
//!         Churn::monthly_named("monthly_churn", dec!(0.03))?, // 3 % monthly logo churn
//!     )?;
//!     assert_eq!(ltv.round_dp(2), dec!(13_333.33)); // EUR 13,333.33
//!     let cac = max_cac(Money::new(ltv)?, Ratio::new(dec!(3))?)?;
//!     assert_eq!(cac.round_dp(2), dec!(4_444.44)); // EUR 4,444.44 at 3:1
//!     let health = ltv_cac_ratio(Money::new(ltv)?, Money::new(cac)?, HealthBands::default())?;
//!     assert_eq!(health.ratio, Decimal::from(3));
//!
//!     // The error names the field given to the constructor.
//!     let err = Churn::monthly_named("monthly_churn", dec!(3)).unwrap_err();
//!     assert_eq!(
//!         err.to_string(),
//!         "monthly_churn = 3 is out of range: expected a churn rate in [0, 1]; did you mean 0.03?"
//!     );
//!     Ok(())
//! }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// Quantities: the validated inputs (one folder, `quantity/`).
pub mod quantity;

// Formulas, one file per family.
mod discounted;
mod ltv_cac;
mod mrr;
mod payback;
mod purchase;
mod saas;
mod subscription;

// The column engine: every formula over whole f64 columns.
pub mod columns;

// Tables.
pub mod attribution;
pub mod billing;
pub mod cohort;
pub mod leads;

// Errors and number types.
mod error;
mod number;

// The `dec!` macro (exported at the crate root by `#[macro_export]`).
mod dec;

/// The exact decimal type of every `Decimal` input and result (`rust_decimal`'s), re-exported so that a crate
/// depending on `ltv-core` alone can name it. Write literals with [`dec!`].
pub use rust_decimal::Decimal;

/// What the [`dec!`] macro expands to; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use crate::dec::decimal_from_literal;
}

// Inputs.
pub use quantity::{
    Churn, ChurnBasis, Days, DiscountRate, Fraction, Money, Months, Period, Ratio, annual_to_monthly_rate,
};

// Errors and number types.
pub use error::{LtvError, Result, RowError};
pub use number::{Checked, Checks, FirstError, Mask, Number};

// Formulas.
pub use discounted::{DEFAULT_RETENTION_PERIOD, PaymentTiming, discounted_ltv, retention_cltv};
pub use ltv_cac::{
    DEFAULT_HEALTHY_MAX, DEFAULT_HEALTHY_MIN, DEFAULT_TARGET_RATIO, HealthBand, HealthBands, LtvCacRatio,
    ltv_cac_ratio, max_cac,
};
pub use mrr::{MrrMovements, logo_churn_rate};
pub use payback::{CacPayback, DEFAULT_PAYBACK_TARGET_MONTHS, cac_payback_months};
pub use purchase::purchase_ltv;
pub use saas::saas_ltv;
pub use subscription::{lifespan_from_churn, subscription_ltv};

// Lead valuation (the `leads` module), re-exported at the root: one lead's value, segment tables,
// shrinkage, lead cohorts, one lead explained, accounts, campaigns and reference figures.
pub use leads::benchmarks;
pub use leads::value::{
    DEFAULT_ANNUAL_DISCOUNT_RATE_PERCENT, DEFAULT_DISCOUNT_AFTER_MONTHS, DEFAULT_ZOMBIE_AFTER_DAYS,
};
/// The former name of [`explain_lead_value`] (conversion probability first).
#[allow(deprecated)]
pub use leads::value_lead;
pub use leads::{
    AccountRules, AccountValuation, CampaignRanking, CampaignRow, DEFAULT_PRIOR_STRENGTH, LeadCohortObservation,
    LeadCohortRow, LeadObservation, LeadRules, LeadStep, LeadStepKind, LeadValuation, LeadWarning, LtvBasis, PriorRate,
    SegmentOptions, SegmentRow, SegmentTable, Shrinkage, WarningKind, account_value, bid_cap, campaign_value,
    compare_campaigns, explain_lead_value, lead_cohorts, lead_ltv, lead_value, net_lead_ltv, present_value_lead_ltv,
    raw_conversion_rate, segment_table, shrunk_conversion_rate,
};

pub use leads::{
    AcquiredCustomer, ChannelMargin, ChannelRoasRow, ChannelSpend, MAX_PAYBACK_MONTHS, RoasOptions,
    SufficiencyObservation, SufficiencyOptions, channel_roas, sufficiency_warnings,
};

/// The former root name of [`LeadCohortRow`] (it clashed with [`cohort::CohortRow`]).
#[deprecated(since = "0.2.0", note = "renamed LeadCohortRow (cohort::CohortRow is the revenue cohort row)")]
pub type CohortRow<T = Decimal> = LeadCohortRow<T>;
/// The former root name of [`LeadCohortObservation`].
#[deprecated(since = "0.2.0", note = "renamed LeadCohortObservation")]
pub type CohortObservation<T = Decimal> = LeadCohortObservation<T>;

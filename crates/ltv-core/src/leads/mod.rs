//! Lead valuation: what a lead is worth before it converts.
//!
//! - [`value`]: one lead's formulas: lead LTV = P(convert) x customer LTV, net and present-value
//!   lead LTV, the zombie rule ([`LeadRules`]), campaign value and bid cap;
//! - [`explain`]: one lead valued step by step ([`explain_lead_value`], [`LeadValuation::explain`]);
//! - [`segments`]: segment and channel tables with LTV:CPL, health bands and warnings
//!   ([`segment_table`]);
//! - [`shrinkage`]: beta-binomial shrinkage of small-sample conversion rates;
//! - [`cohorts`]: lead LTV by channel and acquisition month ([`lead_cohorts`]);
//! - [`account`]: account value for account-based marketing ([`account_value`]);
//! - [`campaigns`]: campaigns ranked by value ([`compare_campaigns`]);
//! - [`roas`]: short-window and LTV-based ROAS and payback by channel ([`channel_roas`]);
//! - [`sufficiency`]: data-sufficiency warnings of a segment table ([`sufficiency_warnings`]);
//! - [`benchmarks`]: reference figures with their sources.
//!
//! Everything here is also re-exported at the crate root (`ltv_core::segment_table` and
//! `ltv_core::leads::segment_table` are the same function).

pub mod account;
pub mod benchmarks;
pub mod campaigns;
pub mod cohorts;
pub mod explain;
pub mod roas;
pub mod segments;
pub mod shrinkage;
pub mod sufficiency;
pub mod value;

pub use account::{AccountRules, AccountValuation, account_value};
pub use campaigns::{CampaignRanking, CampaignRow, compare_campaigns};
pub use cohorts::{LeadCohortObservation, LeadCohortRow, lead_cohorts};
#[allow(deprecated)]
pub use explain::value_lead;
pub use explain::{LeadStep, LeadStepKind, LeadValuation, explain_lead_value};
pub use roas::{
    AcquiredCustomer, ChannelMargin, ChannelRoasRow, ChannelSpend, MAX_PAYBACK_MONTHS, RoasOptions, channel_roas,
};
pub use segments::{
    LeadObservation, LeadWarning, LtvBasis, SegmentOptions, SegmentRow, SegmentTable, WarningKind, segment_table,
};
pub use shrinkage::{DEFAULT_PRIOR_STRENGTH, PriorRate, Shrinkage, raw_conversion_rate, shrunk_conversion_rate};
pub use sufficiency::{SufficiencyObservation, SufficiencyOptions, sufficiency_warnings};
pub use value::{LeadRules, bid_cap, campaign_value, lead_ltv, lead_value, net_lead_ltv, present_value_lead_ltv};

pub use crate::error::RowError;

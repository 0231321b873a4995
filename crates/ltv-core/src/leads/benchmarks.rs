//! Reference figures (conversion rates, cost per lead, LTV bands, LTV:CAC, CAC payback) as data, each with
//! its source, usable as priors ([`crate::PriorRate::Fixed`]) and as context for a segment table.
//!
//! Sources are named only where one was found; the rest say that the original publisher was not verified.
//! Figures vary by year, region and definition of a "lead": use them as priors and sanity checks, and prefer
//! your own data where you have enough of it.

use rust_decimal::Decimal;

use crate::quantity::Fraction;

/// The source of the figures whose original publisher could not be verified.
pub const UNVERIFIED_SOURCE: &str =
    "industry benchmark compilation cited in ltv issue #5; original publisher not verified";

/// One reference figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Benchmark {
    /// What is measured: `"conversion_rate"`, `"cost_per_lead"`, `"customer_ltv_min"`, `"customer_ltv_max"`,
    /// `"median_ltv_cac"`, `"healthy_ltv_cac_min"`, `"healthy_ltv_cac_max"` or `"cac_payback_target"`.
    pub metric: &'static str,
    /// The segment or industry, e.g. `"saas"`, `"technology"`, `"smb"`, or `"all"`.
    pub segment: &'static str,
    /// The figure (a fraction for rates: 0.017 is 1.7 %).
    pub value: Decimal,
    /// `"fraction"`, `"usd"`, `"ratio"` or `"months"`.
    pub unit: &'static str,
    /// Who publishes it, or [`UNVERIFIED_SOURCE`].
    pub source: &'static str,
    /// The year of the figure, when known.
    pub year: Option<u16>,
}

const SKOK: &str = "3:1 rule attributed to David Skok (forEntrepreneurs.com, SaaS metrics) as reported by \
                    https://www.scaleon.com/insights/ltv-cac-ratio-benchmark; original not checked";

const fn fig(metric: &'static str, segment: &'static str, value: Decimal, unit: &'static str) -> Benchmark {
    Benchmark { metric, segment, value, unit, source: UNVERIFIED_SOURCE, year: None }
}

/// Every reference figure.
///
/// ```
/// use ltv_core::benchmarks;
/// use ltv_core::Decimal;
/// let saas = benchmarks::find("conversion_rate", "saas").map(|b| b.value);
/// assert_eq!(saas, Some(Decimal::new(17, 3)));
/// assert!(benchmarks::all().iter().all(|b| !b.source.is_empty()));
/// ```
#[must_use]
pub fn all() -> Vec<Benchmark> {
    vec![
        fig("conversion_rate", "saas", Decimal::from_parts(17, 0, 0, false, 3), "fraction"),
        fig("conversion_rate", "b2b_services", Decimal::from_parts(30, 0, 0, false, 3), "fraction"),
        fig("cost_per_lead", "technology", Decimal::from_parts(208, 0, 0, false, 0), "usd"),
        fig("cost_per_lead", "healthcare", Decimal::from_parts(126, 0, 0, false, 0), "usd"),
        fig("cost_per_lead", "marketing_agencies", Decimal::from_parts(172, 0, 0, false, 0), "usd"),
        fig("customer_ltv_min", "smb", Decimal::from_parts(5_000, 0, 0, false, 0), "usd"),
        fig("customer_ltv_max", "smb", Decimal::from_parts(15_000, 0, 0, false, 0), "usd"),
        fig("customer_ltv_min", "mid_market", Decimal::from_parts(25_000, 0, 0, false, 0), "usd"),
        fig("customer_ltv_max", "mid_market", Decimal::from_parts(75_000, 0, 0, false, 0), "usd"),
        fig("customer_ltv_min", "enterprise", Decimal::from_parts(100_000, 0, 0, false, 0), "usd"),
        fig("median_ltv_cac", "smb", Decimal::from_parts(28, 0, 0, false, 1), "ratio"),
        fig("median_ltv_cac", "mid_market", Decimal::from_parts(35, 0, 0, false, 1), "ratio"),
        fig("median_ltv_cac", "enterprise", Decimal::from_parts(45, 0, 0, false, 1), "ratio"),
        Benchmark {
            source: SKOK,
            ..fig("healthy_ltv_cac_min", "all", Decimal::from_parts(3, 0, 0, false, 0), "ratio")
        },
        fig("healthy_ltv_cac_max", "all", Decimal::from_parts(5, 0, 0, false, 0), "ratio"),
        fig("cac_payback_target", "all", Decimal::from_parts(18, 0, 0, false, 0), "months"),
    ]
}

/// The figure for `metric` and `segment`, if there is one.
#[must_use]
pub fn find(metric: &str, segment: &str) -> Option<Benchmark> {
    all().into_iter().find(|b| b.metric == metric && b.segment == segment)
}

/// The benchmark lead-to-customer conversion rate of `segment` (`"saas"`, `"b2b_services"`), as a prior.
///
/// ```
/// use ltv_core::{benchmarks, PriorRate, Shrinkage};
/// use ltv_core::Decimal;
/// let prior = benchmarks::conversion_rate("saas").map(PriorRate::Fixed);
/// let shrinkage = Shrinkage::new(Decimal::new(20, 0), prior.unwrap_or(PriorRate::Blended))?;
/// assert_eq!(shrinkage.resolve_prior(Decimal::ONE), Decimal::new(17, 3));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
#[must_use]
pub fn conversion_rate(segment: &str) -> Option<Fraction> {
    find("conversion_rate", segment).and_then(|b| Fraction::named("conversion_rate", b.value).ok())
}

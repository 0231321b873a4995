//! The formulas of the crate as column [`Formula`]s: each validates its inputs as the scalar API's
//! quantities do (same fields, same order, same errors) and calls the formula's one body.

use crate::discounted::{PaymentTiming, discounted_ltv_with, retention_cltv_with};
use crate::error::LtvError;
use crate::leads::LeadRules;
use crate::leads::value::{
    bid_cap_with, campaign_value_with, lead_ltv_with, lead_value_with, net_lead_ltv_with, present_value_lead_ltv_with,
};
use crate::ltv_cac::{HealthBands, ltv_cac_ratio_with, max_cac_with};
use crate::mrr::{MrrMovements, logo_churn_rate_with};
use crate::number::Checks;
use crate::payback::cac_payback_months_with;
use crate::purchase::purchase_ltv_with;
use crate::quantity::discount::annual_to_monthly_rate_with;
use crate::quantity::validate::invalid;
use crate::quantity::{Churn, ChurnBasis, Days, DiscountRate, Fraction, Money, Months, Period, Ratio};
use crate::saas::saas_ltv_with;
use crate::subscription::{lifespan_from_churn_with, subscription_ltv_with};

use super::Formula;

/// A whole count from 0 to `u32::MAX` stored in a float column (customers, leads), checked without a branch.
#[inline(always)]
fn count<C: Checks>(c: &mut C, field: &'static str, x: f64) -> Result<f64, C::Error> {
    const MAX: f64 = u32::MAX as f64;
    // Adding and subtracting 2^52 rounds a value in [0, 2^52) to a whole number (round to nearest), so it
    // is unchanged exactly when it is whole: a branch-free test that vectorises (a float-to-int cast does
    // not, on SSE2). Outside [0, MAX] the range test decides.
    const ROUND: f64 = 4_503_599_627_370_496.0;
    let whole = (x + ROUND) - ROUND == x;
    // `&` of comparisons, not `RangeInclusive::contains`: one branch-free mask per lane.
    #[allow(clippy::manual_range_contains)]
    c.require(x.is_finite() & (x >= 0.0) & (x <= MAX) & whole, || {
        if x.is_finite() {
            invalid(field, x, "a whole number from 0 to 4294967295")
        } else {
            LtvError::NotFinite { field, value: x.to_string() }
        }
    })?;
    Ok(x)
}

/// [`purchase_ltv`](crate::purchase_ltv): `average_purchase_value x purchase_frequency x customer_lifespan`
/// (x `gross_margin` when `has_margin`; the margin column is ignored otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PurchaseLtv {
    /// Whether the fourth column is a gross margin to apply.
    pub has_margin: bool,
}

impl Formula<4> for PurchaseLtv {
    fn fields(&self) -> [&'static str; 4] {
        ["average_purchase_value", "purchase_frequency", "customer_lifespan", "gross_margin"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [apv, freq, life, gm]: [f64; 4]) -> Result<f64, C::Error> {
        let margin = if self.has_margin { Some(Fraction::check(c, "gross_margin", gm)?) } else { None };
        let apv = Money::check(c, "average_purchase_value", apv)?;
        purchase_ltv_with(c, apv, freq, life, margin)
    }
}

/// [`subscription_ltv`](crate::subscription_ltv): `average_monthly_revenue x lifespan_months`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SubscriptionLtv;

impl Formula<2> for SubscriptionLtv {
    fn fields(&self) -> [&'static str; 2] {
        ["average_monthly_revenue", "lifespan_months"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [r, m]: [f64; 2]) -> Result<f64, C::Error> {
        let r = Money::check(c, "average_monthly_revenue", r)?;
        let m = Months::check(c, "lifespan_months", m)?;
        subscription_ltv_with(c, r, m)
    }
}

/// [`lifespan_from_churn`](crate::lifespan_from_churn) of a monthly churn column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LifespanFromChurn {
    /// What the churn counts.
    pub churn_basis: ChurnBasis,
}

impl Formula<1> for LifespanFromChurn {
    fn fields(&self) -> [&'static str; 1] {
        ["monthly_churn"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [churn]: [f64; 1]) -> Result<f64, C::Error> {
        let churn = Churn::check(c, "monthly_churn", churn, Period::Monthly, self.churn_basis)?;
        Ok(lifespan_from_churn_with(c, churn)?.get())
    }
}

/// [`saas_ltv`](crate::saas_ltv): `arpu x gross_margin / monthly_churn`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SaasLtv {
    /// What the churn counts.
    pub churn_basis: ChurnBasis,
}

impl Formula<3> for SaasLtv {
    fn fields(&self) -> [&'static str; 3] {
        ["arpu", "gross_margin", "monthly_churn"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [a, g, m]: [f64; 3]) -> Result<f64, C::Error> {
        let arpu = Money::check(c, "arpu", a)?;
        let margin = Fraction::check(c, "gross_margin", g)?;
        let churn = Churn::check(c, "monthly_churn", m, Period::Monthly, self.churn_basis)?;
        saas_ltv_with(c, arpu, margin, churn)
    }
}

/// [`Churn::monthly_rate`] of an annual churn column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MonthlyChurnFromAnnual {
    /// What the churn counts.
    pub churn_basis: ChurnBasis,
}

impl Formula<1> for MonthlyChurnFromAnnual {
    fn fields(&self) -> [&'static str; 1] {
        ["annual_churn"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [a]: [f64; 1]) -> Result<f64, C::Error> {
        Churn::check(c, "annual_churn", a, Period::Annual, self.churn_basis)?.monthly_rate_with(c)
    }
}

/// [`annual_to_monthly_rate`](crate::annual_to_monthly_rate) of an annual discount rate column in `[0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AnnualToMonthlyRate;

impl Formula<1> for AnnualToMonthlyRate {
    fn fields(&self) -> [&'static str; 1] {
        ["annual_rate"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [a]: [f64; 1]) -> Result<f64, C::Error> {
        let rate = DiscountRate::check(c, "annual_rate", a, Period::Annual)?;
        annual_to_monthly_rate_with(c, rate.rate(), "annual_rate")
    }
}

/// [`discounted_ltv`](crate::discounted_ltv) of `monthly_margin`, `monthly_churn` and a discount rate column
/// for `discount_period` (named `annual_discount_rate` or `monthly_discount_rate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DiscountedLtv {
    /// What the churn counts.
    pub churn_basis: ChurnBasis,
    /// The period the discount rate column is quoted for.
    pub discount_period: Period,
    /// When payments fall.
    pub timing: PaymentTiming,
    /// A horizon in months for every row (`None`: perpetual).
    pub horizon_months: Option<u32>,
}

impl DiscountedLtv {
    fn rate_field(&self) -> &'static str {
        match self.discount_period {
            Period::Annual => "annual_discount_rate",
            Period::Monthly => "monthly_discount_rate",
        }
    }
}

impl Formula<3> for DiscountedLtv {
    fn fields(&self) -> [&'static str; 3] {
        ["monthly_margin", "monthly_churn", self.rate_field()]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [m, ch, d]: [f64; 3]) -> Result<f64, C::Error> {
        let margin = Money::check(c, "monthly_margin", m)?;
        let churn = Churn::check(c, "monthly_churn", ch, Period::Monthly, self.churn_basis)?;
        let rate = DiscountRate::check(c, self.rate_field(), d, self.discount_period)?;
        discounted_ltv_with(c, margin, churn, rate, self.timing, self.horizon_months)
    }
}

/// [`retention_cltv`](crate::retention_cltv) over `periods` periods of length `period`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RetentionCltv {
    /// How many periods to sum.
    pub periods: u32,
    /// The period of the revenue, retention and discount rate columns.
    pub period: Period,
    /// When payments fall.
    pub timing: PaymentTiming,
}

impl Formula<4> for RetentionCltv {
    fn fields(&self) -> [&'static str; 4] {
        ["revenue", "gross_margin", "retention", "discount_rate"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [r, g, k, d]: [f64; 4]) -> Result<f64, C::Error> {
        let revenue = Money::check(c, "revenue", r)?;
        let margin = Fraction::check(c, "gross_margin", g)?;
        let retention = Fraction::check(c, "retention", k)?;
        let rate = DiscountRate::check(c, "discount_rate", d, self.period)?;
        retention_cltv_with(c, revenue, margin, retention, rate, self.periods, self.period, self.timing)
    }
}

/// The ratio of [`ltv_cac_ratio`](crate::ltv_cac_ratio): `ltv / cac`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LtvCac;

impl Formula<2> for LtvCac {
    fn fields(&self) -> [&'static str; 2] {
        ["ltv", "cac"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [l, a]: [f64; 2]) -> Result<f64, C::Error> {
        let ltv = Money::check(c, "ltv", l)?;
        let cac = Money::check(c, "cac", a)?;
        ltv_cac_ratio_with(c, ltv, cac)
    }
}

/// The [`HealthBand`](crate::HealthBand) of a ratio column as a code: 0 overspending, 1 healthy,
/// 2 under-investing. A ratio must be a finite value `>= 0`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LtvCacBand {
    /// The healthy band.
    pub bands: HealthBands<f64>,
}

impl Formula<1> for LtvCacBand {
    fn fields(&self) -> [&'static str; 1] {
        ["ratio"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [r]: [f64; 1]) -> Result<f64, C::Error> {
        let ratio = Money::check(c, "ratio", r)?;
        Ok(self.bands.band_code(ratio.get()))
    }
}

/// [`max_cac`](crate::max_cac): `ltv / target_ratio`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MaxCac;

impl Formula<2> for MaxCac {
    fn fields(&self) -> [&'static str; 2] {
        ["ltv", "target_ratio"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [l, t]: [f64; 2]) -> Result<f64, C::Error> {
        let ltv = Money::check(c, "ltv", l)?;
        let target = Ratio::check(c, "target_ratio", t)?;
        max_cac_with(c, ltv, target)
    }
}

/// The months of [`cac_payback_months`](crate::cac_payback_months) (`target_months` is validated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CacPaybackMonths;

impl Formula<4> for CacPaybackMonths {
    fn fields(&self) -> [&'static str; 4] {
        ["cac", "arpu", "gross_margin", "target_months"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [a, r, g, t]: [f64; 4]) -> Result<f64, C::Error> {
        let cac = Money::check(c, "cac", a)?;
        let arpu = Money::check(c, "arpu", r)?;
        let margin = Fraction::check(c, "gross_margin", g)?;
        Months::check(c, "target_months", t)?;
        cac_payback_months_with(c, cac, arpu, margin)
    }
}

/// [`lead_ltv`](crate::lead_ltv): `customer_ltv x conversion_rate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LeadLtv;

impl Formula<2> for LeadLtv {
    fn fields(&self) -> [&'static str; 2] {
        ["customer_ltv", "conversion_rate"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [l, r]: [f64; 2]) -> Result<f64, C::Error> {
        let ltv = Money::check(c, "customer_ltv", l)?;
        let rate = Fraction::check(c, "conversion_rate", r)?;
        lead_ltv_with(c, ltv, rate)
    }
}

/// [`net_lead_ltv`](crate::net_lead_ltv).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NetLeadLtv;

impl Formula<5> for NetLeadLtv {
    fn fields(&self) -> [&'static str; 5] {
        ["customer_ltv", "conversion_rate", "cac", "nurture_cost", "time_factor"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [l, r, a, n, t]: [f64; 5]) -> Result<f64, C::Error> {
        let ltv = Money::check(c, "customer_ltv", l)?;
        let rate = Fraction::check(c, "conversion_rate", r)?;
        let cac = Money::check(c, "cac", a)?;
        let nurture = Money::check(c, "nurture_cost", n)?;
        net_lead_ltv_with(c, ltv, rate, cac, nurture, t)
    }
}

#[inline(always)]
fn rules<C: Checks>(c: &mut C, rate: f64, after: f64, zombie: f64) -> Result<LeadRules<f64>, C::Error> {
    Ok(LeadRules::new(
        DiscountRate::check(c, "annual_discount_rate", rate, Period::Annual)?,
        Months::check(c, "discount_after_months", after)?,
        Days::check(c, "zombie_after_days", zombie)?,
    ))
}

/// [`present_value_lead_ltv`](crate::present_value_lead_ltv) with an annual discount rate and
/// `discount_after_months` per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PresentValueLeadLtv;

impl Formula<5> for PresentValueLeadLtv {
    fn fields(&self) -> [&'static str; 5] {
        ["customer_ltv", "conversion_rate", "months_to_close", "annual_discount_rate", "discount_after_months"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [l, r, m, d, a]: [f64; 5]) -> Result<f64, C::Error> {
        let ltv = Money::check(c, "customer_ltv", l)?;
        let rate = Fraction::check(c, "conversion_rate", r)?;
        let months = Months::check(c, "months_to_close", m)?;
        let rules = rules(c, d, a, 180.0)?;
        present_value_lead_ltv_with(c, ltv, rate, months, rules, false)
    }
}

/// [`lead_value`](crate::lead_value) (zero for a zombie lead) with the lead rules per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LeadValue;

impl Formula<7> for LeadValue {
    fn fields(&self) -> [&'static str; 7] {
        [
            "customer_ltv",
            "conversion_probability",
            "months_to_close",
            "days_since_engagement",
            "annual_discount_rate",
            "discount_after_months",
            "zombie_after_days",
        ]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [l, p, m, e, d, a, z]: [f64; 7]) -> Result<f64, C::Error> {
        let ltv = Money::check(c, "customer_ltv", l)?;
        let probability = Fraction::check(c, "conversion_probability", p)?;
        let months = Months::check(c, "months_to_close", m)?;
        let days = Days::check(c, "days_since_engagement", e)?;
        let rules = rules(c, d, a, z)?;
        lead_value_with(c, ltv, probability, months, days, rules)
    }
}

/// [`campaign_value`](crate::campaign_value): `leads x lead_ltv` (`leads` a whole number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CampaignValue;

impl Formula<2> for CampaignValue {
    fn fields(&self) -> [&'static str; 2] {
        ["leads", "lead_ltv"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [n, l]: [f64; 2]) -> Result<f64, C::Error> {
        let leads = count(c, "leads", n)?;
        let ltv = Money::check(c, "lead_ltv", l)?;
        campaign_value_with(c, leads, ltv)
    }
}

/// [`bid_cap`](crate::bid_cap): `lead_ltv / target_ratio`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BidCap;

impl Formula<2> for BidCap {
    fn fields(&self) -> [&'static str; 2] {
        ["lead_ltv", "target_ratio"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [l, t]: [f64; 2]) -> Result<f64, C::Error> {
        let ltv = Money::check(c, "lead_ltv", l)?;
        let target = Ratio::check(c, "target_ratio", t)?;
        bid_cap_with(c, ltv, target)
    }
}

/// [`logo_churn_rate`](crate::logo_churn_rate) of whole-number count columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LogoChurnRate;

impl Formula<2> for LogoChurnRate {
    fn fields(&self) -> [&'static str; 2] {
        ["customers_at_start", "customers_lost"]
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, [s, l]: [f64; 2]) -> Result<f64, C::Error> {
        let start = count(c, "customers_at_start", s)?;
        let lost = count(c, "customers_lost", l)?;
        logo_churn_rate_with(c, start, lost)
    }
}

/// A metric of [`MrrMovements`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MrrMetric {
    /// [`MrrMovements::ending_mrr`].
    EndingMrr,
    /// [`MrrMovements::gross_mrr_churn`].
    GrossMrrChurn,
    /// [`MrrMovements::net_mrr_churn`].
    NetMrrChurn,
    /// [`MrrMovements::net_revenue_retention`].
    NetRevenueRetention,
    /// [`MrrMovements::gross_revenue_retention`].
    GrossRevenueRetention,
    /// [`MrrMovements::quick_ratio`].
    QuickRatio,
}

crate::quantity::option_enum!(
    MrrMetric,
    field = "metric",
    allowed = "'ending_mrr', 'gross_mrr_churn', 'net_mrr_churn', 'net_revenue_retention', \
               'gross_revenue_retention' or 'quick_ratio'",
    {
        EndingMrr => "ending_mrr",
        GrossMrrChurn => "gross_mrr_churn",
        NetMrrChurn => "net_mrr_churn",
        NetRevenueRetention => "net_revenue_retention",
        GrossRevenueRetention => "gross_revenue_retention",
        QuickRatio => "quick_ratio",
    }
);

/// One [`MrrMetric`] of the MRR movement columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mrr {
    /// The metric to compute.
    pub metric: MrrMetric,
}

impl Mrr {
    /// The movements of one row, validated as [`MrrMovements::new`] validates them.
    #[inline(always)]
    fn movements<C: Checks>(c: &mut C, [s, n, e, co, ch, r]: [f64; 6]) -> Result<MrrMovements<f64>, C::Error> {
        let s = Money::check(c, "starting_mrr", s)?;
        let n = Money::check(c, "new", n)?;
        let e = Money::check(c, "expansion", e)?;
        let co = Money::check(c, "contraction", co)?;
        let ch = Money::check(c, "churned", ch)?;
        let r = Money::check(c, "reactivation", r)?;
        MrrMovements::new_with(c, s, n, e, co, ch, r)
    }

    /// Runs this metric over the movement columns. Each metric runs its own loop (the choice is made once,
    /// not per row, so that every loop vectorises).
    ///
    /// # Errors
    /// As [`run_into`](super::run_into).
    pub fn run_into(
        &self,
        columns: [super::Column<'_>; 6],
        out: &mut [f64],
        options: &super::Options,
    ) -> Result<(), crate::RowError> {
        macro_rules! metric {
            ($method:ident) => {{
                /// One metric as its own formula.
                struct One;
                impl Formula<6> for One {
                    fn fields(&self) -> [&'static str; 6] {
                        MRR_FIELDS
                    }
                    #[inline(always)]
                    fn row<C: Checks>(&self, c: &mut C, x: [f64; 6]) -> Result<f64, C::Error> {
                        Mrr::movements(c, x)?.$method(c)
                    }
                }
                super::run_into(&One, columns, out, options)
            }};
        }
        match self.metric {
            MrrMetric::EndingMrr => metric!(ending_mrr_with),
            MrrMetric::GrossMrrChurn => metric!(gross_mrr_churn_with),
            MrrMetric::NetMrrChurn => metric!(net_mrr_churn_with),
            MrrMetric::NetRevenueRetention => metric!(net_revenue_retention_with),
            MrrMetric::GrossRevenueRetention => metric!(gross_revenue_retention_with),
            MrrMetric::QuickRatio => metric!(quick_ratio_with),
        }
    }
}

const MRR_FIELDS: [&str; 6] = ["starting_mrr", "new", "expansion", "contraction", "churned", "reactivation"];

impl Formula<6> for Mrr {
    fn fields(&self) -> [&'static str; 6] {
        MRR_FIELDS
    }
    #[inline(always)]
    fn row<C: Checks>(&self, c: &mut C, x: [f64; 6]) -> Result<f64, C::Error> {
        let m = Self::movements(c, x)?;
        match self.metric {
            MrrMetric::EndingMrr => m.ending_mrr_with(c),
            MrrMetric::GrossMrrChurn => m.gross_mrr_churn_with(c),
            MrrMetric::NetMrrChurn => m.net_mrr_churn_with(c),
            MrrMetric::NetRevenueRetention => m.net_revenue_retention_with(c),
            MrrMetric::GrossRevenueRetention => m.gross_revenue_retention_with(c),
            MrrMetric::QuickRatio => m.quick_ratio_with(c),
        }
    }
}

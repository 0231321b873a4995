//! Lead LTV: what a lead (a prospect not yet a customer) is worth.

use rust_decimal::Decimal;

use crate::error::Result;
use crate::number::{Checked, Checks, FirstError, Number, in_range, overflow};
use crate::quantity::DiscountRate;
use crate::quantity::Fraction;
use crate::quantity::Money;
use crate::quantity::Period;
use crate::quantity::Ratio;
use crate::quantity::validate::non_negative_with;
use crate::quantity::{Days, Months};

/// Lead LTV = customer LTV x lead-to-customer conversion rate: the expected customer value of one lead.
///
/// ```
/// use ltv_core::{lead_ltv, Fraction, Money};
/// use ltv_core::Decimal;
/// // $20,000 customers, 5 % of leads convert: a lead is worth $1,000.
/// let v = lead_ltv(Money::new(Decimal::new(20_000, 0))?, Fraction::new(Decimal::new(5, 2))?)?;
/// assert_eq!(v, Decimal::new(1_000, 0));
/// // $50,000 customers at 3 %: $1,500.
/// let v = lead_ltv(Money::new(Decimal::new(50_000, 0))?, Fraction::new(Decimal::new(3, 2))?)?;
/// assert_eq!(v, Decimal::new(1_500, 0));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::Overflow`](crate::LtvError::Overflow).
#[inline]
pub fn lead_ltv<T: Number>(customer_ltv: Money<T>, conversion_rate: Fraction<T>) -> Result<T> {
    lead_ltv_with(&mut FirstError, customer_ltv, conversion_rate)
}

/// [`lead_ltv`] under any [`Checks`] policy.
#[inline(always)]
pub(crate) fn lead_ltv_with<T: Number, C: Checks>(
    c: &mut C,
    customer_ltv: Money<T>,
    conversion_rate: Fraction<T>,
) -> Result<T, C::Error> {
    in_range(c, "lead_ltv", Checked::new(customer_ltv.get()) * conversion_rate.get())
}

/// Net lead LTV = customer LTV x conversion rate - (CAC + nurture cost) x time factor.
///
/// The expected value of a lead less what it costs to work it. `time_factor` (`>= 0`, 1 for a standard sales
/// cycle) scales the costs with how long the lead takes: 1.5 for a cycle half again as long as usual. The
/// result may be negative: such a lead costs more than it is expected to bring.
///
/// ```
/// use ltv_core::{net_lead_ltv, Fraction, Money};
/// use ltv_core::Decimal;
/// // $1,500 expected value, $300 to acquire and $100 to nurture, on a cycle 1.5x the usual: $900.
/// let v = net_lead_ltv(
///     Money::new(Decimal::new(50_000, 0))?,
///     Fraction::new(Decimal::new(3, 2))?,
///     Money::new(Decimal::new(300, 0))?,
///     Money::new(Decimal::new(100, 0))?,
///     Decimal::new(15, 1),
/// )?;
/// assert_eq!(v, Decimal::new(900, 0));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::InvalidInput`](crate::LtvError::InvalidInput) for a negative `time_factor`, [`LtvError::Overflow`](crate::LtvError::Overflow).
#[inline]
pub fn net_lead_ltv<T: Number>(
    customer_ltv: Money<T>,
    conversion_rate: Fraction<T>,
    cac: Money<T>,
    nurture_cost: Money<T>,
    time_factor: T,
) -> Result<T> {
    net_lead_ltv_with(&mut FirstError, customer_ltv, conversion_rate, cac, nurture_cost, time_factor)
}

/// [`net_lead_ltv`] under any [`Checks`] policy.
#[inline(always)]
pub(crate) fn net_lead_ltv_with<T: Number, C: Checks>(
    c: &mut C,
    customer_ltv: Money<T>,
    conversion_rate: Fraction<T>,
    cac: Money<T>,
    nurture_cost: Money<T>,
    time_factor: T,
) -> Result<T, C::Error> {
    let time_factor = non_negative_with(c, "time_factor", time_factor)?;
    let expected = lead_ltv_with(c, customer_ltv, conversion_rate)?;
    let cost = (Checked::new(cac.get()) + nurture_cost.get()) * time_factor;
    c.require(cost.ok(), || overflow("net_lead_ltv"))?;
    in_range(c, "net_lead_ltv", Checked::new(expected) - cost)
}

/// The rules that turn an expected lead value into a present value.
///
/// Defaults: discount at 10 % a year, only leads that close beyond 12 months (shorter cycles are not worth
/// discounting), and value a lead with no engagement for 180 days or more at 0 (a "zombie" lead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(
        try_from = "LeadRulesRepr<T>",
        into = "LeadRulesRepr<T>",
        bound(serialize = "T: Number + serde::Serialize", deserialize = "T: Number + serde::de::DeserializeOwned")
    )
)]
#[non_exhaustive]
pub struct LeadRules<T = Decimal> {
    /// The discount rate applied to the months until close.
    pub discount_rate: DiscountRate<T>,
    /// Leads that close after more than this many months are discounted; sooner ones are not.
    pub discount_after_months: Months<T>,
    /// A lead with no engagement for at least this many days is worth 0.
    pub zombie_after_days: Days<T>,
}

/// The default annual discount rate of [`LeadRules`], in percent (10 %).
pub const DEFAULT_ANNUAL_DISCOUNT_RATE_PERCENT: u32 = 10;
/// The default [`LeadRules::discount_after_months`] (12).
pub const DEFAULT_DISCOUNT_AFTER_MONTHS: u32 = 12;
/// The default [`LeadRules::zombie_after_days`] (180).
pub const DEFAULT_ZOMBIE_AFTER_DAYS: u32 = 180;

impl<T: Number> Default for LeadRules<T> {
    fn default() -> Self {
        let rate = T::from_u32(DEFAULT_ANNUAL_DISCOUNT_RATE_PERCENT).checked_div(T::from_u32(100)).unwrap_or(T::ZERO);
        Self {
            discount_rate: DiscountRate::annual_unchecked(rate),
            discount_after_months: Months::new_unchecked(T::from_u32(DEFAULT_DISCOUNT_AFTER_MONTHS)),
            zombie_after_days: Days::new_unchecked(T::from_u32(DEFAULT_ZOMBIE_AFTER_DAYS)),
        }
    }
}

impl<T: Number> LeadRules<T> {
    /// Rules with every field given.
    #[must_use]
    #[inline]
    pub fn new(discount_rate: DiscountRate<T>, discount_after_months: Months<T>, zombie_after_days: Days<T>) -> Self {
        Self { discount_rate, discount_after_months, zombie_after_days }
    }

    /// Whether a lead with no engagement for `days_since_engagement` is a zombie (worth 0).
    #[must_use]
    #[inline]
    pub fn is_zombie(self, days_since_engagement: Days<T>) -> bool {
        days_since_engagement.get() >= self.zombie_after_days.get()
    }
}

/// Present-value lead LTV: the expected value (customer LTV x conversion rate) discounted by the months until
/// the lead closes, `EV / (1 + a)^(months / 12)` at the annual rate `a`, when the lead closes after more than
/// `rules.discount_after_months`; otherwise the expected value itself.
///
/// ```
/// use ltv_core::{present_value_lead_ltv, Fraction, LeadRules, Money, Months};
/// use ltv_core::Decimal;
/// let ltv = Money::new(Decimal::new(50_000, 0))?;
/// let rate = Fraction::new(Decimal::new(3, 2))?;
/// // Closing in 6 months: not discounted.
/// let soon = present_value_lead_ltv(ltv, rate, Months::new(Decimal::new(6, 0))?, LeadRules::default())?;
/// assert_eq!(soon, Decimal::new(1_500, 0));
/// // Closing in 24 months at 10 %/yr: 1,500 / 1.21 = 1,239.67.
/// let late = present_value_lead_ltv(ltv, rate, Months::new(Decimal::new(24, 0))?, LeadRules::default())?;
/// assert_eq!(late.round_dp(2), Decimal::new(123_967, 2));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::Overflow`](crate::LtvError::Overflow).
#[inline]
pub fn present_value_lead_ltv<T: Number>(
    customer_ltv: Money<T>,
    conversion_rate: Fraction<T>,
    months_to_close: Months<T>,
    rules: LeadRules<T>,
) -> Result<T> {
    present_value_lead_ltv_with(&mut FirstError, customer_ltv, conversion_rate, months_to_close, rules, false)
}

/// [`present_value_lead_ltv`] under any [`Checks`] policy; with `skip` (a zombie lead, valued 0 by the
/// caller) no check of the formula fails.
#[inline(always)]
pub(crate) fn present_value_lead_ltv_with<T: Number, C: Checks>(
    c: &mut C,
    customer_ltv: Money<T>,
    conversion_rate: Fraction<T>,
    months_to_close: Months<T>,
    rules: LeadRules<T>,
    skip: bool,
) -> Result<T, C::Error> {
    let expected = Checked::new(customer_ltv.get()) * conversion_rate.get();
    c.require(expected.ok() | skip, || overflow("lead_ltv"))?;
    // Discounted only when closing takes longer than `discount_after_months`: both sides are computed and
    // one is selected, so that the row has no branch.
    let discount = months_to_close.get() > rules.discount_after_months.get();
    let rate = rules.discount_rate;
    let annual = match rate.period() {
        Period::Annual => Checked::new(rate.rate()),
        Period::Monthly => (Checked::new(T::ONE) + rate.rate()).powi(12) - T::ONE,
    };
    c.require(annual.ok() | !discount | skip, || overflow(rate.field()))?;
    let years = Checked::new(months_to_close.get()) / T::from_u32(12);
    let factor = (Checked::new(T::ONE) + annual).powf(years);
    let value = Checked::select(discount, expected / factor, expected);
    c.require(value.ok() | skip, || overflow("present_value_lead_ltv"))?;
    Ok(value.get())
}

/// The value of one lead today: 0 for a zombie (no engagement for `rules.zombie_after_days` or more),
/// otherwise [`present_value_lead_ltv`] at `conversion_probability`, P(this lead converts) (a group's
/// observed `conversion_probability` is the same number for a lead of that group).
///
/// ```
/// use ltv_core::{lead_value, Days, Fraction, LeadRules, Money, Months};
/// use ltv_core::Decimal;
/// let ltv = Money::new(Decimal::new(20_000, 0))?;
/// let p = Fraction::new(Decimal::new(5, 2))?;
/// let months = Months::new(Decimal::new(3, 0))?;
/// let alive = lead_value(ltv, p, months, Days::new(Decimal::new(30, 0))?, LeadRules::default())?;
/// assert_eq!(alive, Decimal::new(1_000, 0));
/// let zombie = lead_value(ltv, p, months, Days::new(Decimal::new(180, 0))?, LeadRules::default())?;
/// assert_eq!(zombie, Decimal::ZERO);
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// As [`present_value_lead_ltv`].
#[inline]
pub fn lead_value<T: Number>(
    customer_ltv: Money<T>,
    conversion_probability: Fraction<T>,
    months_to_close: Months<T>,
    days_since_engagement: Days<T>,
    rules: LeadRules<T>,
) -> Result<T> {
    lead_value_with(
        &mut FirstError,
        customer_ltv,
        conversion_probability,
        months_to_close,
        days_since_engagement,
        rules,
    )
}

/// [`lead_value`] under any [`Checks`] policy.
#[inline(always)]
pub(crate) fn lead_value_with<T: Number, C: Checks>(
    c: &mut C,
    customer_ltv: Money<T>,
    conversion_probability: Fraction<T>,
    months_to_close: Months<T>,
    days_since_engagement: Days<T>,
    rules: LeadRules<T>,
) -> Result<T, C::Error> {
    let zombie = rules.is_zombie(days_since_engagement);
    let value = present_value_lead_ltv_with(c, customer_ltv, conversion_probability, months_to_close, rules, zombie)?;
    Ok(T::select(zombie, T::ZERO, value))
}

/// Campaign value = number of leads x lead LTV: campaigns rank by this, not by lead count.
///
/// ```
/// use ltv_core::{campaign_value, Money};
/// use ltv_core::Decimal;
/// let many_cheap = campaign_value(100, Money::new(Decimal::new(50, 0))?)?;
/// let few_valuable = campaign_value(20, Money::new(Decimal::new(500, 0))?)?;
/// assert_eq!((many_cheap, few_valuable), (Decimal::new(5_000, 0), Decimal::new(10_000, 0)));
/// assert!(many_cheap < few_valuable);
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::Overflow`](crate::LtvError::Overflow).
#[inline]
pub fn campaign_value<T: Number>(leads: u32, lead_ltv: Money<T>) -> Result<T> {
    campaign_value_with(&mut FirstError, T::from_u32(leads), lead_ltv)
}

/// [`campaign_value`] under any [`Checks`] policy, on a lead count already checked to be a whole number.
#[inline(always)]
pub(crate) fn campaign_value_with<T: Number, C: Checks>(
    c: &mut C,
    leads: T,
    lead_ltv: Money<T>,
) -> Result<T, C::Error> {
    in_range(c, "campaign_value", Checked::new(leads) * lead_ltv.get())
}

/// Bid cap: the maximum cost per lead at a target LTV:CPL ratio, lead LTV / target ratio.
///
/// ```
/// use ltv_core::{bid_cap, Money, Ratio};
/// use ltv_core::Decimal;
/// let cap = bid_cap(Money::new(Decimal::new(1_500, 0))?, Ratio::new(Decimal::new(3, 0))?)?;
/// assert_eq!(cap, Decimal::new(500, 0));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::Overflow`](crate::LtvError::Overflow).
#[inline]
pub fn bid_cap<T: Number>(lead_ltv: Money<T>, target_ratio: Ratio<T>) -> Result<T> {
    bid_cap_with(&mut FirstError, lead_ltv, target_ratio)
}

/// [`bid_cap`] under any [`Checks`] policy.
#[inline(always)]
pub(crate) fn bid_cap_with<T: Number, C: Checks>(
    c: &mut C,
    lead_ltv: Money<T>,
    target_ratio: Ratio<T>,
) -> Result<T, C::Error> {
    in_range(c, "bid_cap", Checked::new(lead_ltv.get()) / target_ratio.get())
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(bound(serialize = "T: Number + serde::Serialize", deserialize = "T: Number + serde::de::DeserializeOwned"))]
struct LeadRulesRepr<T> {
    discount_rate: DiscountRate<T>,
    discount_after_months: Months<T>,
    zombie_after_days: Days<T>,
}

#[cfg(feature = "serde")]
impl<T: Number> TryFrom<LeadRulesRepr<T>> for LeadRules<T> {
    type Error = crate::error::LtvError;
    fn try_from(r: LeadRulesRepr<T>) -> Result<Self> {
        Ok(Self::new(r.discount_rate, r.discount_after_months, r.zombie_after_days))
    }
}

#[cfg(feature = "serde")]
impl<T: Number> From<LeadRules<T>> for LeadRulesRepr<T> {
    fn from(r: LeadRules<T>) -> Self {
        Self {
            discount_rate: r.discount_rate,
            discount_after_months: r.discount_after_months,
            zombie_after_days: r.zombie_after_days,
        }
    }
}

//! Discounted LTV with payment timing and an optional horizon.

use crate::error::{LtvError, Result};
use crate::number::{Checked, Checks, FirstError, Number, in_range, overflow};
use crate::quantity::DiscountRate;
use crate::quantity::Fraction;
use crate::quantity::Money;
use crate::quantity::option_enum;
use crate::quantity::{Churn, Period};

/// When in each period a customer pays. Textbooks disagree; the default is [`PaymentTiming::StartOfPeriod`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PaymentTiming {
    /// Paid in advance, as subscriptions are billed: `m (1 + d) / (c + d)`, which tends to `m / c` as
    /// `d -> 0`. The default.
    #[default]
    StartOfPeriod,
    /// Paid in arrears by every customer who started the period: `m / (c + d)`.
    EndOfPeriod,
    /// Paid at the end of a period only by the customers who survived it: `m (1 - c) / (c + d)`
    /// (the form of Gupta & Lehmann, "Customers as Assets", 2003).
    EndOfPeriodSurvivors,
}

option_enum!(
    PaymentTiming,
    field = "timing",
    allowed = "'start_of_period', 'end_of_period' or 'end_of_period_survivors'",
    {
        StartOfPeriod => "start_of_period",
        EndOfPeriod => "end_of_period",
        EndOfPeriodSurvivors => "end_of_period_survivors",
    }
);

/// Discounted LTV: the present value of a margin `m` per month that a cohort keeps with monthly retention
/// `r = 1 - c`, at the monthly discount rate `d`.
///
/// With no horizon it is the perpetuity `m (1 + d) / (c + d)` ([`PaymentTiming::StartOfPeriod`]),
/// `m / (c + d)` ([`PaymentTiming::EndOfPeriod`]) or `m (1 - c) / (c + d)`
/// ([`PaymentTiming::EndOfPeriodSurvivors`]). With `horizon_months = Some(n)` it is the closed-form finite sum
/// of the first `n` payments, `m k (1 - q^n) / (1 - q)` with `q = r / (1 + d)` and `k` = 1, `1 / (1 + d)` or
/// `r / (1 + d)` by timing. The horizon is the only way to value net retention `r >= 1 + d` (net negative
/// churn at least as large as the discount rate): without one that sum diverges.
///
/// `monthly_margin` is ARPU x gross margin. An annual discount rate is converted by compounding (10 %/yr is
/// 0.797414 %/month). The churn may be on any basis; net revenue churn may be negative here.
///
/// ```
/// use ltv_core::{discounted_ltv, Churn, ChurnBasis, DiscountRate, Money, PaymentTiming, Period};
/// use ltv_core::Decimal;
/// let m = Money::new(Decimal::new(80, 0))?;
/// let c = Churn::monthly(Decimal::new(5, 2))?;
/// let d = DiscountRate::monthly(Decimal::new(797414, 8))?;
/// let start = discounted_ltv(m, c, d, PaymentTiming::StartOfPeriod, None)?;
/// assert_eq!(start.round_dp(2), Decimal::new(139093, 2));
/// let end = discounted_ltv(m, c, d, PaymentTiming::EndOfPeriod, None)?;
/// assert_eq!(end.round_dp(2), Decimal::new(137993, 2));
/// let survivors = discounted_ltv(m, c, d, PaymentTiming::EndOfPeriodSurvivors, None)?;
/// assert_eq!(survivors.round_dp(2), Decimal::new(131093, 2));
///
/// // Net revenue retention of 120 %/yr outgrows a 10 %/yr discount: only a horizon values it.
/// let nrr = Churn::new(Decimal::new(-2, 1), Period::Annual, ChurnBasis::NetRevenue)?;
/// let d = DiscountRate::annual(Decimal::new(10, 2))?;
/// let five_years = discounted_ltv(m, nrr, d, PaymentTiming::StartOfPeriod, Some(60))?;
/// assert_eq!(five_years.round_dp(2), Decimal::new(599179, 2));
/// assert!(discounted_ltv(m, nrr, d, PaymentTiming::StartOfPeriod, None).is_err());
///
/// // (18.45 - 0.50) x 1.01 / (1.01 - 0.995) = 1,208.63
/// let m = Money::new(Decimal::new(1795, 2))?;
/// let c = Churn::monthly(Decimal::new(5, 3))?;
/// let d = DiscountRate::monthly(Decimal::new(1, 2))?;
/// let ltv = discounted_ltv(m, c, d, PaymentTiming::StartOfPeriod, None)?;
/// assert_eq!(ltv.round_dp(2), Decimal::new(120863, 2));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::Divergent`] when `r >= 1 + d` (that is `c + d <= 0`) and there is no horizon;
/// [`LtvError::Overflow`].
#[inline]
pub fn discounted_ltv<T: Number>(
    monthly_margin: Money<T>,
    churn: Churn<T>,
    discount_rate: DiscountRate<T>,
    timing: PaymentTiming,
    horizon_months: Option<u32>,
) -> Result<T> {
    discounted_ltv_with(&mut FirstError, monthly_margin, churn, discount_rate, timing, horizon_months)
}

/// [`discounted_ltv`] under any [`Checks`] policy.
#[inline(always)]
pub(crate) fn discounted_ltv_with<T: Number, C: Checks>(
    checks: &mut C,
    monthly_margin: Money<T>,
    churn: Churn<T>,
    discount_rate: DiscountRate<T>,
    timing: PaymentTiming,
    horizon_months: Option<u32>,
) -> Result<T, C::Error> {
    let c = churn.monthly_rate_with(checks)?;
    let d = discount_rate.monthly_rate_with(checks)?;
    let m = Checked::new(monthly_margin.get());
    let sum = Sum { churn_field: churn.field(), churn_value: churn.rate(), result_field: "discounted_ltv" };
    sum.value(checks, m, c, d, timing, horizon_months)
}

/// Retention-based CLTV over a horizon: the sum over `periods` periods of
/// `revenue x margin x r^t / (1 + d)^t`.
///
/// The projection of Gupta & Lehmann ("Customers as Assets", 2003) and of the Harvard Business School
/// customer-lifetime-value note: `revenue_per_period` and `retention` are per `period` (a year, say), and the
/// discount rate is converted to that period by compounding. With [`PaymentTiming::StartOfPeriod`] (the
/// default) `t` runs over `0..periods`; with [`PaymentTiming::EndOfPeriodSurvivors`] over `1..=periods`
/// (the first payment after the first renewal); with [`PaymentTiming::EndOfPeriod`] each of the
/// start-of-period payments is discounted one period more.
///
/// ```
/// use ltv_core::{retention_cltv, DiscountRate, Fraction, Money, PaymentTiming, Period};
/// use ltv_core::Decimal;
/// // A 3-year projection: $1,000 a year at 30 % margin, 80 % yearly retention, 10 %/yr discount:
/// // 300 x (1 + 0.8 / 1.1 + 0.64 / 1.21) = $676.86.
/// let cltv = retention_cltv(
///     Money::new(Decimal::new(1000, 0))?,
///     Fraction::new(Decimal::new(30, 2))?,
///     Fraction::new(Decimal::new(80, 2))?,
///     DiscountRate::annual(Decimal::new(10, 2))?,
///     3,
///     Period::Annual,
///     PaymentTiming::StartOfPeriod,
/// )?;
/// assert_eq!(cltv.round_dp(2), Decimal::new(67686, 2));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::Overflow`].
#[inline]
pub fn retention_cltv<T: Number>(
    revenue_per_period: Money<T>,
    gross_margin: Fraction<T>,
    retention: Fraction<T>,
    discount_rate: DiscountRate<T>,
    periods: u32,
    period: Period,
    timing: PaymentTiming,
) -> Result<T> {
    retention_cltv_with(
        &mut FirstError,
        revenue_per_period,
        gross_margin,
        retention,
        discount_rate,
        periods,
        period,
        timing,
    )
}

/// The default period of [`retention_cltv`] (annual: a retention rate is most often quoted per year).
pub const DEFAULT_RETENTION_PERIOD: Period = Period::Annual;

/// [`retention_cltv`] under any [`Checks`] policy.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(crate) fn retention_cltv_with<T: Number, C: Checks>(
    checks: &mut C,
    revenue_per_period: Money<T>,
    gross_margin: Fraction<T>,
    retention: Fraction<T>,
    discount_rate: DiscountRate<T>,
    periods: u32,
    period: Period,
    timing: PaymentTiming,
) -> Result<T, C::Error> {
    let margin = in_range(checks, "retention_cltv", Checked::new(revenue_per_period.get()) * gross_margin.get())?;
    let churn = in_range(checks, "retention_cltv", Checked::new(T::ONE) - retention.get())?;
    let d = match period {
        Period::Monthly => discount_rate.monthly_rate_with(checks)?,
        Period::Annual => discount_rate.annual_rate_with(checks)?,
    };
    let sum = Sum { churn_field: "retention", churn_value: retention.get(), result_field: "retention_cltv" };
    sum.value(checks, Checked::new(margin), churn, d, timing, Some(periods))
}

/// The geometric sum behind [`discounted_ltv`] and [`retention_cltv`]: margin `m` per period, churn `c`,
/// discount `d` per period.
/// The geometric sum `m Σ r^t / (1 + d)^t` behind both discounted formulas, named for its errors.
struct Sum<T> {
    churn_field: &'static str,
    churn_value: T,
    result_field: &'static str,
}

impl<T: Number> Sum<T> {
    #[inline(always)]
    fn value<C: Checks>(
        self,
        checks: &mut C,
        m: Checked<T>,
        c: T,
        d: T,
        timing: PaymentTiming,
        horizon: Option<u32>,
    ) -> Result<T, C::Error> {
        let one = Checked::new(T::ONE);
        let one_plus_d = one + d;
        let retention = one - c;
        // c + d = (1 + d) - r: the denominator of every closed form.
        let spread = Checked::new(c) + d;
        checks.require(one_plus_d.ok() & retention.ok() & spread.ok(), || overflow(self.result_field))?;
        // Σ_{t=0}^{n-1} q^t with q = r / (1 + d), written as (1 - q^n) (1 + d) / (c + d) to stay exact.
        let start_of_period_sum = match horizon {
            None => {
                checks.require(spread.get() > T::ZERO, || LtvError::Divergent {
                    field: self.churn_field,
                    value: self.churn_value.describe(),
                })?;
                one_plus_d / spread
            }
            Some(0) => Checked::new(T::ZERO),
            Some(n) => {
                let closed = Checked::from_option(T::checked_geometric_tail(c, d, n)) * one_plus_d / spread;
                // No spread: every term is 1 (a branch-free select, both sides computed).
                Checked::select(spread.get() == T::ZERO, Checked::new(T::from_u32(n)), closed)
            }
        };
        let value = m * start_of_period_sum;
        let value = match timing {
            PaymentTiming::StartOfPeriod => value,
            PaymentTiming::EndOfPeriod => value / one_plus_d,
            PaymentTiming::EndOfPeriodSurvivors => value * retention / one_plus_d,
        };
        in_range(checks, self.result_field, value)
    }
}

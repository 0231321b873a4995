//! The SaaS LTV formula.

use crate::error::Result;
use crate::number::{Checked, Checks, FirstError, Number, in_range};
use crate::quantity::Churn;
use crate::quantity::Fraction;
use crate::quantity::Money;

/// SaaS LTV = ARPU x gross margin / monthly churn.
///
/// The steady-state formula of the SaaS metrics literature (David Skok, "SaaS Metrics 2.0"): a customer pays
/// `arpu` a month, keeps `gross_margin` of it, and stays `1 / churn` months on average. It is undiscounted
/// and assumes constant churn; see [`discounted_ltv`](crate::discounted_ltv) for a discounted or
/// horizon-capped value.
///
/// - **Margin basis.** `gross_margin` is the fraction of revenue kept: pass 1 for a *revenue* LTV, the gross
///   margin (revenue less cost of goods sold) for the usual *gross-margin* LTV, or the contribution margin
///   (also less variable sales, support and marketing costs) for a *contribution* LTV.
/// - **Churn basis** is carried by [`Churn`]: logo churn (the default) values a customer; gross revenue churn
///   values a dollar of MRR including contraction; net revenue churn also credits expansion, and must be
///   `> 0` here. An annual churn is converted to monthly by compounding.
///
/// ```
/// use ltv_core::{saas_ltv, Churn, Fraction, Money};
/// use ltv_core::Decimal;
/// // EUR 500 ARPU, 80 % gross margin, 3 % monthly churn -> EUR 13,333.33.
/// let arpu = Money::new(Decimal::new(500, 0))?;
/// let margin = Fraction::new(Decimal::new(80, 2))?;
/// let ltv = saas_ltv(arpu, margin, Churn::monthly(Decimal::new(3, 2))?)?;
/// assert_eq!(ltv.round_dp(2), Decimal::new(1_333_333, 2));
/// // Halving churn to 1.5 % doubles it: EUR 26,666.67.
/// let ltv = saas_ltv(arpu, margin, Churn::monthly(Decimal::new(15, 3))?)?;
/// assert_eq!(ltv.round_dp(2), Decimal::new(2_666_667, 2));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::ZeroChurn`](crate::LtvError::ZeroChurn) for zero churn,
/// [`LtvError::NegativeNetChurn`](crate::LtvError::NegativeNetChurn) for net revenue churn <= 0,
/// [`LtvError::Overflow`](crate::LtvError::Overflow) when the result exceeds the number range.
#[inline]
pub fn saas_ltv<T: Number>(arpu: Money<T>, gross_margin: Fraction<T>, churn: Churn<T>) -> Result<T> {
    saas_ltv_with(&mut FirstError, arpu, gross_margin, churn)
}

/// [`saas_ltv`] under any [`Checks`] policy: the one body of the formula.
#[inline(always)]
pub(crate) fn saas_ltv_with<T: Number, C: Checks>(
    c: &mut C,
    arpu: Money<T>,
    gross_margin: Fraction<T>,
    churn: Churn<T>,
) -> Result<T, C::Error> {
    let monthly = churn.positive_monthly_rate_with(c)?;
    in_range(c, "saas_ltv", Checked::new(arpu.get()) * gross_margin.get() / monthly)
}

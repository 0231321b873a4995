//! CAC payback.

use rust_decimal::Decimal;

use crate::error::{LtvError, Result};
use crate::number::{Checked, Checks, FirstError, Number, in_range, overflow};
use crate::quantity::Fraction;
use crate::quantity::Money;
use crate::quantity::Months;

/// Months to recover CAC, the target it was measured against, and whether it meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CacPayback<T = Decimal> {
    /// CAC / (ARPU x gross margin), in months.
    pub months: T,
    /// The target, in months (18 by default).
    pub target_months: T,
    /// `months <= target_months`.
    pub meets_target: bool,
}

/// The usual CAC payback target, 18 months.
pub const DEFAULT_PAYBACK_TARGET_MONTHS: u32 = 18;

/// CAC payback months = CAC / (ARPU x gross margin): how many months of gross margin repay the cost of
/// acquiring a customer (undiscounted, no churn). At company level pass sales and marketing spend as `cac`
/// and the new MRR it bought as `arpu`.
///
/// ```
/// use ltv_core::{cac_payback_months, Fraction, Money, Months};
/// use ltv_core::Decimal;
/// // S&M 770,000 / (100,000 new MRR x 70 %) = 11 months, inside an 18-month target.
/// let p = cac_payback_months(
///     Money::new(Decimal::new(770_000, 0))?,
///     Money::new(Decimal::new(100_000, 0))?,
///     Fraction::new(Decimal::new(70, 2))?,
///     Months::new(Decimal::new(18, 0))?,
/// )?;
/// assert_eq!(p.months, Decimal::new(11, 0));
/// assert!(p.meets_target);
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::Undefined`] when ARPU x gross margin is 0 (CAC is never paid back), [`LtvError::Overflow`].
#[inline]
pub fn cac_payback_months<T: Number>(
    cac: Money<T>,
    arpu: Money<T>,
    gross_margin: Fraction<T>,
    target_months: Months<T>,
) -> Result<CacPayback<T>> {
    let months = cac_payback_months_with(&mut FirstError, cac, arpu, gross_margin)?;
    let target = target_months.get();
    Ok(CacPayback { months, target_months: target, meets_target: months <= target })
}

/// The months of [`cac_payback_months`] under any [`Checks`] policy.
#[inline(always)]
pub(crate) fn cac_payback_months_with<T: Number, C: Checks>(
    c: &mut C,
    cac: Money<T>,
    arpu: Money<T>,
    gross_margin: Fraction<T>,
) -> Result<T, C::Error> {
    let monthly_margin = Checked::new(arpu.get()) * gross_margin.get();
    c.require(monthly_margin.ok(), || overflow("cac_payback_months"))?;
    c.require(monthly_margin.get() != T::ZERO, || LtvError::Undefined {
        field: "cac_payback_months",
        reason: "arpu x gross_margin is 0, so CAC is never paid back",
    })?;
    in_range(c, "cac_payback_months", Checked::new(cac.get()) / monthly_margin)
}

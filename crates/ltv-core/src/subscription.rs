//! Subscription LTV and lifespan from churn.

use crate::error::Result;
use crate::number::{Checked, Checks, FirstError, Number, in_range};
use crate::quantity::Churn;
use crate::quantity::Money;
use crate::quantity::Months;

/// Subscription LTV = average monthly revenue x customer lifespan in months (a revenue LTV, undiscounted).
///
/// ```
/// use ltv_core::{subscription_ltv, Money, Months};
/// use ltv_core::Decimal;
/// // $1,000 a month for 24 months.
/// let ltv = subscription_ltv(Money::new(Decimal::new(1000, 0))?, Months::new(Decimal::new(24, 0))?)?;
/// assert_eq!(ltv, Decimal::new(24_000, 0));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::Overflow`](crate::LtvError::Overflow).
#[inline]
pub fn subscription_ltv<T: Number>(average_monthly_revenue: Money<T>, lifespan: Months<T>) -> Result<T> {
    subscription_ltv_with(&mut FirstError, average_monthly_revenue, lifespan)
}

/// [`subscription_ltv`] under any [`Checks`] policy.
#[inline(always)]
pub(crate) fn subscription_ltv_with<T: Number, C: Checks>(
    c: &mut C,
    average_monthly_revenue: Money<T>,
    lifespan: Months<T>,
) -> Result<T, C::Error> {
    in_range(c, "subscription_ltv", Checked::new(average_monthly_revenue.get()) * lifespan.get())
}

/// Expected customer lifespan in months = 1 / monthly churn (the mean of a geometric lifetime).
///
/// An annual churn is converted to monthly first (see [`Churn`]).
///
/// ```
/// use ltv_core::{lifespan_from_churn, Churn};
/// use ltv_core::Decimal;
/// let months = lifespan_from_churn(Churn::monthly(Decimal::new(5, 2))?)?; // 5 % a month
/// assert_eq!(months.get(), Decimal::new(20, 0));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::ZeroChurn`](crate::LtvError::ZeroChurn) for zero churn,
/// [`LtvError::NegativeNetChurn`](crate::LtvError::NegativeNetChurn) for net revenue churn <= 0,
/// [`LtvError::Overflow`](crate::LtvError::Overflow).
#[inline]
pub fn lifespan_from_churn<T: Number>(churn: Churn<T>) -> Result<Months<T>> {
    lifespan_from_churn_with(&mut FirstError, churn)
}

/// [`lifespan_from_churn`] under any [`Checks`] policy.
#[inline(always)]
pub(crate) fn lifespan_from_churn_with<T: Number, C: Checks>(
    c: &mut C,
    churn: Churn<T>,
) -> Result<Months<T>, C::Error> {
    let monthly = churn.positive_monthly_rate_with(c)?;
    let lifespan = in_range(c, "lifespan", Checked::new(T::ONE) / monthly)?;
    Months::check(c, "lifespan", lifespan)
}

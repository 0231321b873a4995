//! Purchase (transactional) LTV.

use crate::error::Result;
use crate::number::{Checked, Checks, FirstError, Number, in_range};
use crate::quantity::Fraction;
use crate::quantity::Money;
use crate::quantity::validate::non_negative_with;

/// Purchase LTV = average purchase value x purchase frequency x customer lifespan (x gross margin).
///
/// The "historic" or "simple" CLV of e-commerce and retail (as in the Shopify, HubSpot and Qualtrics guides):
/// `purchase_frequency` is purchases per period and `customer_lifespan` is in the same periods (per year and
/// years, say). With `gross_margin` it is a margin (profit) LTV; with `None` it is a revenue LTV.
///
/// ```
/// use ltv_core::{purchase_ltv, Fraction, Money};
/// use ltv_core::Decimal;
/// // $50 a purchase, 4 purchases a year, 5 years: $1,000 of revenue, $300 of margin at 30 %.
/// let apv = Money::new(Decimal::new(50, 0))?;
/// let revenue = purchase_ltv(apv, Decimal::new(4, 0), Decimal::new(5, 0), None)?;
/// assert_eq!(revenue, Decimal::new(1000, 0));
/// let margin = purchase_ltv(apv, Decimal::new(4, 0), Decimal::new(5, 0), Some(Fraction::new(Decimal::new(30, 2))?))?;
/// assert_eq!(margin, Decimal::new(300, 0));
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::InvalidInput`](crate::LtvError::InvalidInput) for a negative `purchase_frequency` or
/// `customer_lifespan`; [`LtvError::Overflow`](crate::LtvError::Overflow).
#[inline]
pub fn purchase_ltv<T: Number>(
    average_purchase_value: Money<T>,
    purchase_frequency: T,
    customer_lifespan: T,
    gross_margin: Option<Fraction<T>>,
) -> Result<T> {
    purchase_ltv_with(&mut FirstError, average_purchase_value, purchase_frequency, customer_lifespan, gross_margin)
}

/// [`purchase_ltv`] under any [`Checks`] policy.
#[inline(always)]
pub(crate) fn purchase_ltv_with<T: Number, C: Checks>(
    c: &mut C,
    average_purchase_value: Money<T>,
    purchase_frequency: T,
    customer_lifespan: T,
    gross_margin: Option<Fraction<T>>,
) -> Result<T, C::Error> {
    let frequency = non_negative_with(c, "purchase_frequency", purchase_frequency)?;
    let lifespan = non_negative_with(c, "customer_lifespan", customer_lifespan)?;
    let revenue = Checked::new(average_purchase_value.get()) * frequency * lifespan;
    let value = match gross_margin {
        Some(margin) => revenue * margin.get(),
        None => revenue,
    };
    in_range(c, "purchase_ltv", value)
}

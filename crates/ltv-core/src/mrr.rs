//! MRR movements and the churn and retention rates built from them.

use rust_decimal::Decimal;

use crate::error::{LtvError, Result};
use crate::number::{Checked, Checks, FirstError, Number, in_range, overflow};
use crate::quantity::Money;

/// One period's MRR movements: the MRR at the start and what moved it.
///
/// Conventions (they differ between vendors, so they are stated):
/// - *Reactivation* (MRR from a returning, previously churned customer) counts as a gain: it is subtracted in
///   net MRR churn, added in NRR, and counted in the numerator of the quick ratio. *New* MRR is not part of
///   churn or retention (those follow the customers present at the start).
/// - Losses (`churned + contraction`) cannot exceed `starting_mrr`.
///
/// ```
/// use ltv_core::{MrrMovements, Money};
/// use ltv_core::Decimal;
/// let m = |v| Money::new(Decimal::new(v, 0));
/// // 100 at the start, 10 churned, 10 contraction, 10 expansion.
/// let mv = MrrMovements::new(m(100)?, m(0)?, m(10)?, m(10)?, m(10)?, m(0)?)?;
/// assert_eq!(mv.gross_mrr_churn()?, Decimal::new(20, 2)); // 20 %
/// assert_eq!(mv.net_mrr_churn()?, Decimal::new(10, 2)); // 10 %
/// assert_eq!(mv.net_revenue_retention()?, Decimal::new(90, 2));
/// assert_eq!(mv.gross_revenue_retention()?, Decimal::new(80, 2));
/// assert_eq!(mv.quick_ratio()?, Decimal::new(5, 1)); // (0 + 10 + 0) / (10 + 10)
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(
        try_from = "MrrMovementsRepr<T>",
        into = "MrrMovementsRepr<T>",
        bound(serialize = "T: Number + serde::Serialize", deserialize = "T: Number + serde::de::DeserializeOwned")
    )
)]
pub struct MrrMovements<T = Decimal> {
    starting_mrr: T,
    new: T,
    expansion: T,
    contraction: T,
    churned: T,
    reactivation: T,
}

impl<T: Number> MrrMovements<T> {
    /// Validated movements.
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] when `churned + contraction > starting_mrr`, [`LtvError::Overflow`].
    #[inline]
    pub fn new(
        starting_mrr: Money<T>,
        new: Money<T>,
        expansion: Money<T>,
        contraction: Money<T>,
        churned: Money<T>,
        reactivation: Money<T>,
    ) -> Result<Self> {
        Self::new_with(&mut FirstError, starting_mrr, new, expansion, contraction, churned, reactivation)
    }

    /// [`Self::new`] under any [`Checks`] policy.
    #[inline(always)]
    pub(crate) fn new_with<C: Checks>(
        c: &mut C,
        starting_mrr: Money<T>,
        new: Money<T>,
        expansion: Money<T>,
        contraction: Money<T>,
        churned: Money<T>,
        reactivation: Money<T>,
    ) -> Result<Self, C::Error> {
        let lost = in_range(c, "churned + contraction", Checked::new(churned.get()) + contraction.get())?;
        c.require(lost <= starting_mrr.get(), || LtvError::InvalidInput {
            field: "churned + contraction",
            value: lost.to_string(),
            allowed: "at most starting_mrr (a period cannot lose more MRR than it started with)",
            suggestion: None,
        })?;
        Ok(Self {
            starting_mrr: starting_mrr.get(),
            new: new.get(),
            expansion: expansion.get(),
            contraction: contraction.get(),
            churned: churned.get(),
            reactivation: reactivation.get(),
        })
    }

    /// MRR at the start of the period.
    #[must_use]
    pub fn starting_mrr(self) -> T {
        self.starting_mrr
    }
    /// MRR from customers new this period.
    #[must_use]
    pub fn new_mrr(self) -> T {
        self.new
    }
    /// MRR added by existing customers (upgrades).
    #[must_use]
    pub fn expansion(self) -> T {
        self.expansion
    }
    /// MRR removed by customers who stayed (downgrades).
    #[must_use]
    pub fn contraction(self) -> T {
        self.contraction
    }
    /// MRR of customers who left.
    #[must_use]
    pub fn churned(self) -> T {
        self.churned
    }
    /// MRR of customers who came back.
    #[must_use]
    pub fn reactivation(self) -> T {
        self.reactivation
    }

    /// `amount / starting_mrr` for the metric `field`: `amount` must be in range first.
    #[inline(always)]
    fn per_starting_mrr<C: Checks>(self, c: &mut C, field: &'static str, amount: Checked<T>) -> Result<T, C::Error> {
        c.require(amount.ok(), || overflow(field))?;
        c.require(self.starting_mrr != T::ZERO, || LtvError::Undefined { field, reason: "starting_mrr is 0" })?;
        in_range(c, field, amount / self.starting_mrr)
    }

    /// MRR at the end: start + new + expansion + reactivation - contraction - churned.
    ///
    /// # Errors
    /// [`LtvError::Overflow`].
    #[inline]
    pub fn ending_mrr(self) -> Result<T> {
        self.ending_mrr_with(&mut FirstError)
    }

    /// [`Self::ending_mrr`] under any [`Checks`] policy.
    #[inline(always)]
    pub(crate) fn ending_mrr_with<C: Checks>(self, c: &mut C) -> Result<T, C::Error> {
        let gains = Checked::new(self.starting_mrr) + self.new + self.expansion + self.reactivation;
        in_range(c, "ending_mrr", gains - self.contraction - self.churned)
    }

    /// Gross MRR churn = (churned + contraction) / starting MRR.
    ///
    /// # Errors
    /// [`LtvError::Undefined`] when `starting_mrr` is 0, [`LtvError::Overflow`].
    #[inline]
    pub fn gross_mrr_churn(self) -> Result<T> {
        self.gross_mrr_churn_with(&mut FirstError)
    }

    /// [`Self::gross_mrr_churn`] under any [`Checks`] policy.
    #[inline(always)]
    pub(crate) fn gross_mrr_churn_with<C: Checks>(self, c: &mut C) -> Result<T, C::Error> {
        self.per_starting_mrr(c, "gross_mrr_churn", Checked::new(self.churned) + self.contraction)
    }

    /// Net MRR churn = (churned + contraction - expansion - reactivation) / starting MRR; negative when
    /// expansion outweighs losses.
    ///
    /// # Errors
    /// As [`Self::gross_mrr_churn`].
    #[inline]
    pub fn net_mrr_churn(self) -> Result<T> {
        self.net_mrr_churn_with(&mut FirstError)
    }

    /// [`Self::net_mrr_churn`] under any [`Checks`] policy.
    #[inline(always)]
    pub(crate) fn net_mrr_churn_with<C: Checks>(self, c: &mut C) -> Result<T, C::Error> {
        let lost = Checked::new(self.churned) + self.contraction;
        let regained = Checked::new(self.expansion) + self.reactivation;
        self.per_starting_mrr(c, "net_mrr_churn", lost - regained)
    }

    /// Net revenue retention (NRR, NDR) = (start + expansion + reactivation - contraction - churned) / start
    /// = 1 - net MRR churn.
    ///
    /// # Errors
    /// As [`Self::gross_mrr_churn`].
    #[inline]
    pub fn net_revenue_retention(self) -> Result<T> {
        self.net_revenue_retention_with(&mut FirstError)
    }

    /// [`Self::net_revenue_retention`] under any [`Checks`] policy.
    #[inline(always)]
    pub(crate) fn net_revenue_retention_with<C: Checks>(self, c: &mut C) -> Result<T, C::Error> {
        let kept = Checked::new(self.starting_mrr) - self.churned - self.contraction;
        self.per_starting_mrr(c, "net_revenue_retention", kept + self.expansion + self.reactivation)
    }

    /// Gross revenue retention (GRR) = (start - contraction - churned) / start, capped at 100 % by
    /// construction: expansion and reactivation never count.
    ///
    /// # Errors
    /// As [`Self::gross_mrr_churn`].
    #[inline]
    pub fn gross_revenue_retention(self) -> Result<T> {
        self.gross_revenue_retention_with(&mut FirstError)
    }

    /// [`Self::gross_revenue_retention`] under any [`Checks`] policy.
    #[inline(always)]
    pub(crate) fn gross_revenue_retention_with<C: Checks>(self, c: &mut C) -> Result<T, C::Error> {
        let kept = Checked::new(self.starting_mrr) - self.churned - self.contraction;
        self.per_starting_mrr(c, "gross_revenue_retention", kept)
    }

    /// SaaS quick ratio = (new + expansion + reactivation) / (churned + contraction): MRR gained per MRR lost
    /// (Mamoon Hamid's definition, with reactivation counted as a gain). Above 4 is considered efficient growth.
    ///
    /// # Errors
    /// [`LtvError::Undefined`] when nothing was lost, [`LtvError::Overflow`].
    #[inline]
    pub fn quick_ratio(self) -> Result<T> {
        self.quick_ratio_with(&mut FirstError)
    }

    /// [`Self::quick_ratio`] under any [`Checks`] policy.
    #[inline(always)]
    pub(crate) fn quick_ratio_with<C: Checks>(self, c: &mut C) -> Result<T, C::Error> {
        let gained = Checked::new(self.new) + self.expansion + self.reactivation;
        let lost = Checked::new(self.churned) + self.contraction;
        c.require(gained.ok() & lost.ok(), || overflow("quick_ratio"))?;
        c.require(lost.get() != T::ZERO, || LtvError::Undefined {
            field: "quick_ratio",
            reason: "no MRR was lost (churned + contraction = 0)",
        })?;
        in_range(c, "quick_ratio", gained / lost)
    }
}

/// Logo churn rate = customers lost in the period / customers at its start.
///
/// ```
/// use ltv_core::logo_churn_rate;
/// use ltv_core::Decimal;
/// assert_eq!(logo_churn_rate::<Decimal>(200, 6)?, Decimal::new(3, 2)); // 3 %
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::Undefined`] with no customers at the start; [`LtvError::InvalidInput`] when more customers are
/// lost than there were.
#[inline]
pub fn logo_churn_rate<T: Number>(customers_at_start: u32, customers_lost: u32) -> Result<T> {
    logo_churn_rate_with(&mut FirstError, T::from_u32(customers_at_start), T::from_u32(customers_lost))
}

/// [`logo_churn_rate`] under any [`Checks`] policy, on counts already checked to be whole numbers
/// from 0 to `u32::MAX`.
#[inline(always)]
pub(crate) fn logo_churn_rate_with<T: Number, C: Checks>(
    c: &mut C,
    customers_at_start: T,
    customers_lost: T,
) -> Result<T, C::Error> {
    c.require(customers_at_start != T::ZERO, || LtvError::Undefined {
        field: "logo_churn_rate",
        reason: "customers_at_start is 0",
    })?;
    c.require(customers_lost <= customers_at_start, || LtvError::InvalidInput {
        field: "customers_lost",
        value: customers_lost.to_string(),
        allowed: "at most customers_at_start",
        suggestion: None,
    })?;
    in_range(c, "logo_churn_rate", Checked::new(customers_lost) / customers_at_start)
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(bound(serialize = "T: Number + serde::Serialize", deserialize = "T: Number + serde::de::DeserializeOwned"))]
struct MrrMovementsRepr<T> {
    starting_mrr: Money<T>,
    #[serde(default = "zero_money")]
    new: Money<T>,
    #[serde(default = "zero_money")]
    expansion: Money<T>,
    #[serde(default = "zero_money")]
    contraction: Money<T>,
    #[serde(default = "zero_money")]
    churned: Money<T>,
    #[serde(default = "zero_money")]
    reactivation: Money<T>,
}

#[cfg(feature = "serde")]
fn zero_money<T: Number>() -> Money<T> {
    Money::new_unchecked(T::ZERO)
}

#[cfg(feature = "serde")]
impl<T: Number> TryFrom<MrrMovementsRepr<T>> for MrrMovements<T> {
    type Error = LtvError;
    fn try_from(r: MrrMovementsRepr<T>) -> Result<Self> {
        Self::new(r.starting_mrr, r.new, r.expansion, r.contraction, r.churned, r.reactivation)
    }
}

#[cfg(feature = "serde")]
impl<T: Number> From<MrrMovements<T>> for MrrMovementsRepr<T> {
    fn from(m: MrrMovements<T>) -> Self {
        Self {
            starting_mrr: Money::new_unchecked(m.starting_mrr),
            new: Money::new_unchecked(m.new),
            expansion: Money::new_unchecked(m.expansion),
            contraction: Money::new_unchecked(m.contraction),
            churned: Money::new_unchecked(m.churned),
            reactivation: Money::new_unchecked(m.reactivation),
        }
    }
}
